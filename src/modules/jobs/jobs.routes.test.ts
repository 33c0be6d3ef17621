// The jobs API through HTTP: admin only, 400s naming the field, queue view, cancel/retry,
// workers, pipelines, compilations, metrics and live events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { startWorkers } from './jobs.service.js';
import { waitForJob } from '../../jobs/test-support.js';
import type { JobWorker } from '../../jobs/worker.js';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp({ WORKER_CPU_SLOTS: '2', WORKER_ENCODE_SLOTS: '1', WORKER_GPU_VRAM_MB: '0' });
  admin = (await t.login({ role: 'admin' })).auth;
});
afterAll(async () => t?.close());

const post = (url: string, payload?: unknown, headers = admin) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers = admin) => t.app.inject({ method: 'GET', url, headers });

describe('jobs API', () => {
  it('is for admins only', async () => {
    const user = await t.login();
    expect((await get('/api/jobs', user.auth)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/jobs' })).statusCode).toBe(401);
  });

  it('rejects bad input with a 400 naming the field', async () => {
    const bad = await post('/api/jobs', { type: 'generate_gif', params: { videoId: 'abc' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^params\.videoId: /);
    const missing = await post('/api/jobs', { type: 'organize', params: {} });
    expect(missing.json().error).toMatch(/^params\.videoId: /);
    const unknown = await post('/api/jobs', { type: 'transmogrify', params: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/^type must be one of: scan, /);
    const vram = await post('/api/jobs', { type: 'digest', params: {}, vramRequired: 100 });
    expect(vram.statusCode).toBe(400);
    expect(vram.json().error).toMatch(/vramRequired/);
    const category = await post('/api/jobs', { type: 'digest', resourceCategory: 'quantum' });
    expect(category.statusCode).toBe(400);
    expect(category.json().error).toMatch(/resourceCategory/);
    expect((await get('/api/jobs?status=stuck')).statusCode).toBe(400);
    expect((await get('/api/jobs/abc')).statusCode).toBe(400);
    expect((await get('/api/jobs/999999')).statusCode).toBe(404);
  });

  it('creates, lists, shows, cancels and retries jobs; the queue view explains the wait', async () => {
    const events: unknown[] = [];
    t.ctx.events.on('job.updated', (e) => events.push(e));
    const created = await post('/api/jobs', { type: 'digest', params: { days: 3 }, priority: 7 });
    expect(created.statusCode).toBe(201);
    const job = created.json();
    expect(job).toMatchObject({ type: 'digest', status: 'queued', priority: 7, resourceCategory: 'cpu', vramRequired: 0, params: { days: 3 } });
    expect(events).toContainEqual(expect.objectContaining({ id: job.id, status: 'queued' }));

    const gpu = (await post('/api/jobs', { type: 'scene_extract', params: { videoId: 1 }, resourceCategory: 'gpu_ai', vramRequired: 6000 })).json();
    const list = await get('/api/jobs?status=queued&resourceCategory=cpu');
    expect(list.json().jobs.map((j: { id: number }) => j.id)).toEqual([job.id]);
    expect(list.json().jobs[0].log).toBeUndefined();
    expect((await get(`/api/jobs/${job.id}`)).json()).toMatchObject({ id: job.id, log: '' });

    const queue = (await get('/api/jobs/queue')).json();
    expect(queue.jobs.find((j: { id: number }) => j.id === job.id)).toMatchObject({ queuePosition: 1, waitingReason: 'no worker is running' });
    expect(queue.depth.gpu_ai).toEqual({ waiting: 1, running: 0 });

    const cancelled = await post(`/api/jobs/${gpu.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await post(`/api/jobs/${gpu.id}/cancel`)).statusCode).toBe(409);
    expect((await post(`/api/jobs/${job.id}/retry`)).statusCode).toBe(409);
    expect((await post(`/api/jobs/${gpu.id}/retry`)).json()).toMatchObject({ status: 'queued', attempts: 0 });
    await post(`/api/jobs/${gpu.id}/cancel`);

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/reel_job_queue_depth\{category="cpu",status="waiting"\} 1/);

    const worker: JobWorker = await startWorkers(t.ctx, { maintainQueueView: false });
    const done = await waitForJob(t.ctx, job.id);
    expect(done.status).toBe('completed');
    const shown = (await get(`/api/jobs/${job.id}`)).json();
    expect(shown.result).toMatchObject({ totals: { newVideos: 0, views: 0 } });
    expect(shown.log).toMatch(/Digest .* → /);
    expect(events).toContainEqual(expect.objectContaining({ id: job.id, status: 'completed', progress: 100 }));

    const workers = (await get('/api/workers')).json().workers;
    expect(workers).toContainEqual(expect.objectContaining({ name: worker.name, cpuSlots: 2, encodeSlots: 1, gpuVramMb: 0, alive: true, running: [] }));
  });

  it('runs pipelines in order and validates every step up front', async () => {
    const bad = await post('/api/pipelines', { name: 'x', steps: [{ type: 'digest' }, { type: 'organize', params: {} }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^steps\.1: params\.videoId: /);
    expect((await post('/api/pipelines', { steps: [] })).json().error).toMatch(/steps must have at least one step/);

    const created = await post('/api/pipelines', { name: 'two digests', steps: [{ type: 'digest', params: { days: 1 } }, { type: 'digest', params: { days: 2 } }] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    let p = created.json();
    for (let i = 0; i < 200 && p.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      p = (await get(`/api/pipelines/${id}`)).json();
    }
    expect(p.status).toBe('completed');
    expect(p.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed']);
    expect(p.steps[0].jobId).toBeLessThan(p.steps[1].jobId);
    expect((await get('/api/pipelines/999999')).statusCode).toBe(404);
  });

  it('lists compilations', async () => {
    expect((await get('/api/compilations')).json()).toEqual({ compilations: [] });
    expect((await get('/api/compilations/5')).statusCode).toBe(404);
  });
});
