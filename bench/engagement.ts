// Engagement write throughput: a mix of views, watch-time reports, upvotes, progress saves
// and moment reactions, skewed over 10k videos, against the real app (group-commit writer, durable acks),
// vs a bare no-op Fastify route in the same process; then checks the final counters equal
// the acknowledged requests exactly and the recount of the event rows.
// PGlite by default; a fresh database on PostgreSQL when DATABASE_URL is set.
//   npx tsx bench/engagement.ts        (ROUNDS=3 SECONDS=5 WARMUP=5 CONNECTIONS=50 VIDEOS=10000 to change)
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadConfig } from '../src/app/config.js';
import { createContext } from '../src/app/context.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { withDatabaseName } from '../src/db/test-database.js';
import { buildApp } from '../src/http/app.js';
import { createMetricsRegistry } from '../src/http/plugins/metrics.js';
import { createLogger } from '../src/shared/logger.js';
import { systemClock } from '../src/shared/clock.js';
import { createUsersUseCases } from '../src/modules/users/users.usecases.js';
import { reconcileCounters } from '../src/modules/engagement/engagement.reconcile.js';

const SECONDS = Number(process.env.SECONDS ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WARMUP = Number(process.env.WARMUP ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const VIDEOS = Number(process.env.VIDEOS ?? 10_000);
const USERS = 50;
const WATCH_SECONDS = 5;
const REACTION_TYPES = ['like', 'love', 'laugh', 'wow'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-bench-engagement-'));
const pgUrl = process.env.DATABASE_URL;

async function openDatabase(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (!pgUrl) {
    const database = await openPglite(path.join(dataDir, 'pglite'));
    return { database, cleanup: async () => {} };
  }
  const name = `reel_bench_engagement_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const database = openPostgres(withDatabaseName(pgUrl, name), { max: 10 });
  return {
    database,
    cleanup: async () => {
      const a = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Skewed video choice: a few hot videos take most of the traffic (roughly Zipf-like). */
const pickVideo = (first: number) => first + Math.floor(VIDEOS * Math.random() ** 3);

async function run(
  url: string,
  setup: (req: autocannon.Request, context: Record<string, unknown>) => autocannon.Request,
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void,
  seconds = SECONDS,
) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: setup as never, onResponse: onResponse as never }],
  });
  return result;
}

async function main() {
  const { database, cleanup } = await openDatabase();
  await migrate(database);
  const config = loadConfig({
    REEL_DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ANON_PER_MINUTE: '1000000',
    VIEW_DEDUPE_WINDOW: '0',
    DATABASE_URL: pgUrl ?? '',
  });
  const ctx = createContext({ config, database, logger: createLogger('silent'), clock: systemClock, metrics: createMetricsRegistry() });
  const [{ first }] = (await database.query<{ first: number }>(sql`
    with ins as (
      insert into videos (path, filename, title, duration_seconds, published, created_at)
      select '/bench/v' || g || '.mp4', 'v' || g || '.mp4', 'Video ' || g, 600, true, now() - make_interval(secs => g)
      from generate_series(1, ${VIDEOS}) g returning id)
    select min(id)::int as first from ins`)) as [{ first: number }];
  const users = createUsersUseCases(ctx);
  const app = await buildApp(ctx, { web: false });
  // Acknowledged = a 200 answer the server sends (autocannon drops its sockets at the end of
  // the run while answers are on the wire, so count them where they are sent).
  const acked = { view: 0, watch: 0, upvote: 0, progress: 0, reaction: 0 };
  const kindOf: Record<string, keyof typeof acked> = {
    'GET /api/media/public/:id': 'view',
    'POST /api/media/public/:id/watch-time': 'watch',
    'POST /api/media/public/:id/upvote': 'upvote',
    'PUT /api/videos/:id/progress': 'progress',
    'POST /api/reactions': 'reaction',
  };
  app.addHook('onSend', async (request, reply, payload) => {
    const kind = kindOf[`${request.method} ${request.routeOptions.url}`];
    if (kind && reply.statusCode === 200) acked[kind]++;
    return payload;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const u = await users.createUser({ email: `bench${i}@example.test`, password: 'password123', role: 'user' });
    tokens.push(app.signToken(u));
  }
  const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const bare = Fastify();
  bare.post('/noop', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  console.log(
    `engagement mix on ${database.kind}: ${VIDEOS} videos, ${CONNECTIONS} connections, ${WARMUP}s warm-up then ${ROUNDS} rounds of ${SECONDS}s per side`,
  );
  // The two sides alternate (bare, mix, bare, mix, …) so both see the same machine: this
  // host's speed drifts by ±15% over a minute, more than the differences being measured.
  const errors: Record<string, number> = {};
  let seq = 0;
  const json = { 'content-type': 'application/json' };
  const mixRequest = (req: autocannon.Request, context: Record<string, unknown>): autocannon.Request => {
    const n = seq++;
    const session = `bench-${n}-${(n * 2654435761) % 1e9}`;
    const id = pickVideo(first);
    const k = n % 5;
    context.kind = (['view', 'watch', 'upvote', 'progress', 'reaction'] as const)[k];
    if (k === 0) return { ...req, method: 'GET', path: `/api/media/public/${id}?sessionId=${session}`, headers: {}, body: undefined as never };
    if (k === 1) return { ...req, method: 'POST', path: `/api/media/public/${id}/watch-time`, headers: json, body: JSON.stringify({ sessionId: session, seconds: WATCH_SECONDS, position: 30 }) };
    if (k === 2) return { ...req, method: 'POST', path: `/api/media/public/${id}/upvote`, headers: json, body: JSON.stringify({ sessionId: session }) };
    if (k === 4) {
      return {
        ...req,
        method: 'POST',
        path: '/api/reactions',
        headers: { ...json, authorization: `Bearer ${tokens[n % USERS]}` },
        body: JSON.stringify({ mediaId: id, reactionType: REACTION_TYPES[n % REACTION_TYPES.length], videoTimestamp: (n * 7) % 600 }),
      };
    }
    return {
      ...req,
      method: 'PUT',
      path: `/api/videos/${id}/progress`,
      headers: { ...json, authorization: `Bearer ${tokens[n % USERS]}` },
      body: JSON.stringify({ watched_seconds: n % 600, duration_seconds: 600, last_position: n % 600 }),
    };
  };
  const countErrors = (status: number, _body: string, context: Record<string, unknown>) => {
    const kind = context.kind as string;
    if (status !== 200) errors[`${kind} ${status}`] = (errors[`${kind} ${status}`] ?? 0) + 1;
  };
  const bareRequest = (req: autocannon.Request): autocannon.Request => ({ ...req, method: 'POST', path: '/noop', headers: json, body: '{}' });
  // Both sides first run unmeasured for WARMUP seconds, so the rounds see the server as it is
  // after its first seconds (code JIT-compiled, the writer's and the database's caches filled)
  // rather than its start-up. The warm-up's writes count in the exactness check below.
  if (WARMUP > 0) {
    await run(bareUrl, bareRequest, undefined, WARMUP);
    await run(appUrl, mixRequest, countErrors, WARMUP);
  }
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const reference = await run(bareUrl, bareRequest);
    const mix = await run(appUrl, mixRequest, countErrors);
    const ratio = mix.requests.average / reference.requests.average;
    ratios.push(ratio);
    console.log(
      `  round ${round}: bare no-op ${reference.requests.average.toFixed(0).padStart(6)} req/s · engagement mix ${mix.requests.average.toFixed(0).padStart(6)} req/s ` +
        `(p50 ${mix.latency.p50} ms, p99 ${mix.latency.p99} ms) · ratio ${ratio.toFixed(3)}×`,
    );
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(`  ratio mix / bare, median of ${ROUNDS}: ${median.toFixed(3)}×   (goal ≥ 0.35×, stretch 0.5×)`);

  await app.close();
  await ctx.stop(); // flushes anything still queued
  const [totals] = await database.query<Record<string, string>>(sql`
    select sum(view_count) as views, sum(upvote_count) as upvotes, sum(total_watch_seconds) as watch,
           (select count(*) from video_progress) as progress_rows,
           (select count(*) from moment_reactions) as reactions,
           (select coalesce(sum(n), 0) from moment_reaction_timeline, unnest(counts) n) as reactions_timeline
    from video_stats`);
  const exact =
    Number(totals!.views) === acked.view &&
    Number(totals!.upvotes) === acked.upvote &&
    Number(totals!.watch) === acked.watch * WATCH_SECONDS &&
    Number(totals!.reactions) === acked.reaction &&
    Number(totals!.reactions_timeline) === acked.reaction;
  const recount = await reconcileCounters({ database });
  console.log(
    `  acknowledged: ${acked.view} views, ${acked.watch} watch reports, ${acked.upvote} upvotes, ${acked.progress} progress saves, ${acked.reaction} moment reactions` +
      (Object.keys(errors).length ? `; non-200: ${JSON.stringify(errors)}` : ''),
  );
  console.log(
    `  counters: views ${totals!.views}, upvotes ${totals!.upvotes}, watch ${totals!.watch}s, progress rows ${totals!.progress_rows}, ` +
      `moment reactions ${totals!.reactions} (heatmap pre-aggregate ${totals!.reactions_timeline}) → ` +
      `${exact ? 'exact' : 'MISMATCH'}; recount differences: ${recount.mismatches.length}`,
  );
  const flush = (await ctx.metrics.getSingleMetric('reel_counter_flush_batch_size')?.get())?.values;
  const sum = flush?.find((v) => (v as { metricName?: string }).metricName?.endsWith('_sum'))?.value ?? 0;
  const count = flush?.find((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))?.value ?? 0;
  if (count) console.log(`  ${count} batches, ${(sum / count).toFixed(1)} writes per batch on average`);

  await bare.close();
  await database.close();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
  if (!exact || recount.mismatches.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
