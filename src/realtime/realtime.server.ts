// socket.io on the API's own HTTP server: the handshake carries the same JWT as the API
// (`auth.token`), each socket joins its user's room (and admins the admins room), and
// in-process events (ctx.events) are forwarded to those rooms. On PostgreSQL the Postgres
// adapter carries every emit to the other `reel serve` instances; on PGlite (one process)
// the in-memory adapter is all there is.
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { AppContext } from '../app/context.js';
import type { Service } from '../app/modules.js';
import type { ChatConversationEvent, ChatMessageEvent, ChatReadEvent } from '../modules/chat/chat.events.js';
import { createPostgresAdapter } from './realtime.adapter.js';
import {
  ADMINS_ROOM,
  userRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type JobUpdate,
  type ServerToClientEvents,
  type SocketData,
} from './realtime.events.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type Realtime = { io: RealtimeServer; close(): Promise<void> };

function tokenOf(handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }) {
  const fromAuth = handshake.auth?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const header = handshake.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7);
  return undefined;
}

/** Sends in-process events to the sockets' rooms (through the adapter: on every instance). */
function forwardEvents(ctx: AppContext, io: RealtimeServer): () => void {
  const rooms = (ids: number[]) => ids.map(userRoom);
  const onMessage = (e: ChatMessageEvent) => io.to(rooms(e.recipientIds)).emit('message:new', e.message);
  const onRead = ({ recipientIds, ...payload }: ChatReadEvent) => io.to(rooms(recipientIds)).emit('conversation:read', payload);
  const onConversation = (e: ChatConversationEvent) => io.to(rooms(e.recipientIds)).emit('conversation:new', e.conversation);
  const onJob = (job: JobUpdate) => io.to(ADMINS_ROOM).emit('job:updated', job);
  ctx.events.on('chat.message', onMessage);
  ctx.events.on('chat.read', onRead);
  ctx.events.on('chat.conversation', onConversation);
  ctx.events.on('job.updated', onJob);
  return () => {
    ctx.events.off('chat.message', onMessage);
    ctx.events.off('chat.read', onRead);
    ctx.events.off('chat.conversation', onConversation);
    ctx.events.off('job.updated', onJob);
  };
}

/**
 * For processes that serve no sockets (`reel worker`) on PostgreSQL: a socket.io server with
 * no HTTP server, only the Postgres adapter, so that their events (job progress) reach the
 * sockets connected to every `reel serve` instance.
 */
export async function startRealtimeRelay(ctx: AppContext): Promise<Realtime | undefined> {
  if (ctx.database.kind !== 'postgres' || !ctx.database.url) return undefined;
  const io: RealtimeServer = new Server({ serveClient: false });
  const pg = await createPostgresAdapter(ctx.database.url, ctx.logger);
  io.adapter(pg.adapter);
  const unforward = forwardEvents(ctx, io);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      unforward();
      await io.of('/').adapter.close();
      io.engine?.close();
      await pg.pool.end();
    })());
  ctx.onStop(close);
  return { io, close };
}

/** Attaches socket.io to `app.server` (listening or not). Stopped by `ctx.stop()` or `close()`. */
export async function attachRealtime(ctx: AppContext, app: FastifyInstance): Promise<Realtime> {
  const { corsOrigins } = ctx.config;
  const io: RealtimeServer = new Server(app.server, {
    serveClient: false,
    cors: {
      origin: (origin, cb) => cb(null, !origin || corsOrigins.includes('*') || corsOrigins.includes(origin)),
      credentials: true,
    },
  });

  let pool: { end(): Promise<void> } | undefined;
  if (ctx.database.kind === 'postgres' && ctx.database.url) {
    const pg = await createPostgresAdapter(ctx.database.url, ctx.logger);
    io.adapter(pg.adapter);
    pool = pg.pool;
  }

  io.use((socket, next) => {
    const token = tokenOf(socket.handshake);
    if (!token) return next(new Error('Authentication required'));
    try {
      socket.data.user = app.verifyToken(token);
      next();
    } catch {
      next(new Error('Invalid token'));
    }
  });

  io.on('connection', (socket) => {
    const { user } = socket.data;
    void socket.join(userRoom(user.id));
    if (user.role === 'admin') void socket.join(ADMINS_ROOM);
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ now: ctx.clock.now().toISOString() });
    });
  });

  const unforward = forwardEvents(ctx, io);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      unforward();
      // Only this instance's sockets: a broadcast disconnect would reach the other instances.
      io.local.disconnectSockets(true);
      await io.of('/').adapter.close();
      // Not io.close(): that also closes the HTTP server, which Fastify owns and closes itself.
      io.engine.close();
      await pool?.end();
    })());
  ctx.onStop(close);
  return { io, close };
}

/** `reel serve`: realtime on the API port, closed before the HTTP server drains. */
export const realtimeService: Service = async (ctx, app) => {
  const realtime = await attachRealtime(ctx, app);
  // Open websockets would otherwise keep the HTTP server from closing.
  app.addHook('preClose', () => realtime.close());
};
