// `reel worker` as a user runs it: a clear refusal on PGlite; on PostgreSQL it registers a
// node and runs queued jobs until SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database.js';
import { reel, waitFor } from '../cli/helpers.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-worker-cli-'));
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reel worker', () => {
  it('refuses to run on PGlite with a clear message', async () => {
    const run = reel(['worker'], { REEL_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/`reel worker` needs PostgreSQL \(set DATABASE_URL=postgres:\/\/…\)/);
  });

  it.skipIf(!process.env.DATABASE_URL)('runs queued jobs against PostgreSQL and stops on SIGTERM', async () => {
    db = await createTestDatabase();
    const run = reel(['worker'], { REEL_DATA_DIR: dataDir, DATABASE_URL: db.url, WORKER_NAME: 'cli-node', WORKER_CPU_SLOTS: '3', WORKER_GPU_VRAM_MB: '4096' });
    await waitFor(() => run.output().includes('reel worker running'), 60_000);
    const [job] = await db.query<{ id: number }>(sql`insert into jobs (type, params) values ('digest', '{"days": 2}'::jsonb) returning id`);
    await db.query(sql`select pg_notify('reel_jobs', '')`);
    await waitFor(async () => (await db!.query<{ status: string }>(sql`select status from jobs where id = ${job!.id}`))[0]?.status === 'completed', 30_000);
    const [node] = await db.query<{ cpu_slots: number; gpu_vram_mb: number }>(sql`select cpu_slots, gpu_vram_mb from worker_nodes where name = 'cli-node'`);
    expect(node).toEqual({ cpu_slots: 3, gpu_vram_mb: 4096 });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const [stopped] = await db.query<{ stopped: boolean }>(sql`select stopped_at is not null as stopped from worker_nodes where name = 'cli-node'`);
    expect(stopped!.stopped).toBe(true);
  });
});
