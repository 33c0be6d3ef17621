// Pipelines: ordered steps, each run as a job carrying pipelineId/pipelineStepId. The next
// step is enqueued only when the previous one completes; a failed or cancelled step ends the
// pipeline and leaves later steps unrun.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { pipelines, pipelineSteps, jobs, type JobRow, type ResourceCategory } from '../modules/jobs/jobs.table.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import type { JobQueue, QueueDeps } from './queue.js';

export type PipelineStepInput = {
  type: string;
  params?: Record<string, unknown>;
  priority?: number;
  resourceCategory?: ResourceCategory;
  vramRequired?: number;
};

export function createPipelines(deps: QueueDeps, queue: JobQueue) {
  const db = deps.database.db;

  async function enqueueStep(pipelineId: number, step: typeof pipelineSteps.$inferSelect): Promise<JobRow> {
    const job = await queue.enqueue({
      type: step.type,
      params: step.params,
      priority: step.priority ?? undefined,
      resourceCategory: step.resourceCategory ?? undefined,
      vramRequired: step.vramRequired ?? undefined,
      pipelineId,
      pipelineStepId: step.id,
    });
    await db.update(pipelineSteps).set({ status: 'queued', jobId: job.id }).where(eq(pipelineSteps.id, step.id));
    return job;
  }

  async function get(id: number) {
    const [pipeline] = await db.select().from(pipelines).where(eq(pipelines.id, id));
    if (!pipeline) throw notFound('Pipeline not found', 'PIPELINE_NOT_FOUND');
    const steps = await db.select().from(pipelineSteps).where(eq(pipelineSteps.pipelineId, id)).orderBy(asc(pipelineSteps.position));
    const jobIds = steps.map((s) => s.jobId).filter((v): v is number => v != null);
    const stepJobs = jobIds.length
      ? await db.select({ id: jobs.id, status: jobs.status, progress: jobs.progress, error: jobs.error }).from(jobs).where(inArray(jobs.id, jobIds))
      : [];
    return {
      ...pipeline,
      steps: steps.map((s) => {
        const job = stepJobs.find((j) => j.id === s.jobId);
        return { ...s, status: s.status === 'queued' && job ? job.status : s.status, progress: job?.progress ?? 0, error: job?.error ?? null };
      }),
    };
  }

  return {
    get,

    async create(input: { name: string; steps: PipelineStepInput[] }) {
      if (!input.steps.length) throw badRequest('steps must have at least one step');
      // Every step is validated up front so a bad third step fails the request, not the run.
      input.steps.forEach((step, i) => {
        try {
          queue.prepare(step);
        } catch (err) {
          throw badRequest(`steps.${i}: ${(err as Error).message}`, (err as { details?: unknown }).details, 'INVALID_PIPELINE_STEP');
        }
      });
      const { pipeline, first } = await db.transaction(async (tx) => {
        const [pipeline] = await tx.insert(pipelines).values({ name: input.name }).returning();
        const steps = await tx
          .insert(pipelineSteps)
          .values(input.steps.map((s, position) => ({ pipelineId: pipeline!.id, position, type: s.type, params: s.params ?? {}, priority: s.priority, resourceCategory: s.resourceCategory, vramRequired: s.vramRequired })))
          .returning();
        return { pipeline: pipeline!, first: steps.sort((a, b) => a.position - b.position)[0]! };
      });
      await enqueueStep(pipeline.id, first);
      return get(pipeline.id);
    },

    /** Called once per finished step job (completion and failure are guarded by the lease). */
    async onJobFinished(job: JobRow): Promise<void> {
      if (job.pipelineId == null || job.pipelineStepId == null) return;
      if (job.status !== 'completed' && job.status !== 'failed' && job.status !== 'cancelled') return;
      await db.update(pipelineSteps).set({ status: job.status }).where(eq(pipelineSteps.id, job.pipelineStepId));
      if (job.status !== 'completed') {
        await db
          .update(pipelines)
          .set({ status: job.status, error: job.status === 'failed' ? `step ${job.type} (job ${job.id}) failed: ${job.error ?? 'unknown error'}` : null, completedAt: sql`now()` })
          .where(and(eq(pipelines.id, job.pipelineId), eq(pipelines.status, 'running')));
        return;
      }
      const [pipeline] = await db.select().from(pipelines).where(eq(pipelines.id, job.pipelineId));
      if (!pipeline || pipeline.status !== 'running') return;
      const [next] = await db
        .select()
        .from(pipelineSteps)
        .where(and(eq(pipelineSteps.pipelineId, job.pipelineId), eq(pipelineSteps.status, 'pending')))
        .orderBy(asc(pipelineSteps.position))
        .limit(1);
      if (next) {
        try {
          await enqueueStep(job.pipelineId, next);
        } catch (err) {
          await db.update(pipelines).set({ status: 'failed', error: `step ${next.type} could not start: ${(err as Error).message}`, completedAt: sql`now()` }).where(eq(pipelines.id, job.pipelineId));
        }
      } else {
        await db.update(pipelines).set({ status: 'completed', completedAt: sql`now()` }).where(eq(pipelines.id, job.pipelineId));
      }
    },

    async cancel(id: number) {
      const pipeline = await get(id);
      if (pipeline.status !== 'running') throw conflict(`Pipeline is already ${pipeline.status}`, undefined, 'PIPELINE_FINISHED');
      await db.update(pipelines).set({ status: 'cancelled', completedAt: sql`now()` }).where(eq(pipelines.id, id));
      for (const step of pipeline.steps) {
        if (step.jobId != null && (step.status === 'queued' || step.status === 'running')) {
          await queue.cancel(step.jobId).catch(() => undefined);
        }
      }
      return get(id);
    },
  };
}

export type Pipelines = ReturnType<typeof createPipelines>;
