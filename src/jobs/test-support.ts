// Helpers for queue tests: a context on a fresh database, a registry of test job types, and
// waiting for a job to reach a state.
import type { AppContext } from '../app/context.js';
import { createTestContext } from '../http/test-app.js';
import type { JobRow } from '../modules/jobs/jobs.table.js';
import { createQueueRepository } from './queue.repository.js';

export async function createQueueTestContext(env: Record<string, string> = {}): Promise<AppContext & { cleanup(): Promise<void> }> {
  const { ctx, cleanup } = await createTestContext({
    WORKER_CPU_SLOTS: '2',
    WORKER_ENCODE_SLOTS: '1',
    WORKER_GPU_VRAM_MB: '0',
    ...env,
  });
  return Object.assign(ctx, { cleanup });
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
