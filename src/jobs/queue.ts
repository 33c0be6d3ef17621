// The queue as the rest of Reel sees it: enqueue (validated against the registry), cancel,
// retry, the queue view with positions and waiting reasons, and job events. Workers
// (worker.ts) take jobs off it; pipelines (pipelines.ts) chain jobs on it.
import { isUniqueViolation } from '../db/errors.js';
import type { AppContext } from '../app/context.js';
import { ONE_ACTIVE_SCAN_INDEX, type JobRow, type ResourceCategory } from '../modules/jobs/jobs.table.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { describeZodError, jobDefaults, type JobRegistry } from './registry.js';
import { createQueueRepository, type NewJob } from './queue.repository.js';
import { createNodesRepository } from './nodes.repository.js';
import { emptyUsage, addUsage, waitingReason, type NodeState } from './capacity.js';
import { signalCancel, signalWake } from './signals.js';

export type EnqueueInput = {
  type: string;
  params?: Record<string, unknown>;
  priority?: number;
  resourceCategory?: ResourceCategory;
  vramRequired?: number;
  pipelineId?: number | null;
  pipelineStepId?: number | null;
};

export type QueueDeps = Pick<AppContext, 'database' | 'events' | 'logger'>;

export function jobEvent(job: JobRow) {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: job.progress,
    error: job.error,
    resourceCategory: job.resourceCategory,
    pipelineId: job.pipelineId,
    attempts: job.attempts,
  };
}

export function createJobQueue(deps: QueueDeps, registry: JobRegistry) {
  const repo = createQueueRepository(deps.database);
  const nodesRepo = createNodesRepository(deps.database);
  const emit = (job: JobRow) => deps.events.emit('job.updated', jobEvent(job));

  /** Validates against the registry and fills the type's defaults; throws 400 naming the field. */
  function prepare(input: EnqueueInput): NewJob {
    const def = registry[input.type];
    if (!def) throw badRequest(`type must be one of: ${Object.keys(registry).join(', ')}`, undefined, 'UNKNOWN_JOB_TYPE');
    const parsed = def.schema.safeParse(input.params ?? {});
    if (!parsed.success) throw badRequest(describeZodError(parsed.error), parsed.error.issues, 'INVALID_JOB_PARAMS');
    const d = jobDefaults(def);
    const category = input.resourceCategory ?? d.category;
    const vram = input.vramRequired ?? d.vramMb;
    if (vram > 0 && category === 'cpu') throw badRequest('vramRequired needs resourceCategory gpu_ai or gpu_encode', undefined, 'INVALID_JOB_PARAMS');
    return {
      type: input.type,
      // The raw params are stored (not the parsed output) so a later schema change is
      // caught when the job is claimed.
      params: input.params ?? {},
      priority: input.priority ?? 5,
      resourceCategory: category,
      vramRequired: vram,
      maxAttempts: d.maxAttempts,
      pipelineId: input.pipelineId,
      pipelineStepId: input.pipelineStepId,
    };
  }

  async function enqueueMany(inputs: EnqueueInput[]): Promise<JobRow[]> {
    const rows = await repo.insertJobs(inputs.map(prepare));
    await signalWake(deps.database, false); // the insert itself NOTIFYs other processes
    if (rows.length <= 100) for (const row of rows) emit(row);
    return rows;
  }

  async function get(id: number): Promise<JobRow> {
    const job = await repo.get(id);
    if (!job) throw notFound('Job not found', 'JOB_NOT_FOUND');
    return job;
  }

  /** Positions per category and a reason for every waiting job; saved on the rows too. */
  async function queueView(limitPerCategory = 200) {
    const [waiting, nodes, running] = await Promise.all([repo.waiting(limitPerCategory), nodesRepo.list(), repo.runningByWorker()]);
    const live: NodeState[] = nodes
      .filter((n) => n.alive)
      .map((n) => ({ name: n.name, cpuSlots: n.cpuSlots, encodeSlots: n.encodeSlots, gpuVramMb: n.gpuVramMb, usage: emptyUsage() }));
    for (const r of running) {
      const node = live.find((n) => n.name === r.workerName);
      if (node) addUsage(node.usage, r.category, r.vram, 1);
    }
    const now = new Date();
    const reasonFor = (j: (typeof waiting)[number]) =>
      registry[j.type] ? waitingReason(j, live, j.position, now) : `no worker runs job type ${j.type} (not in the registry)`;
    const jobs = waiting.map((j) => ({ ...j, queuePosition: j.position, waitingReason: reasonFor(j) }));
    await repo.saveQueueView(jobs.map((j) => ({ id: j.id, position: j.position, reason: j.waitingReason })));
    return { jobs, nodes: live };
  }

  return {
    registry,
    repo,
    prepare,
    enqueueMany,
    enqueue: async (input: EnqueueInput) => (await enqueueMany([input]))[0]!,
    /** Many jobs at once for producers that need no rows back (like pg-boss's insert); returns the count. */
    async enqueueBulk(inputs: EnqueueInput[]): Promise<number> {
      const count = await repo.insertJobsCount(inputs.map(prepare));
      await signalWake(deps.database, false);
      return count;
    },
    get,
    list: repo.list,
    queueView,
    emit,

    async cancel(id: number): Promise<JobRow> {
      const job = await repo.requestCancel(id);
      if (!job) {
        const current = await get(id);
        throw conflict(`Job is already ${current.status}`, undefined, 'JOB_FINISHED');
      }
      if (job.status === 'running') await signalCancel(deps.database, id);
      else emit(job);
      return job;
    },

    async retry(id: number): Promise<JobRow> {
      const job = await repo.requeue(id, `[retried by an admin at ${new Date().toISOString()}]\n`).catch((err: unknown) => {
        // A job that may only run one at a time (a scan) while another one is active.
        if (isUniqueViolation(err, ONE_ACTIVE_SCAN_INDEX)) throw conflict('Another job of this type is already waiting or running', undefined, 'JOB_ALREADY_ACTIVE');
        throw err;
      });
      if (!job) {
        const current = await get(id);
        throw conflict(`Only failed or cancelled jobs can be retried (job is ${current.status})`, undefined, 'JOB_NOT_RETRYABLE');
      }
      await signalWake(deps.database);
      emit(job);
      return job;
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
