// What every feature is built from: passed explicitly to routes, use cases, jobs and CLI.
import { EventEmitter } from 'node:events';
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../shared/logger.js';
import type { Clock } from '../shared/clock.js';
import type { ChatConversationEvent, ChatMessageEvent, ChatReadEvent } from '../modules/chat/chat.events.js';

/**
 * In-process events that realtime delivery (socket.io) forwards to clients: features emit
 * here and never know about sockets. Keys are event names, values their payloads.
 */
export interface AppEvents {
  'job.updated': [payload: { id: number; status: string; progress: number; type: string; [k: string]: unknown }];
  'chat.message': [payload: ChatMessageEvent];
  'chat.read': [payload: ChatReadEvent];
  'chat.conversation': [payload: ChatConversationEvent];
}

export class AppEventBus extends EventEmitter<AppEvents> {}

export type AppContext = {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  metrics: Registry;
  events: AppEventBus;
  /** Registered by features that hold resources (flushers, workers); run in reverse at stop. */
  onStop(fn: () => Promise<void> | void): void;
  stop(): Promise<void>;
};

export function createContext(parts: Omit<AppContext, 'events' | 'onStop' | 'stop'>): AppContext {
  const stops: Array<() => Promise<void> | void> = [];
  return {
    ...parts,
    events: new AppEventBus(),
    onStop: (fn) => void stops.push(fn),
    stop: async () => {
      while (stops.length) await stops.pop()!();
    },
  };
}
