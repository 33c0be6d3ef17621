// The jobs feature for routes, CLI and services: one queue and one pipeline runner per
// context (shared by the API and in-process workers), plus the read models of the jobs page.
import { Gauge } from 'prom-client';
import type { AppContext } from '../../app/context.js';
import { notFound } from '../../shared/errors.js';
import { createJobQueue, type EnqueueInput } from '../../jobs/queue.js';
import { createPipelines, type PipelineStepInput } from '../../jobs/pipelines.js';
import { createNodesRepository } from '../../jobs/nodes.repository.js';
import { addUsage, emptyUsage, GPU_AI_MAX_CONCURRENT } from '../../jobs/capacity.js';
import { RESOURCE_CATEGORIES } from './jobs.table.js';
import { createCompilationsRepository } from './compilations.repository.js';
import { jobRegistry } from './jobs.registry.js';

const cache = new WeakMap<AppContext, ReturnType<typeof build>>();

function build(ctx: AppContext) {
  const queue = createJobQueue(ctx, jobRegistry);
  const pipelines = createPipelines(ctx, queue);
  const nodes = createNodesRepository(ctx.database);
  const compilationsRepo = createCompilationsRepository(ctx.database);

  return {
    queue,
    pipelines,
    list: (f: { status?: string; type?: string; resourceCategory?: string; limit: number; offset: number }) => queue.list(f),
    get: (id: number) => queue.get(id),
    create: (input: EnqueueInput) => queue.enqueue(input),
    cancel: (id: number) => queue.cancel(id),
    // A pipeline's step comes back with its pipeline (see queue.repository requeue).
    retry: (id: number) => queue.retry(id),

    async queueView() {
      const [{ jobs }, depth] = await Promise.all([queue.queueView(), queue.repo.depthByCategory()]);
      const byCategory = Object.fromEntries(RESOURCE_CATEGORIES.map((c) => [c, { waiting: 0, running: 0 }]));
      for (const d of depth) byCategory[d.category]![d.status === 'running' ? 'running' : 'waiting'] += d.count;
      return {
        jobs: jobs.map((j) => ({ id: j.id, type: j.type, status: j.status, priority: j.priority, resourceCategory: j.resourceCategory, vramRequired: j.vramRequired, queuePosition: j.queuePosition, waitingReason: j.waitingReason, attempts: j.attempts, runAt: j.runAt, createdAt: j.createdAt })),
        depth: byCategory,
      };
    },

    async workers() {
      const [list, running] = await Promise.all([nodes.list(), queue.repo.runningByWorker()]);
      return {
        workers: list.map((n) => {
          const mine = running.filter((r) => r.workerName === n.name);
          const usage = emptyUsage();
          for (const r of mine) addUsage(usage, r.category, r.vram, 1);
          return {
            ...n,
            free: { cpuSlots: Math.max(0, n.cpuSlots - usage.cpu), encodeSlots: Math.max(0, n.encodeSlots - usage.encode), gpuVramMb: Math.max(0, n.gpuVramMb - usage.vram) },
            gpuAiSlots: n.gpuVramMb > 0 ? GPU_AI_MAX_CONCURRENT : 0,
            running: mine.map((r) => ({ id: r.id, type: r.type, resourceCategory: r.category, vramRequired: r.vram, progress: r.progress })),
          };
        }),
      };
    },

    createPipeline: (input: { name: string; steps: PipelineStepInput[] }) => pipelines.create(input),
    getPipeline: (id: number) => pipelines.get(id),
    cancelPipeline: (id: number) => pipelines.cancel(id),

    listCompilations: async (limit: number, offset: number) => ({
      compilations: await compilationsRepo.list(limit, offset),
    }),
    async getCompilation(id: number) {
      const row = await compilationsRepo.findById(id);
      if (!row) throw notFound('Compilation not found', 'COMPILATION_NOT_FOUND');
      return row;
    },
  };
}

export function createJobsUseCases(ctx: AppContext) {
  let uc = cache.get(ctx);
  if (!uc) cache.set(ctx, (uc = build(ctx)));
  return uc;
}

/** `reel_job_queue_depth{category,status}` on /metrics, read from the jobs table at scrape time. */
export function registerQueueMetrics(ctx: AppContext): void {
  const name = 'reel_job_queue_depth';
  if (ctx.metrics.getSingleMetric(name)) return;
  const { queue } = createJobsUseCases(ctx);
  new Gauge({
    name,
    help: 'Jobs waiting (pending/queued) and running, per resource category',
    labelNames: ['category', 'status'] as const,
    registers: [ctx.metrics],
    async collect() {
      this.reset();
      for (const c of RESOURCE_CATEGORIES) for (const s of ['waiting', 'running']) this.set({ category: c, status: s }, 0);
      for (const d of await queue.repo.depthByCategory()) {
        const status = d.status === 'running' ? 'running' : 'waiting';
        this.inc({ category: d.category, status }, d.count);
      }
    },
  });
}
