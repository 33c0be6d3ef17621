// Two `reel serve` instances on one PostgreSQL database: a message posted through A
// reaches a client connected to B through the socket.io Postgres adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../src/http/test-app.js';
import {
  connectClient,
  listenWithRealtime,
  measureDelivery,
  nextEvent,
  startInstance,
  type ClientSocket,
  type Instance,
} from '../../src/realtime/test-realtime.js';

describe.skipIf(!process.env.DATABASE_URL)('realtime across two instances (PostgreSQL)', () => {
  let t: TestApp;
  let a: Instance;
  let b: Instance;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const rt = await listenWithRealtime(t.app, t.ctx);
    a = { ...rt, close: rt.realtime.close };
    b = await startInstance(t.config, t.ctx.database);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b?.close();
    await a?.close();
    await t?.close();
  });

  it('creates the adapter table', async () => {
    const [row] = await t.ctx.database.query<{ t: string | null }>(sql`select to_regclass('socket_io_attachments')::text as t`);
    expect(row!.t).toBe('socket_io_attachments');
  });

  it('a message posted through A reaches a client on B; p95 delivery latency over 200 messages', async () => {
    const [ann, bob, cy, di] = [await t.login(), await t.login(), await t.login(), await t.login()];
    const group = await t.app.inject({
      method: 'POST',
      url: '/api/chat/conversations',
      headers: ann.auth,
      payload: { user_ids: [bob.id, cy.id, di.id], title: 'latency' },
    });
    const conversationId = group.json().id as number;
    const onB = await connectClient(b.port, bob.token);
    const onA = await connectClient(a.port, bob.token);
    sockets.push(onB, onA);

    // The adapter's LISTEN connection comes up asynchronously: wait until A → B works once.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const arrived = nextEvent(onB, 'message:new', 1000, (m) => m.body === 'warm-up');
      await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${conversationId}/messages`, headers: ann.auth, payload: { body: 'warm-up' } });
      if (await arrived.then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error('B never received a message posted through A');
    }

    // Every message arrives exactly once on B, and on a socket of the same user on A.
    const seenOnB: number[] = [];
    const seenOnA: number[] = [];
    // A warm-up message still in flight must not be counted with the measured ones.
    onB.on('message:new', (m) => m.body !== 'warm-up' && seenOnB.push(m.id));
    onA.on('message:new', (m) => m.body !== 'warm-up' && seenOnA.push(m.id));
    const senders = [ann.auth, cy.auth, di.auth];
    const cross = await measureDelivery({ sender: a, receiver: onB, conversationId, senders, count: 200 });
    const local = await measureDelivery({ sender: a, receiver: onA, conversationId, senders, count: 50 });
    await new Promise((r) => setTimeout(r, 200));
    expect(cross.delivered).toBe(200);
    expect(new Set(seenOnB).size).toBe(seenOnB.length);
    expect(seenOnB.length).toBe(250);
    expect(seenOnA.length).toBe(250);

    const f = (ms: number) => `${ms.toFixed(2)} ms`;
    console.log(
      `[realtime] A→B over PostgreSQL, 200 messages: end-to-end (POST→socket) p50 ${f(cross.endToEnd.p50)} p95 ${f(cross.endToEnd.p95)}; ` +
        `realtime hop p50 ${f(cross.hop.p50)} p95 ${f(cross.hop.p95)}; same-instance reference hop p50 ${f(local.hop.p50)} p95 ${f(local.hop.p95)}`,
    );
    // Generous: this machine is shared, but a second-long delivery would be a bug.
    expect(cross.endToEnd.p95).toBeLessThan(1000);
  });

  it('a message posted through B reaches A too (both directions)', async () => {
    const [ann, bob] = [await t.login(), await t.login()];
    const dm = (await b.app.inject({ method: 'POST', url: '/api/chat/conversations', headers: ann.auth, payload: { user_id: bob.id } })).json();
    const onA = await connectClient(a.port, bob.token);
    sockets.push(onA);
    const arrived = nextEvent(onA, 'message:new', 10_000, (m) => m.body === 'from B');
    await b.app.inject({ method: 'POST', url: `/api/chat/conversations/${dm.id}/messages`, headers: ann.auth, payload: { body: 'from B' } });
    expect((await arrived).conversation_id).toBe(dm.id);
  });
});
