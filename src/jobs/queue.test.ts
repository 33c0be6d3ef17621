// The queue engine on a real database (PGlite by default, PostgreSQL with DATABASE_URL):
// ordering, VRAM gating, leases, cancel of a running ffmpeg, retries, pipelines, params.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { runMedia } from '../media/ffmpeg-runner.js';
import { defineJob, checkRegistry, type JobRegistry } from './registry.js';
import { createJobQueue, type JobQueue } from './queue.js';
import { createPipelines } from './pipelines.js';
import { JobWorker } from './worker.js';
import { createNodesRepository } from './nodes.repository.js';
import { createQueueTestContext, waitForJob } from './test-support.js';

const ran: number[] = [];
const attemptsSeen: Array<{ id: number; at: number }> = [];
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });

const registry: JobRegistry = {
  noop: defineJob({ schema: z.object({ tag: z.string().optional() }), handler: async (run) => void ran.push(run.id) }),
  sleep: defineJob({ schema: z.object({ ms: z.number() }), handler: async (run) => sleep(run.params.ms, run.signal) }),
  flaky: defineJob({
    schema: z.object({ failUntil: z.number() }),
    backoffMs: 150,
    maxAttempts: 4,
    handler: async (run) => {
      attemptsSeen.push({ id: run.id, at: Date.now() });
      if (run.attempt < run.params.failUntil) throw new Error(`boom on attempt ${run.attempt}`);
      return { attempt: run.attempt };
    },
  }),
  always_fail: defineJob({ schema: z.object({}), maxAttempts: 1, handler: async () => Promise.reject(new Error('always fails')) }),
  ffmpeg_long: defineJob({
    schema: z.object({}),
    handler: async (run) => {
      await runMedia({ bin: run.ctx.config.ffmpegPath, args: ['-hide_banner', '-re', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-t', '60', '-progress', 'pipe:1', '-f', 'null', '-'], signal: run.signal, durationSeconds: 60, onProgress: run.progress });
    },
  }),
  strict: defineJob({ schema: z.object({ videoId: z.number().int().positive() }), handler: async () => undefined }),
  gpu: defineJob({ schema: z.object({}), category: 'gpu_ai', vramMb: 6000, handler: async () => undefined }),
};

let ctx: Awaited<ReturnType<typeof createQueueTestContext>>;
let queue: JobQueue;
const workers: JobWorker[] = [];
const startWorker = async (opts: ConstructorParameters<typeof JobWorker>[2] = {}) => {
  const w = new JobWorker(ctx, registry, { name: `w${workers.length}-${Math.random().toString(36).slice(2, 6)}`, queue, ...opts });
  workers.push(w);
  return w.start();
};

beforeEach(async () => {
  ran.length = 0;
  attemptsSeen.length = 0;
  ctx = await createQueueTestContext();
  queue = createJobQueue(ctx, registry);
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop(100);
  await ctx.cleanup();
});

describe('job queue', () => {
  it('checks the registry is complete at start', () => {
    expect(() => checkRegistry(registry, [...Object.keys(registry), 'missing'])).toThrow(/missing: no definition/);
    expect(() => checkRegistry(registry)).not.toThrow();
  });

  it('runs jobs by priority, then age', async () => {
    const low = await queue.enqueue({ type: 'noop', priority: 1 });
    const high = await queue.enqueue({ type: 'noop', priority: 9 });
    const mid1 = await queue.enqueue({ type: 'noop', priority: 5 });
    const mid2 = await queue.enqueue({ type: 'noop', priority: 5 });
    await startWorker({ capacity: { cpuSlots: 1 } });
    await waitForJob(ctx, low.id);
    expect(ran).toEqual([high.id, mid1.id, mid2.id, low.id]);
  });

  it('enqueues in bulk without returning rows and runs every job once', async () => {
    expect(await queue.enqueueBulk(Array.from({ length: 50 }, (_, i) => ({ type: 'noop', params: { tag: `t${i}` } })))).toBe(50);
    await expect(queue.enqueueBulk([{ type: 'strict', params: {} }])).rejects.toMatchObject({ status: 400 });
    await startWorker({ capacity: { cpuSlots: 8 } });
    const { jobs } = await queue.list({ limit: 100, offset: 0 });
    for (const j of jobs) await waitForJob(ctx, j.id);
    expect([...ran].sort((a, b) => a - b)).toEqual(jobs.map((j) => j.id).sort((a, b) => a - b));
  });

  it('keeps a job queued with a waiting reason until a node has the VRAM', async () => {
    const job = await queue.enqueue({ type: 'gpu' });
    expect(job).toMatchObject({ resourceCategory: 'gpu_ai', vramRequired: 6000, status: 'queued' });
    await startWorker({ capacity: { cpuSlots: 1, gpuVramMb: 0 } });
    let view = await queue.queueView();
    expect(view.jobs.find((j) => j.id === job.id)?.waitingReason).toBe('no worker offers gpu_ai');
    const [retired] = await ctx.database.query<{ id: number }>(sql`insert into jobs (type) values ('retired_type') returning id`);
    view = await queue.queueView();
    expect(view.jobs.find((j) => j.id === retired!.id)?.waitingReason).toBe('no worker runs job type retired_type (not in the registry)');
    await startWorker({ capacity: { cpuSlots: 0, encodeSlots: 0, gpuVramMb: 2000 } });
    await sleep(200);
    view = await queue.queueView();
    expect(view.jobs.find((j) => j.id === job.id)).toMatchObject({ queuePosition: 1, waitingReason: 'waiting for 6000 MB VRAM, 2000 MB free on the largest node' });
    expect((await queue.get(job.id)).status).toBe('queued');
    expect((await queue.get(job.id)).waitingReason).toMatch(/6000 MB VRAM/);
    await startWorker({ capacity: { cpuSlots: 0, encodeSlots: 0, gpuVramMb: 8000 } });
    const done = await waitForJob(ctx, job.id);
    expect(done.status).toBe('completed');
    expect(done.workerName).toBe(workers[2]!.name);
  });

  it('re-runs a job whose worker stopped renewing its lease', async () => {
    const job = await queue.enqueue({ type: 'noop' });
    // A worker that claimed it and died: running with an expired lease, nobody renewing.
    const [claimed] = await queue.repo.claim({ category: 'cpu', limit: 1, maxVram: 0, worker: 'dead-node', leaseMs: 1, types: ['noop'] });
    expect(claimed?.id).toBe(job.id);
    await sleep(20);
    await startWorker({ leaseMs: 300 });
    const done = await waitForJob(ctx, job.id);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    expect(done.log).toContain('lease expired on worker dead-node');
    expect(ran).toEqual([job.id]);
  });

  it('cancels a running ffmpeg through its AbortSignal', async () => {
    await startWorker();
    const job = await queue.enqueue({ type: 'ffmpeg_long' });
    await waitForJob(ctx, job.id, (j) => j.status === 'running' && j.progress > 0, 20_000);
    const started = Date.now();
    await queue.cancel(job.id);
    const done = await waitForJob(ctx, job.id);
    expect(done.status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(10_000); // ffmpeg would run for 60 s (-re)
    await expect(queue.cancel(job.id)).rejects.toThrow(/already cancelled/);
    const retried = await queue.retry(job.id);
    expect(retried).toMatchObject({ status: 'queued', attempts: 0 });
    await queue.cancel(job.id);
  });

  it('retries failures with exponential backoff up to the limit', async () => {
    await startWorker({ pollMs: 60_000 });
    const job = await queue.enqueue({ type: 'flaky', params: { failUntil: 3 } });
    const done = await waitForJob(ctx, job.id);
    expect(done).toMatchObject({ status: 'completed', attempts: 3, result: { attempt: 3 } });
    const gaps = attemptsSeen.slice(1).map((a, i) => a.at - attemptsSeen[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(140);
    expect(gaps[1]).toBeGreaterThanOrEqual(290);
    expect(done.log).toMatch(/attempt 1 failed: boom on attempt 1; retrying in 150 ms/);

    const gaveUp = await queue.enqueue({ type: 'flaky', params: { failUntil: 99 } });
    const failed = await waitForJob(ctx, gaveUp.id, undefined, 10_000);
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, error: 'boom on attempt 4' });
    const again = await queue.retry(gaveUp.id);
    expect(again.status).toBe('queued');
  });

  it('runs pipeline steps in order and stops at a failed step', async () => {
    const pipelines = createPipelines(ctx, queue);
    await startWorker({ pipelines, capacity: { cpuSlots: 4 } });
    const ok = await pipelines.create({ name: 'ok', steps: [{ type: 'noop' }, { type: 'noop' }, { type: 'noop' }] });
    const okDone = await waitFor(() => pipelines.get(ok.id), (p) => p.status !== 'running');
    expect(okDone.status).toBe('completed');
    const jobIds = okDone.steps.map((s) => s.jobId!);
    expect(ran).toEqual(jobIds);
    expect(okDone.steps.every((s) => s.status === 'completed')).toBe(true);

    const bad = await pipelines.create({ name: 'bad', steps: [{ type: 'noop' }, { type: 'always_fail' }, { type: 'noop' }] });
    const badDone = await waitFor(() => pipelines.get(bad.id), (p) => p.status !== 'running');
    expect(badDone.status).toBe('failed');
    expect(badDone.error).toMatch(/always_fail .* failed: always fails/);
    expect(badDone.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending']);
    expect(badDone.steps[2]!.jobId).toBeNull();
    // Retrying the failed step revives the pipeline, atomically with the requeue: the step
    // may run and fail again (always_fail) before the retry's answer is even read, and the
    // pipeline must then end failed again, not stay running.
    const again = await queue.retry(badDone.steps[1]!.jobId!);
    expect(again.status).toBe('queued');
    const failedAgain = await waitFor(() => pipelines.get(bad.id), (p) => p.status !== 'running' && new Date(p.completedAt!).getTime() !== new Date(badDone.completedAt!).getTime());
    expect(failedAgain.status).toBe('failed');
    expect(failedAgain.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending']);

    const slow = await pipelines.create({ name: 'slow', steps: [{ type: 'sleep', params: { ms: 30_000 } }, { type: 'noop' }] });
    await waitForJob(ctx, slow.steps[0]!.jobId!, (j) => j.status === 'running');
    const cancelled = await pipelines.cancel(slow.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await waitForJob(ctx, slow.steps[0]!.jobId!)).status).toBe('cancelled');
    expect((await pipelines.get(slow.id)).steps[1]!.jobId).toBeNull();
  });

  it('rejects bad params at create and fails a job whose params no longer validate', async () => {
    await expect(queue.enqueue({ type: 'strict', params: { videoId: 'x' } })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^params\.videoId: /) });
    await expect(queue.enqueue({ type: 'nope' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^type must be one of/) });
    const job = await queue.enqueue({ type: 'strict', params: { videoId: 3 } });
    await ctx.database.query(sql`update jobs set params = '{"videoId": "three"}'::jsonb where id = ${job.id}`);
    await startWorker();
    const failed = await waitForJob(ctx, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatch(/^invalid params for strict: params\.videoId: /);
  });

  it('prunes completed jobs past the retention period, keeping failures and recent ones', async () => {
    const ids = await ctx.database.query<{ id: number; status: string }>(sql`
      insert into jobs (type, status, completed_at) values
        ('noop', 'completed', now() - interval '8 days'), ('noop', 'completed', now() - interval '1 day'), ('noop', 'failed', now() - interval '30 days')
      returning id, status`);
    expect(await queue.repo.pruneCompleted(7 * 24 * 3600_000)).toBe(1);
    const left = await ctx.database.query<{ id: number }>(sql`select id from jobs order by id`);
    expect(left.map((r) => Number(r.id))).toEqual(ids.slice(1).map((r) => Number(r.id)));
  });

  it('registers nodes with their capacity', async () => {
    const w = await startWorker({ capacity: { cpuSlots: 3, encodeSlots: 2, gpuVramMb: 4096 } });
    const nodes = await createNodesRepository(ctx.database).list();
    expect(nodes.find((n) => n.name === w.name)).toMatchObject({ cpuSlots: 3, encodeSlots: 2, gpuVramMb: 4096, alive: true });
  });
});

async function waitFor<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting: ${JSON.stringify(v).slice(0, 500)}`);
    await sleep(30);
  }
}
