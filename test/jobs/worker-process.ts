// A job worker in its own process, for the multi-process queue tests: it runs jobs that
// record each run in `job_runs`, so the test can count how many times every job ran.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadConfig } from '../../src/app/config.js';
import { createContext } from '../../src/app/context.js';
import { openPostgres } from '../../src/db/client.js';
import { createMetricsRegistry } from '../../src/http/plugins/metrics.js';
import { createLogger } from '../../src/shared/logger.js';
import { systemClock } from '../../src/shared/clock.js';
import { defineJob, type JobRegistry } from '../../src/jobs/registry.js';
import { JobWorker } from '../../src/jobs/worker.js';

export const recordRegistry: JobRegistry = {
  record: defineJob({
    schema: z.object({ sleepMs: z.number().int().min(0).default(0) }),
    async handler(run) {
      await run.ctx.database.query(sql`insert into job_runs (job_id, worker, phase) values (${run.id}, ${process.env.WORKER_NAME ?? ''}, 'start')`);
      if (run.params.sleepMs) await new Promise((r) => setTimeout(r, run.params.sleepMs));
      await run.ctx.database.query(sql`insert into job_runs (job_id, worker, phase) values (${run.id}, ${process.env.WORKER_NAME ?? ''}, 'done')`);
    },
  }),
};

async function main() {
  const url = process.env.WORKER_DATABASE_URL!;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), REEL_DATA_DIR: process.env.WORKER_DATA_DIR!, DATABASE_URL: url });
  const database = openPostgres(url, { max: 4 });
  const ctx = createContext({ config, database, logger: createLogger('silent'), clock: systemClock, metrics: createMetricsRegistry() });
  const worker = await new JobWorker(ctx, recordRegistry, {
    name: process.env.WORKER_NAME,
    leaseMs: Number(process.env.LEASE_MS ?? 30_000),
    capacity: { cpuSlots: Number(process.env.CPU_SLOTS ?? 8), encodeSlots: 0, gpuVramMb: 0 },
  }).start();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void worker.stop(2000).then(() => database.close()).then(() => process.exit(0)));
}

if (process.env.WORKER_DATABASE_URL) void main();
