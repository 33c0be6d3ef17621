// Media processors end to end: real ffmpeg on tiny generated videos, run through the queue,
// outputs checked with ffprobe.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeVideo } from '../../../test/fixtures/make-video.js';
import { createQueueTestContext, waitForJob } from '../../jobs/test-support.js';
import { createJobQueue, type JobQueue } from '../../jobs/queue.js';
import { JobWorker } from '../../jobs/worker.js';
import type { JobRegistry } from '../../jobs/registry.js';
import { videos } from '../library/library.table.js';
import { compilations } from './jobs.table.js';
import { addToLibrary } from './jobs.outputs.js';
import { generateGif, reencodeStreaming, sceneExtract, tagGeneration, clipExtractOnly } from './media.jobs.js';
import { compileQuad, compileQuadHorizontal, compileRandom } from './compile.jobs.js';

const run = promisify(execFile);
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';
async function probe(file: string, extra: string[] = []) {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...extra, file]);
  return JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_type: string; width?: number; height?: number; nb_read_frames?: string }> };
}

const registry: JobRegistry = {
  reencode_streaming: reencodeStreaming,
  generate_gif: generateGif,
  scene_extract: sceneExtract,
  tag_generation: tagGeneration,
  clip_extract_only: clipExtractOnly,
  compile_random: compileRandom,
  compile_quad: compileQuad,
  compile_quad_horizontal: compileQuadHorizontal,
};

let ctx: Awaited<ReturnType<typeof createQueueTestContext>>;
let queue: JobQueue;
let worker: JobWorker;
const ids: number[] = [];

beforeAll(async () => {
  ctx = await createQueueTestContext({ WORKER_CPU_SLOTS: '1', WORKER_ENCODE_SLOTS: '1' });
  queue = createJobQueue(ctx, registry);
  const dir = path.join(ctx.config.dataDir, 'uploads', 'videos');
  const specs = [
    { name: 'a.mp4', source: 'testsrc', audio: true },
    { name: 'b.mp4', source: 'smptebars', audio: false },
    { name: 'c.mkv', source: 'color=c=red', audio: true },
    { name: 'd.mp4', source: 'testsrc2', audio: false },
  ];
  for (const s of specs) {
    const file = await makeVideo(path.join(dir, s.name), { width: 160, height: 120, duration: 1.5, fps: 10, audio: s.audio, source: s.source });
    ids.push((await addToLibrary(ctx, file, 'videos')).id);
  }
  worker = await new JobWorker(ctx, registry, { name: 'media-test', queue }).start();
});
afterAll(async () => {
  await worker?.stop(1000);
  await ctx?.cleanup();
});

const runJob = async (type: string, params: Record<string, unknown>) => {
  const job = await queue.enqueue({ type, params });
  const done = await waitForJob(ctx, job.id, undefined, 90_000);
  expect(done.error).toBeNull();
  expect(done.status).toBe('completed');
  return done;
};

describe('media jobs', () => {
  it('reencode_streaming writes a faststart MP4 and an HLS ladder with a master playlist', async () => {
    const hi = await makeVideo(path.join(ctx.config.dataDir, 'uploads', 'videos', 'hi.mp4'), { width: 320, height: 240, duration: 1.5, fps: 10 });
    const video = await addToLibrary(ctx, hi, 'videos');
    const job = await runJob('reencode_streaming', { videoId: video.id });
    const master = path.join(ctx.config.dataDir, 'hls', String(video.id), 'master.m3u8');
    const [row] = await ctx.database.db.select().from(videos).where(eq(videos.id, video.id));
    expect(row!.hlsPath).toBe(master);
    expect(row!.streamPath).toBe(path.join(ctx.config.dataDir, 'streams', String(video.id), 'stream.mp4'));
    const text = await readFile(master, 'utf8');
    const variants = text.match(/#EXT-X-STREAM-INF/g) ?? [];
    expect(variants.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('RESOLUTION=320x240');
    expect(text).not.toMatch(/RESOLUTION=\d+x(?:[3-9]\d\d|\d{4})/); // never above the source
    const hls = await probe(master);
    expect(hls.streams.some((s) => s.codec_type === 'video')).toBe(true);
    expect(Number(hls.format.duration)).toBeGreaterThan(1);
    // faststart: the moov box comes before mdat
    const mp4 = await readFile(row!.streamPath!);
    expect(mp4.indexOf('moov')).toBeLessThan(mp4.indexOf('mdat'));
    expect(job.result).toMatchObject({ renditions: [{ height: 240 }, { height: 144 }] });
  });

  it('generate_gif makes a palette GIF of the asked size and frame count', async () => {
    const job = await runJob('generate_gif', { videoId: ids[0], start: 0, duration: 1, width: 96, fps: 8 });
    const file = (job.result as { path: string }).path;
    const gif = await probe(file, ['-count_frames']);
    const stream = gif.streams[0]!;
    expect(stream.width).toBe(96);
    expect(stream.height).toBe(72);
    expect(Number(stream.nb_read_frames)).toBe(8);
  });

  it('compile_quad stacks four videos 2×2 (twice the width and height); the row is four wide', async () => {
    const job = await runJob('compile_quad', { videoIds: ids, fps: 10 });
    const result = job.result as { path: string; compilationId: number; videoId: number };
    const v = (await probe(result.path)).streams.find((s) => s.codec_type === 'video')!;
    expect([v.width, v.height]).toEqual([320, 240]);
    const [comp] = await ctx.database.db.select().from(compilations).where(eq(compilations.id, result.compilationId));
    expect(comp).toMatchObject({ videoIds: ids, settings: { mode: 'quad', layout: 'grid' } });
    const [lib] = await ctx.database.db.select().from(videos).where(eq(videos.id, result.videoId));
    expect(lib).toMatchObject({ directoryType: 'compilations', width: 320, height: 240 });

    const row = await runJob('compile_quad_horizontal', { videoIds: ids, fps: 10, duration: 1 });
    const r = (await probe((row.result as { path: string }).path)).streams.find((s) => s.codec_type === 'video')!;
    expect([r.width, r.height]).toEqual([640, 120]);
  });

  it('compile_random lasts about the sum of its clips', async () => {
    const job = await runJob('compile_random', { videoIds: ids.slice(0, 3), count: 3, clipSeconds: 0.8, seed: 7, fps: 10 });
    const result = job.result as { path: string };
    const out = await probe(result.path);
    expect(Number(out.format.duration)).toBeGreaterThan(2.4 - 0.3);
    expect(Number(out.format.duration)).toBeLessThan(2.4 + 0.3);
  });

  it('scene_extract finds scene starts with keyframes; tag_generation tags what it measures', async () => {
    const cut = path.join(ctx.config.dataDir, 'uploads', 'videos', 'cut.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=blue:size=160x120:rate=10:duration=1', '-f', 'lavfi', '-i', 'color=c=yellow:size=160x120:rate=10:duration=1',
      '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', cut]);
    const video = await addToLibrary(ctx, cut, 'videos');
    const scenes = await runJob('scene_extract', { videoId: video.id });
    const r = scenes.result as { sceneCount: number; scenes: Array<{ time: number; image: string }> };
    expect(r.sceneCount).toBe(2);
    expect(r.scenes[1]!.time).toBeCloseTo(1, 0);
    await expect(readFile(r.scenes[1]!.image)).resolves.toBeTruthy();

    await ctx.database.db.update(videos).set({ tags: ['mine', 'colour:old'] }).where(eq(videos.id, ids[2]!));
    const tagged = await runJob('tag_generation', { videoId: ids[2] });
    expect((tagged.result as { tags: string[] }).tags).toEqual(['mine', 'orientation:landscape', 'quality:144p', 'length:short', 'scenes:single', 'audio:yes', 'colour:red']);
  });

  it('fails at once, without retrying, when the video is gone', async () => {
    const job = await queue.enqueue({ type: 'clip_extract_only', params: { videoId: 999999, start: 0, duration: 1 } });
    const done = await waitForJob(ctx, job.id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, error: 'video 999999 does not exist' });
  });
});
