// Jobs built on other features: scan/organize through the library's use cases, fetch from an
// http server into the inbox, the organize → transcode → publish pipeline, a highlight reel
// from moment reactions, clips and ordered compilations.
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeVideo } from '../../../test/fixtures/make-video.js';
import { createQueueTestContext, waitForJob } from '../../jobs/test-support.js';
import { JobWorker } from '../../jobs/worker.js';
import { videos } from '../library/library.table.js';
import { videoViewEvents } from '../engagement/engagement.table.js';
import { createReactionsUseCases } from '../reactions/reactions.usecases.js';
import { createUsersUseCases } from '../users/users.usecases.js';
import { compilations } from './jobs.table.js';
import { createJobsUseCases } from './jobs.usecases.js';
import { jobRegistry } from './jobs.registry.js';

let ctx: Awaited<ReturnType<typeof createQueueTestContext>>;
let jobs: ReturnType<typeof createJobsUseCases>;
let worker: JobWorker;
let server: Server;
let base: string;
let root: string;
let sample: string;

beforeAll(async () => {
  ctx = await createQueueTestContext({ WORKER_CPU_SLOTS: '2', WORKER_ENCODE_SLOTS: '1' });
  root = path.join(ctx.config.dataDir, 'lib');
  Object.assign(ctx.config, { libraryRoots: [root] });
  jobs = createJobsUseCases(ctx);
  sample = await makeVideo(path.join(ctx.config.dataDir, 'served', 'sample clip.mp4'), { width: 160, height: 120, duration: 2, fps: 10 });
  server = createServer((req, res) => {
    if (req.url === '/video.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': statSync(sample).size });
      createReadStream(sample).pipe(res);
    } else if (req.url === '/text.mp4') {
      res.end('not a video at all');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  worker = await new JobWorker(ctx, jobRegistry, { name: 'lib-test', queue: jobs.queue, pipelines: jobs.pipelines }).start();
});
afterAll(async () => {
  await worker?.stop(1000);
  server?.close();
  await ctx?.cleanup();
});

const run = async (type: string, params: Record<string, unknown>, ok = true) => {
  const job = await jobs.create({ type, params });
  const done = await waitForJob(ctx, job.id, undefined, 90_000);
  if (ok) expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: null });
  return done;
};

describe('library-backed jobs', () => {
  it('fetches a video into the inbox, streamed and size-limited, and indexes it', async () => {
    const done = await run('fetch', { url: `${base}/video.mp4` });
    const r = done.result as { videoId: number; path: string; bytes: number };
    expect(r.path).toBe(path.join(root, 'inbox', 'video.mp4'));
    expect(r.bytes).toBe(statSync(sample).size);
    const [row] = await ctx.database.db.select().from(videos).where(eq(videos.id, r.videoId));
    expect(row).toMatchObject({ directoryType: 'inbox', width: 160, height: 120, hasAudio: true });
    expect(row!.thumbnailPath).toBeTruthy();

    const tooBig = await run('fetch', { url: `${base}/video.mp4`, maxBytes: 1000 }, false);
    expect(tooBig).toMatchObject({ status: 'failed', attempts: 1 });
    expect(tooBig.error).toMatch(/larger than the limit of 1000 bytes/);
    const missing = await run('fetch', { url: `${base}/nothing.mp4` }, false);
    expect(missing).toMatchObject({ status: 'failed', attempts: 1, error: 'download failed: HTTP 404 Not Found' });
    const text = await run('fetch', { url: `${base}/text.mp4`, filename: 'text.mp4' }, false);
    expect(text.error).toMatch(/not a readable video/);
    await expect(access(path.join(root, 'inbox', 'text.mp4'))).rejects.toThrow();
    const bad = await jobs.create({ type: 'fetch', params: { url: 'ftp://example.com/x.mp4' } }).catch((e) => e);
    expect(bad).toMatchObject({ status: 400, message: 'params.url: url must be an http(s) URL' });
  });

  it('scans, then organizes → transcodes → publishes through a pipeline', async () => {
    await makeVideo(path.join(root, 'inbox', 'Holiday Trip.mp4'), { width: 160, height: 120, duration: 1.5, fps: 10 });
    const scan = await run('scan', { media: false });
    expect(scan.result).toMatchObject({ new: 1 });
    const outside = await run('scan', { roots: ['/etc'] }, false);
    expect(outside).toMatchObject({ status: 'failed', error: '/etc is not inside a library root' });
    const [video] = await ctx.database.db.select().from(videos).where(eq(videos.filename, 'Holiday Trip.mp4'));
    const starter = await run('auto_organize_publish', { videoId: video!.id });
    const pipelineId = (starter.result as { pipelineId: number }).pipelineId;
    let p = await jobs.getPipeline(pipelineId);
    for (let i = 0; i < 600 && p.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      p = await jobs.getPipeline(pipelineId);
    }
    expect(p.status).toBe('completed');
    expect(p.steps.map((s) => `${s.type}:${s.status}`)).toEqual(['organize:completed', 'reencode_streaming:completed', 'publish:completed']);
    const [after] = await ctx.database.db.select().from(videos).where(eq(videos.id, video!.id));
    expect(after).toMatchObject({ directoryType: 'curated', published: true, originalFilename: 'Holiday Trip.mp4' });
    expect(after!.path).toBe(path.join(root, 'curated', after!.filename));
    expect(after!.hlsPath).toBe(path.join(ctx.config.dataDir, 'hls', String(video!.id), 'master.m3u8'));
  });

  it('cuts a highlight reel around the moments with the most reactions', async () => {
    const file = await makeVideo(path.join(root, 'videos', 'long.mp4'), { width: 160, height: 120, duration: 12, fps: 5, source: 'testsrc2' });
    await run('scan', { media: false });
    const [video] = await ctx.database.db.select().from(videos).where(eq(videos.path, file));
    await ctx.database.db.update(videos).set({ published: true }).where(eq(videos.id, video!.id));
    const user = await createUsersUseCases(ctx).createUser({ email: 'fan@example.test', password: 'password123', displayName: 'Fan', role: 'user' });
    const reactions = createReactionsUseCases(ctx);
    for (const t of [2, 2, 3, 3, 3, 9, 9]) await reactions.addMoment({ id: user.id, role: 'user' }, { mediaId: video!.id, reactionType: 'love', videoTimestamp: t });
    const done = await run('highlight_generate', { videoId: video!.id, moments: 2, windowSeconds: 2, padSeconds: 0.5 });
    const r = done.result as { highlightVideoId: number; segments: Array<{ start: number; end: number }>; durationSeconds: number };
    expect(r.segments).toEqual([{ start: 1.5, end: 4.5 }, { start: 7.5, end: 10.5 }]);
    expect(r.durationSeconds).toBeGreaterThan(5.5);
    expect(r.durationSeconds).toBeLessThan(6.6);
    const [reel] = await ctx.database.db.select().from(videos).where(eq(videos.id, r.highlightVideoId));
    expect(reel).toMatchObject({ directoryType: 'highlights' });
  });

  it("organizes a studio's videos, rescans published roots and digests a period's engagement", async () => {
    const file = await makeVideo(path.join(root, 'inbox', 'Acme Scene.mp4'), { width: 160, height: 120, duration: 1, fps: 10 });
    await run('scan', { media: false });
    const [video] = await ctx.database.db.select().from(videos).where(eq(videos.path, file));
    await ctx.database.db.update(videos).set({ producer: 'Acme', published: true, publishedAt: new Date() }).where(eq(videos.id, video!.id));
    const studio = await run('organize_studio', { producer: 'Acme' });
    expect(studio.result).toMatchObject({ producer: 'Acme', total: 1, moved: [video!.id], failed: [] });
    const [moved] = await ctx.database.db.select().from(videos).where(eq(videos.id, video!.id));
    expect(moved).toMatchObject({ directoryType: 'studios', originalFilename: 'Acme Scene.mp4' });

    const pub = await run('public_scan', {});
    expect(pub.result).toMatchObject({ roots: [root], publishedInvalid: 0 });
    expect((pub.result as { published: number }).published).toBeGreaterThanOrEqual(1);

    await ctx.database.db.insert(videoViewEvents).values([{ videoId: video!.id, viewer: 's1' }, { videoId: video!.id, viewer: 's2' }]);
    const digest = await run('digest', { days: 1 });
    const r = digest.result as { totals: { views: number; newVideos: number; published: number }; topByViews: Array<{ videoId: number; views: number }> };
    expect(r.totals.views).toBe(2);
    expect(r.totals.newVideos).toBeGreaterThanOrEqual(1);
    expect(r.topByViews[0]).toMatchObject({ videoId: video!.id, views: 2 });
    expect(digest.log).toMatch(/2 view\(s\)/);
  });

  it('makes library clips and ordered compilations recorded with their sources', async () => {
    const [a, b] = await ctx.database.db.select().from(videos).where(eq(videos.isValid, true)).limit(2);
    const clip = await run('clip_generate', { videoId: a!.id, start: 0.5, duration: 1 });
    const c = clip.result as { clipVideoId: number };
    const [clipRow] = await ctx.database.db.select().from(videos).where(eq(videos.id, c.clipVideoId));
    expect(clipRow!.directoryType).toBe('curated');
    expect(clipRow!.durationSeconds).toBeCloseTo(1, 0);

    const comp = await run('compilation', { videoIds: [b!.id, a!.id], clipSeconds: 1, fps: 10 });
    const res = comp.result as { compilationId: number; durationSeconds: number };
    expect(res.durationSeconds).toBeGreaterThan(1.7);
    expect(res.durationSeconds).toBeLessThan(2.3);
    const [row] = await ctx.database.db.select().from(compilations).where(eq(compilations.id, res.compilationId));
    expect(row).toMatchObject({ videoIds: [b!.id, a!.id], settings: { mode: 'concat', clipSeconds: 1 }, jobId: comp.id });
    expect((await jobs.getCompilation(res.compilationId)).id).toBe(res.compilationId);
  });
});
