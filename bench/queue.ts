// Reel's job queue vs pg-boss 10 on the same PostgreSQL, in one run: 8 concurrent workers,
// 20,000 no-op jobs enqueued in batches of 1,000, timed from the first enqueue until every
// job is completed in the database. Prints jobs/s, median enqueue-to-start latency and the
// ratios. Uses a fresh database that it drops at the end.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/queue.ts
//   (JOBS=20000 WORKERS=8 CONCURRENCY=32 to change the shape; ONLY=reel or ONLY=pg-boss)
//
// Both sides get the same per-worker concurrency: Reel's worker runs CONCURRENCY jobs at
// once, pg-boss's work() fetches batches of CONCURRENCY. pg-boss 10 polls (0.5 s is its
// minimum interval), so its ceiling is WORKERS × CONCURRENCY / 0.5 s; Reel is woken by
// NOTIFY and claims the next batch in the statement that completes the last one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadConfig } from '../src/app/config.js';
import { createContext } from '../src/app/context.js';
import { openPostgres } from '../src/db/client.js';
import { withDatabaseName } from '../src/db/test-database.js';
import { migrate } from '../src/db/migrate.js';
import { createMetricsRegistry } from '../src/http/plugins/metrics.js';
import { createLogger } from '../src/shared/logger.js';
import { systemClock } from '../src/shared/clock.js';
import { defineJob, type JobRegistry } from '../src/jobs/registry.js';
import { createJobQueue } from '../src/jobs/queue.js';
import { JobWorker } from '../src/jobs/worker.js';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(process.env.JOBS ?? 20_000);
const WORKERS = Number(process.env.WORKERS ?? 8);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const BATCH = 1000;

type Result = { name: string; seconds: number; enqueueSeconds: number; jobsPerSecond: number; medianLatencyMs: number; p95LatencyMs: number };

const median = (xs: number[], q = 0.5) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
};

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 300_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function benchReel(url: string): Promise<Result> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), REEL_DATA_DIR: dataDir, DATABASE_URL: url });
  const database = openPostgres(url, { max: 10 });
  await migrate(database);
  const ctx = createContext({ config, database, logger: createLogger('silent'), clock: systemClock, metrics: createMetricsRegistry() });
  const latencies: number[] = [];
  const registry: JobRegistry = {
    noop: defineJob({ schema: z.object({ t: z.number() }), handler: async (run) => void latencies.push(Date.now() - run.params.t) }),
  };
  const queue = createJobQueue(ctx, registry);
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => new JobWorker(ctx, registry, { name: `bench-${i}`, queue, capacity: { cpuSlots: CONCURRENCY, encodeSlots: 0, gpuVramMb: 0 }, pollMs: 1000 }).start()),
  );
  const started = performance.now();
  for (let i = 0; i < JOBS; i += BATCH) {
    const t = Date.now();
    await queue.enqueueBulk(Array.from({ length: Math.min(BATCH, JOBS - i) }, () => ({ type: 'noop', params: { t } })));
  }
  const enqueueSeconds = (performance.now() - started) / 1000;
  await waitUntil(async () => {
    const [r] = await database.query<{ n: number }>(sql`select count(*)::int as n from jobs where status = 'completed'`);
    return Number(r!.n) >= JOBS;
  });
  const seconds = (performance.now() - started) / 1000;
  for (const w of workers) await w.stop(1000);
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { name: 'reel', seconds, enqueueSeconds, jobsPerSecond: JOBS / seconds, medianLatencyMs: median(latencies), p95LatencyMs: median(latencies, 0.95) };
}

async function benchPgBoss(url: string): Promise<Result> {
  const boss = new PgBoss({ connectionString: url, max: 10, schedule: false, supervise: false });
  boss.on('error', (err) => console.error('pg-boss:', err.message));
  await boss.start();
  await boss.createQueue('noop');
  const latencies: number[] = [];
  for (let i = 0; i < WORKERS; i++) {
    await boss.work<{ t: number }>('noop', { batchSize: CONCURRENCY, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const j of jobs) latencies.push(Date.now() - j.data.t);
    });
  }
  const check = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  for (let i = 0; i < JOBS; i += BATCH) {
    const t = Date.now();
    await boss.insert(Array.from({ length: Math.min(BATCH, JOBS - i) }, () => ({ name: 'noop', data: { t } })));
  }
  const enqueueSeconds = (performance.now() - started) / 1000;
  await waitUntil(async () => {
    const [r] = await check`select count(*)::int as n from pgboss.job where name = 'noop' and state = 'completed'`;
    return Number(r!.n) >= JOBS;
  });
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: true, wait: true, timeout: 5000 });
  await check.end();
  return { name: 'pg-boss@10', seconds, enqueueSeconds, jobsPerSecond: JOBS / seconds, medianLatencyMs: median(latencies), p95LatencyMs: median(latencies, 0.95) };
}

async function main() {
  const name = `reel_bench_queue_${randomBytes(4).toString('hex')}`;
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabaseName(BASE_URL, name);
  try {
    console.log(`queue benchmark: ${JOBS} no-op jobs, ${WORKERS} workers × ${CONCURRENCY} concurrent, batches of ${BATCH}, database ${name}`);
    const only = process.env.ONLY;
    const boss = only === 'reel' ? undefined : await benchPgBoss(url);
    const reel = only === 'pg-boss' ? undefined : await benchReel(url);
    if (!boss || !reel) {
      for (const r of [boss, reel]) if (r) console.log(`${r.name}: ${Math.round(r.jobsPerSecond)} jobs/s, median ${r.medianLatencyMs} ms`);
      return;
    }
    for (const r of [boss, reel]) {
      console.log(
        `${r.name.padEnd(11)} ${r.seconds.toFixed(2)} s (enqueue ${r.enqueueSeconds.toFixed(2)} s)  ${Math.round(r.jobsPerSecond).toString().padStart(6)} jobs/s  enqueue→start median ${r.medianLatencyMs.toFixed(0)} ms, p95 ${r.p95LatencyMs.toFixed(0)} ms`,
      );
    }
    console.log(`throughput ratio reel / pg-boss: ${(reel.jobsPerSecond / boss.jobsPerSecond).toFixed(2)}×`);
    console.log(`median latency ratio reel / pg-boss: ${(reel.medianLatencyMs / boss.medianLatencyMs).toFixed(2)} (lower is better)`);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
