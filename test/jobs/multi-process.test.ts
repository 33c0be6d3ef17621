// Several worker processes on one PostgreSQL queue: every job runs exactly once, and a job
// whose worker is killed with SIGKILL mid-run completes exactly once after its lease expires.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createQueueTestContext, waitForJob } from '../../src/jobs/test-support.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { recordRegistry } from './worker-process.js';

const script = path.join(import.meta.dirname, 'worker-process.ts');

describe.skipIf(!process.env.DATABASE_URL)('job workers in several processes (PostgreSQL)', () => {
  let ctx: Awaited<ReturnType<typeof createQueueTestContext>>;
  const children: ChildProcess[] = [];

  function startWorker(name: string, env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, WORKER_DATABASE_URL: ctx.database.url!, WORKER_DATA_DIR: ctx.config.dataDir, WORKER_NAME: name, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
      child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code}`)));
    });
  }

  beforeEach(async () => {
    ctx = await createQueueTestContext();
    await ctx.database.query(sql`create table job_runs (id serial primary key, job_id int not null, worker text not null, phase text not null)`);
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await ctx.cleanup();
  });

  it('runs each of 1,000 jobs exactly once across 4 worker processes', async () => {
    const queue = createJobQueue(ctx, recordRegistry);
    await Promise.all(['p1', 'p2', 'p3', 'p4'].map((n) => startWorker(n)));
    for (let i = 0; i < 10; i++) await queue.enqueueMany(Array.from({ length: 100 }, () => ({ type: 'record' })));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await ctx.database.query<{ n: number }>(sql`select count(*)::int as n from jobs where status = 'completed'`);
      if (Number(row!.n) === 1000) break;
      if (Date.now() > deadline) throw new Error(`only ${row!.n} of 1000 jobs completed`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const runs = await ctx.database.query<{ job_id: number; n: number }>(sql`select job_id, count(*)::int as n from job_runs where phase = 'done' group by job_id`);
    expect(runs.length).toBe(1000);
    expect(runs.every((r) => Number(r.n) === 1)).toBe(true);
    const workers = await ctx.database.query<{ worker: string }>(sql`select distinct worker from job_runs`);
    expect(workers.length).toBeGreaterThan(1);
    const [attempts] = await ctx.database.query<{ max: number }>(sql`select max(attempts)::int as max from jobs`);
    expect(Number(attempts!.max)).toBe(1);
  });

  it('completes a job exactly once after its worker is killed with SIGKILL mid-run', async () => {
    const queue = createJobQueue(ctx, recordRegistry);
    const victim = await startWorker('victim', { LEASE_MS: '1500' });
    const job = await queue.enqueue({ type: 'record', params: { sleepMs: 4000 } });
    await waitForJob(ctx, job.id, (j) => j.status === 'running');
    for (let i = 0; i < 100; i++) {
      const [r] = await ctx.database.query<{ n: number }>(sql`select count(*)::int as n from job_runs where job_id = ${job.id}`);
      if (Number(r!.n) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    await startWorker('rescuer', { LEASE_MS: '1500' });
    const done = await waitForJob(ctx, job.id, undefined, 30_000);
    expect(done).toMatchObject({ status: 'completed', attempts: 2, workerName: 'rescuer' });
    expect(done.log).toContain('lease expired on worker victim');
    const runs = await ctx.database.query<{ worker: string; phase: string }>(sql`select worker, phase from job_runs where job_id = ${job.id} order by id`);
    expect(runs).toEqual([
      { worker: 'victim', phase: 'start' },
      { worker: 'rescuer', phase: 'start' },
      { worker: 'rescuer', phase: 'done' },
    ]);
  });
});
