// A `reel worker` process serves no sockets: its job progress must still reach the admins
// connected to a `reel serve` instance, through the Postgres adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../app/context.js';
import { createMetricsRegistry } from '../http/plugins/metrics.js';
import { createTestApp, type TestApp } from '../http/test-app.js';
import { openPostgres } from '../db/client.js';
import { createLogger } from '../shared/logger.js';
import { systemClock } from '../shared/clock.js';
import { startRealtimeRelay } from './realtime.server.js';
import { connectClient, listenWithRealtime, nextEvent, type ClientSocket } from './test-realtime.js';

describe.skipIf(!process.env.DATABASE_URL)('realtime relay from a worker process (PostgreSQL)', () => {
  let t: TestApp;
  let closeRealtime: () => Promise<void>;
  let admin: ClientSocket;
  let worker: AppContext;

  beforeAll(async () => {
    t = await createTestApp();
    const rt = await listenWithRealtime(t.app, t.ctx);
    closeRealtime = rt.realtime.close;
    admin = await connectClient(rt.port, (await t.login({ role: 'admin' })).token);
    // What `reel worker` has: its own connection to the same database, no HTTP server.
    const database = openPostgres(t.ctx.database.url!, { max: 2 });
    worker = createContext({ config: t.config, database, logger: createLogger('silent'), clock: systemClock, metrics: createMetricsRegistry() });
    worker.onStop(() => database.close());
    expect(await startRealtimeRelay(worker)).toBeDefined();
  });
  afterAll(async () => {
    admin?.close();
    await worker?.stop();
    await closeRealtime?.();
    await t?.close();
  });

  it('delivers job updates emitted in the worker to admins on the serving instance', async () => {
    // The adapter subscribes asynchronously: emit until the first one arrives.
    const got = nextEvent(admin, 'job:updated', 10_000);
    const timer = setInterval(() => worker.events.emit('job.updated', { id: 42, status: 'running', progress: 50, type: 'generate_gif' }), 100);
    try {
      expect(await got).toMatchObject({ id: 42, status: 'running', progress: 50 });
    } finally {
      clearInterval(timer);
    }
  });
});
