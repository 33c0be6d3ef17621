// The socket.io contract: every event a client can receive or send, with its payload.
// The web client types its socket with the same maps.
import type { AppEvents } from '../app/context.js';
import type { AuthUser } from '../http/plugins/auth.js';
import type { ChatMessage } from '../modules/chat/chat.schemas.js';

export type JobUpdate = AppEvents['job.updated'][0];

export interface ServerToClientEvents {
  /** A new message in one of my conversations (mine included, for my other devices). */
  'message:new': (message: ChatMessage) => void;
  /** A member moved their read marker. */
  'conversation:read': (payload: { conversation_id: number; user_id: number; last_read_message_id: number }) => void;
  /** I was added to a new conversation. */
  'conversation:new': (payload: { id: number; type: 'dm' | 'group'; title: string | null; member_ids: number[] }) => void;
  /** Admins only: a job's status or progress changed. */
  'job:updated': (payload: JobUpdate) => void;
}

/** Clients only listen for now; sending goes through the HTTP API (validated, rate-limited). */
export interface ClientToServerEvents {
  /** Round-trip check; answers with the server's time. */
  ping: (ack: (payload: { now: string }) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: AuthUser;
}

export const userRoom = (userId: number) => `user:${userId}`;
export const ADMINS_ROOM = 'admins';
