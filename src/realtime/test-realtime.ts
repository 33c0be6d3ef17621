// Helpers for realtime tests and the chat latency bench (excluded from the build as test-*.ts):
// listening instances with socket.io on a given database, socket clients, timing.
import { io as connect, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../app/config.js';
import { createContext, type AppContext } from '../app/context.js';
import type { Database } from '../db/client.js';
import { buildApp } from '../http/app.js';
import { createMetricsRegistry } from '../http/plugins/metrics.js';
import { createUsersUseCases } from '../modules/users/users.usecases.js';
import { createLogger } from '../shared/logger.js';
import { systemClock } from '../shared/clock.js';
import { attachRealtime, type Realtime } from './realtime.server.js';
import type { ClientToServerEvents, ServerToClientEvents } from './realtime.events.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Instance = { app: FastifyInstance; ctx: AppContext; port: number; realtime: Realtime; close(): Promise<void> };

/** Makes a listening app with realtime on an already open `app`/`ctx`. */
export async function listenWithRealtime(app: FastifyInstance, ctx: AppContext): Promise<Omit<Instance, 'close'>> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const realtime = await attachRealtime(ctx, app);
  return { app, ctx, port, realtime };
}

/**
 * Another `reel serve` on the same database (and JWT secret): what a second instance
 * behind a load balancer is. Closing it leaves the database open for its owner.
 */
export async function startInstance(config: Config, database: Database): Promise<Instance> {
  const ctx = createContext({
    config,
    database,
    logger: createLogger(config.logLevel),
    clock: systemClock,
    metrics: createMetricsRegistry(),
  });
  const app = await buildApp(ctx, { web: false });
  await app.ready();
  const instance = await listenWithRealtime(app, ctx);
  return {
    ...instance,
    async close() {
      await instance.realtime.close();
      await app.close();
      await ctx.stop();
    },
  };
}

export async function createUserToken(app: FastifyInstance, ctx: AppContext, name: string, role: 'admin' | 'user' = 'user') {
  const user = await createUsersUseCases(ctx).createUser({
    email: `${name}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
    password: 'password123',
    displayName: name,
    role,
  });
  const token = app.signToken(user);
  return { id: user.id, token, auth: { authorization: `Bearer ${token}` } };
}

/** Connects a websocket client and waits until the server accepted (or refused) it. */
export function connectClient(port: number, token: string | undefined): Promise<ClientSocket> {
  const socket: ClientSocket = connect(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next `event` the socket receives that matches, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  ms = 5000,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    };
    socket.on(event, handler as never);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Posts `count` messages one after another through `sender` and times each one's arrival
 * on `receiver`: end to end (POST start → socket event) and the realtime hop alone (the
 * sending instance's in-process event → socket event). Senders take turns so no one
 * reaches the per-user message rate limit.
 */
export async function measureDelivery(opts: {
  sender: Instance;
  receiver: ClientSocket;
  conversationId: number;
  senders: Array<Record<string, string>>;
  count: number;
}) {
  const endToEnd: number[] = [];
  const hop: number[] = [];
  let emittedAt = 0;
  const onEmit = () => {
    emittedAt = performance.now();
  };
  opts.sender.ctx.events.on('chat.message', onEmit);
  try {
    for (let i = 0; i < opts.count; i++) {
      const body = `latency ${i} ${Math.random()}`;
      // Stamped in the event's own continuation, not after the POST's response.
      const arrived = nextEvent(opts.receiver, 'message:new', 5000, (m) => m.body === body).then(() => performance.now());
      const started = performance.now();
      const res = await opts.sender.app.inject({
        method: 'POST',
        url: `/api/chat/conversations/${opts.conversationId}/messages`,
        headers: opts.senders[i % opts.senders.length]!,
        payload: { type: 'text', body },
      });
      if (res.statusCode !== 201) throw new Error(`POST failed: ${res.statusCode} ${res.body}`);
      const at = await arrived;
      endToEnd.push(at - started);
      hop.push(at - emittedAt);
    }
  } finally {
    opts.sender.ctx.events.off('chat.message', onEmit);
  }
  const summary = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1]! };
  };
  return { endToEnd: summary(endToEnd), hop: summary(hop), delivered: endToEnd.length };
}
