// Starting workers: in-process for `reel serve` (the only way on PGlite) and alone for
// `reel worker` (PostgreSQL). Both check the registry first and stop gracefully.
import type { AppContext } from '../../app/context.js';
import { checkRegistry } from '../../jobs/registry.js';
import { JobWorker } from '../../jobs/worker.js';
import { JOB_TYPES, jobRegistry } from './jobs.registry.js';
import { createJobsUseCases, registerQueueMetrics } from './jobs.usecases.js';

export async function startWorkers(ctx: AppContext, opts: { maintainQueueView?: boolean } = {}): Promise<JobWorker> {
  checkRegistry(jobRegistry, JOB_TYPES);
  registerQueueMetrics(ctx);
  const { queue, pipelines } = createJobsUseCases(ctx);
  const worker = await new JobWorker(ctx, jobRegistry, { queue, pipelines, maintainQueueView: opts.maintainQueueView ?? true }).start();
  ctx.onStop(() => worker.stop());
  return worker;
}

/** The `serveServices` entry: workers inside `reel serve`. */
export const jobWorkersService = async (ctx: AppContext) => {
  await startWorkers(ctx);
};
