// Wake-ups without busy polling. In one process an EventEmitter carries "new work" and
// "cancel job N"; on PostgreSQL the same signals cross processes through NOTIFY, received on
// one dedicated LISTEN connection per process and re-emitted locally.
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from '../db/client.js';
import type { Logger } from '../shared/logger.js';

export const WAKE_CHANNEL = 'reel_jobs';
const WAKE = WAKE_CHANNEL;
const CANCEL = 'reel_job_cancel';

type SignalEvents = { wake: []; cancel: [id: number] };
type Hub = { emitter: EventEmitter<SignalEvents>; listeners: number; close?: () => Promise<void> };

const hubs = new WeakMap<Database, Hub>();

function hubFor(database: Database): Hub {
  let hub = hubs.get(database);
  if (!hub) {
    hub = { emitter: new EventEmitter<SignalEvents>(), listeners: 0 };
    hub.emitter.setMaxListeners(0);
    hubs.set(database, hub);
  }
  return hub;
}

/** Wakes this process's workers; `crossProcess` also NOTIFYs other processes on PostgreSQL. */
export async function signalWake(database: Database, crossProcess = true): Promise<void> {
  hubFor(database).emitter.emit('wake');
  if (crossProcess && database.kind === 'postgres') await database.query(sql`select pg_notify(${WAKE}, '')`);
}

export async function signalCancel(database: Database, id: number): Promise<void> {
  hubFor(database).emitter.emit('cancel', id);
  if (database.kind === 'postgres') await database.query(sql`select pg_notify(${CANCEL}, ${String(id)})`);
}

/** Subscribes to wake/cancel; on PostgreSQL the first subscriber opens the LISTEN connection. */
export async function subscribeSignals(
  database: Database,
  logger: Logger,
  handlers: { wake: () => void; cancel: (id: number) => void },
): Promise<() => Promise<void>> {
  const hub = hubFor(database);
  hub.emitter.on('wake', handlers.wake);
  hub.emitter.on('cancel', handlers.cancel);
  hub.listeners++;
  if (database.kind === 'postgres' && database.url && !hub.close) {
    const listener = postgres(database.url, { max: 1, onnotice: () => {} });
    hub.close = () => listener.end({ timeout: 2 });
    try {
      await listener.listen(WAKE, () => hub.emitter.emit('wake'));
      await listener.listen(CANCEL, (payload) => hub.emitter.emit('cancel', Number(payload)));
    } catch (err) {
      logger.warn({ err }, 'LISTEN failed; workers fall back to periodic polling');
    }
  }
  return async () => {
    hub.emitter.off('wake', handlers.wake);
    hub.emitter.off('cancel', handlers.cancel);
    if (--hub.listeners === 0 && hub.close) {
      const close = hub.close;
      hub.close = undefined;
      await close();
    }
  };
}
