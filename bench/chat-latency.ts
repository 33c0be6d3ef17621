// Chat delivery latency: a message POSTed to one `reel serve` instance, timed until a
// socket.io client receives it. On PostgreSQL (DATABASE_URL) two instances share one
// fresh database and the client sits on the other instance (the Postgres adapter's hop);
// the reference in the same run is a client on the sending instance itself. On PGlite
// only the reference can run (one process owns the database).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/chat-latency.ts [messages]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadConfig } from '../src/app/config.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { withDatabaseName } from '../src/db/test-database.js';
import {
  connectClient,
  createUserToken,
  measureDelivery,
  nextEvent,
  startInstance,
  type ClientSocket,
  type Instance,
} from '../src/realtime/test-realtime.js';

const COUNT = Number(process.argv[2] ?? 200);
const baseUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-bench-chat-'));
const dbName = `reel_bench_chat_${randomBytes(4).toString('hex')}`;

async function adminSql(statement: string) {
  const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

async function openDatabase(): Promise<{ url?: string; open: () => Promise<Database> }> {
  if (!baseUrl) {
    const db = await openPglite(path.join(dataDir, 'db'));
    await migrate(db);
    return { open: async () => db };
  }
  await adminSql(`create database ${dbName}`);
  const url = withDatabaseName(baseUrl, dbName);
  const first = openPostgres(url, { max: 4 });
  await migrate(first);
  await first.close();
  return { url, open: async () => openPostgres(url, { max: 10 }) };
}

const f = (ms: number) => `${ms.toFixed(2)} ms`;

async function main() {
  const { url, open } = await openDatabase();
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    REEL_DATA_DIR: dataDir,
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const databases: Database[] = [];
  const instances: Instance[] = [];
  const sockets: ClientSocket[] = [];
  try {
    const dbA = await open();
    databases.push(dbA);
    const a = await startInstance(config, dbA);
    instances.push(a);
    let b: Instance | undefined;
    if (url) {
      const dbB = await open();
      databases.push(dbB);
      b = await startInstance(config, dbB);
      instances.push(b);
    }

    const [receiver, ...senders] = await Promise.all(
      ['receiver', 'sender1', 'sender2', 'sender3', 'sender4'].map((n) => createUserToken(a.app, a.ctx, n)),
    );
    const group = await a.app.inject({
      method: 'POST',
      url: '/api/chat/conversations',
      headers: senders[0]!.auth,
      payload: { user_ids: [receiver!.id, ...senders.slice(1).map((s) => s.id)], title: 'bench' },
    });
    const conversationId = group.json().id as number;
    const onA = await connectClient(a.port, receiver!.token);
    sockets.push(onA);
    const senderAuths = senders.map((s) => s.auth);

    console.log(`chat delivery latency, ${COUNT} messages each, database: ${url ? 'PostgreSQL' : 'PGlite'}`);
    const same = await measureDelivery({ sender: a, receiver: onA, conversationId, senders: senderAuths, count: COUNT });
    console.log(
      `  same instance (reference): end-to-end p50 ${f(same.endToEnd.p50)} p95 ${f(same.endToEnd.p95)} · realtime hop p50 ${f(same.hop.p50)} p95 ${f(same.hop.p95)}`,
    );
    if (!b) {
      console.log('  cross-instance: needs PostgreSQL (set DATABASE_URL)');
      return;
    }
    const onB = await connectClient(b.port, receiver!.token);
    sockets.push(onB);
    // Wait for B's LISTEN connection before timing.
    for (let i = 0; ; i++) {
      const got = nextEvent(onB, 'message:new', 1000, (m) => m.body === 'warm-up').then(() => true, () => false);
      await a.app.inject({ method: 'POST', url: `/api/chat/conversations/${conversationId}/messages`, headers: senderAuths[0]!, payload: { body: 'warm-up' } });
      if (await got) break;
      if (i > 15) throw new Error('instance B never received a message from A');
    }
    const cross = await measureDelivery({ sender: a, receiver: onB, conversationId, senders: senderAuths, count: COUNT });
    console.log(
      `  A → B (Postgres adapter):  end-to-end p50 ${f(cross.endToEnd.p50)} p95 ${f(cross.endToEnd.p95)} · realtime hop p50 ${f(cross.hop.p50)} p95 ${f(cross.hop.p95)}`,
    );
    console.log(
      `  ratio cross/same: end-to-end p95 ×${(cross.endToEnd.p95 / same.endToEnd.p95).toFixed(2)} · hop p50 ×${(cross.hop.p50 / same.hop.p50).toFixed(2)} · hop p95 ×${(cross.hop.p95 / same.hop.p95).toFixed(2)}`,
    );
  } finally {
    for (const s of sockets) s.close();
    for (const i of instances.reverse()) await i.close();
    for (const d of databases) await d.close().catch(() => {});
    if (url) await adminSql(`drop database if exists ${dbName} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
