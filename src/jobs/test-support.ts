// Helpers for queue tests: a context on a fresh database, a registry of test job types, and
// waiting for a job to reach a state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config.js';
import { createContext, type AppContext } from '../app/context.js';
import { createTestDatabase } from '../db/test-database.js';
import { createMetricsRegistry } from '../http/plugins/metrics.js';
import { createLogger } from '../shared/logger.js';
import { systemClock } from '../shared/clock.js';
import type { JobRow } from '../modules/jobs/jobs.table.js';
import { createQueueRepository } from './queue.repository.js';

export async function createQueueTestContext(env: Record<string, string> = {}): Promise<AppContext & { cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-jobs-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-000',
    REEL_DATA_DIR: dataDir,
    WORKER_CPU_SLOTS: '2',
    WORKER_ENCODE_SLOTS: '1',
    WORKER_GPU_VRAM_MB: '0',
    ...env,
  });
  const database = await createTestDatabase();
  const ctx = createContext({ config, database, logger: createLogger(config.logLevel), clock: systemClock, metrics: createMetricsRegistry() });
  return Object.assign(ctx, {
    async cleanup() {
      await ctx.stop();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export async function waitForJob(
  ctx: AppContext,
  id: number,
  done: (job: JobRow) => boolean = (j) => ['completed', 'failed', 'cancelled'].includes(j.status),
  timeoutMs = 20_000,
): Promise<JobRow> {
  const repo = createQueueRepository(ctx.database);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await repo.get(id);
    if (job && done(job)) return job;
    if (Date.now() > until) throw new Error(`job ${id} did not reach the expected state (is ${job?.status}, ${job?.error ?? ''})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
