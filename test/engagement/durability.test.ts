// An acknowledged engagement write is never lost: a real `reel serve` under load is killed
// with SIGKILL (and, in a second round, stopped with SIGTERM); after a restart every
// acknowledged view, upvote, finish, watch-time report and moment reaction is counted, and the counters
// equal the recount of their event rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/app/config.js';
import { bootstrap } from '../../src/app/bootstrap.js';
import { withDatabaseName } from '../../src/db/test-database.js';
import { insertVideo } from '../../src/modules/gallery/test-videos.js';
import { reconcileCounters } from '../../src/modules/engagement/engagement.reconcile.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { DataDirLockedError } from '../../src/db/lock.js';
import { freePort, ROOT, waitFor } from '../cli/helpers.js';

type Server = { child: ChildProcess; exited: Promise<number | null> };

/** `reel serve` as ONE process (node --import tsx), so SIGKILL really kills the server. */
function serveProcess(extra: Record<string, string>): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** After a SIGKILL the PGlite data-dir lock stays until it goes stale (~15 s): retry. */
async function retryWhileLocked<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof DataDirLockedError) || attempt > 40) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

const PG = process.env.DATABASE_URL;
let dataDir: string;
let dbUrl: string | undefined;
let env: Record<string, string | undefined>;
let videoIds: number[] = [];

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>): Promise<T> {
  const ctx = await retryWhileLocked(() => bootstrap(loadConfig(env as NodeJS.ProcessEnv), {}));
  try {
    return await fn(ctx);
  } finally {
    await ctx.stop();
  }
}

async function start(): Promise<{ server: Server; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 40; attempt++) {
    const server = serveProcess({ PORT: String(port) });
    let exited = false;
    void server.exited.then(() => (exited = true));
    await waitFor(async () => exited || (await fetch(`${base}/api/videos/health`).then((r) => r.ok, () => false)), 90_000);
    if (!exited) return { server, base };
    await new Promise((r) => setTimeout(r, 1000)); // the data dir is still locked by the killed one
  }
  throw new Error('reel serve did not start');
}

type Acked = { upvotes: Array<[number, string]>; views: Map<number, number>; finishes: Array<[number, string]>; watch: Map<number, number>; moments: number[] };

/** A signed-in user's bearer token on this server (moment reactions need one). */
async function signIn(base: string, tag: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${tag}-${randomBytes(4).toString('hex')}@example.test`, password: 'password123', displayName: tag }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { token: string }).token;
}

/** Keeps `inFlight` writes going until stopped; records every 200 answer. */
function load(base: string, tag: string, token: string, inFlight = 24) {
  const acked: Acked = { upvotes: [], views: new Map(), finishes: [], watch: new Map(), moments: [] };
  let running = true;
  let n = 0;
  const one = async () => {
    while (running) {
      const i = n++;
      const videoId = videoIds[i % videoIds.length]!;
      const sessionId = `${tag}-${i}-${randomBytes(4).toString('hex')}`;
      const kind = i % 5;
      try {
        if (kind === 0) {
          const r = await fetch(`${base}/api/media/public/${videoId}/upvote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId }) });
          if (r.status === 200) acked.upvotes.push([videoId, sessionId]);
        } else if (kind === 1) {
          const r = await fetch(`${base}/api/media/public/${videoId}?sessionId=${sessionId}`);
          if (r.status === 200) acked.views.set(videoId, (acked.views.get(videoId) ?? 0) + 1);
        } else if (kind === 2) {
          const r = await fetch(`${base}/api/media/public/${videoId}/finish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId }) });
          if (r.status === 200) acked.finishes.push([videoId, sessionId]);
        } else if (kind === 4) {
          const r = await fetch(`${base}/api/reactions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ mediaId: videoId, reactionType: 'like', videoTimestamp: i % 600 }),
          });
          if (r.status === 200) acked.moments.push(((await r.json()) as { reaction: { id: number } }).reaction.id);
        } else {
          const r = await fetch(`${base}/api/media/public/${videoId}/watch-time`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, seconds: 3 }) });
          if (r.status === 200) acked.watch.set(videoId, (acked.watch.get(videoId) ?? 0) + ((await r.json()) as { creditedSeconds: number }).creditedSeconds);
        }
      } catch {
        // The server went away: this request was never acknowledged.
        if (!running) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const workers = Array.from({ length: inFlight }, one);
  return {
    acked,
    total: () => acked.upvotes.length + acked.finishes.length + acked.moments.length + [...acked.views.values(), ...acked.watch.values()].length,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

async function expectAllCounted(acked: Acked) {
  await withContext(async (ctx) => {
    const rows = await ctx.database.query<{ video_id: number; view_count: string; upvote_count: string; finish_count: string; total_watch_seconds: string }>(
      sql`select video_id, view_count, upvote_count, finish_count, total_watch_seconds from video_stats where video_id = any(${`{${videoIds.join(',')}}`}::int[])`,
    );
    const byId = new Map(rows.map((r) => [r.video_id, r]));
    for (const id of videoIds) {
      expect(Number(byId.get(id)!.view_count)).toBeGreaterThanOrEqual(acked.views.get(id) ?? 0);
      expect(Number(byId.get(id)!.total_watch_seconds)).toBeGreaterThanOrEqual(acked.watch.get(id) ?? 0);
    }
    const upvoted = new Set(
      (await ctx.database.query<{ k: string }>(sql`select video_id || ':' || session_id as k from video_upvotes`)).map((r) => r.k),
    );
    expect(acked.upvotes.filter(([v, s]) => !upvoted.has(`${v}:${s}`))).toEqual([]);
    const finished = new Set(
      (await ctx.database.query<{ k: string }>(sql`select video_id || ':' || session_id as k from video_finishes`)).map((r) => r.k),
    );
    expect(acked.finishes.filter(([v, s]) => !finished.has(`${v}:${s}`))).toEqual([]);
    expect((await reconcileCounters(ctx)).mismatches).toEqual([]);
    // Every acknowledged moment is stored, and the heatmap's pre-aggregate counts exactly
    // the stored moments (written in the same statement, they cannot part).
    expect(acked.moments.length).toBeGreaterThan(0);
    const stored = new Set((await ctx.database.query<{ id: number }>(sql`select id from moment_reactions`)).map((r) => Number(r.id)));
    expect(acked.moments.filter((id) => !stored.has(id))).toEqual([]);
    const [agg] = await ctx.database.query<{ timeline: string; slices: string }>(
      sql`select (select coalesce(sum(n), 0) from moment_reaction_timeline, unnest(counts) n) as timeline,
                 (select coalesce(sum(n), 0) from moment_reaction_slices, unnest(counts) n) as slices`,
    );
    expect([Number(agg!.timeline), Number(agg!.slices)]).toEqual([stored.size, stored.size]);
  });
}

describe('durable engagement writes', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'reel-durable-'));
    if (PG) {
      const name = `reel_durable_${randomBytes(5).toString('hex')}`;
      const admin = postgres(PG, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      dbUrl = withDatabaseName(PG, name);
    }
    env = {
      REEL_DATA_DIR: dataDir,
      DATABASE_URL: dbUrl ?? '',
      JWT_SECRET: 'durability-secret-durability-secret-0000',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ANON_PER_MINUTE: '1000000',
      VIEW_DEDUPE_WINDOW: '3600',
      HOST: '127.0.0.1',
    };
    videoIds = await withContext(async (ctx) => {
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) ids.push(await insertVideo(ctx.database, { durationSeconds: 600 }));
      return ids;
    });
  }, 120_000);

  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (PG && dbUrl) {
      const admin = postgres(PG, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${new URL(dbUrl).pathname.slice(1)} with (force)`);
      await admin.end();
    }
  });

  it('kill -9 under load loses no acknowledged write', async () => {
    const s = await start();
    const l = load(s.base, 'k9', await signIn(s.base, 'k9'));
    await waitFor(async () => l.total() >= 400, 60_000);
    s.server.child.kill('SIGKILL');
    expect(await s.server.exited).toBe(null);
    await l.stop();
    // Restart the server on the same data: it comes up with every acknowledged write.
    const again = await start();
    const listed = (await (await fetch(`${again.base}/api/media/public?limit=100`)).json()) as { videos: Array<{ id: number; upvoteCount: number; viewCount: number }> };
    for (const v of listed.videos.filter((x) => videoIds.includes(x.id))) {
      expect(v.upvoteCount).toBeGreaterThanOrEqual(l.acked.upvotes.filter(([id]) => id === v.id).length);
      expect(v.viewCount).toBeGreaterThanOrEqual(l.acked.views.get(v.id) ?? 0);
    }
    again.server.child.kill('SIGTERM');
    await again.server.exited;
    await expectAllCounted(l.acked);
  }, 180_000);

  it('SIGTERM under load finishes in-flight writes and loses none', async () => {
    const s = await start();
    const l = load(s.base, 'term', await signIn(s.base, 'term'));
    await waitFor(async () => l.total() >= 400, 60_000);
    s.server.child.kill('SIGTERM');
    const code = await s.server.exited;
    await l.stop();
    expect(code).toBe(0);
    await expectAllCounted(l.acked);
  }, 180_000);
});
