// Compilations: random montages, 2×2 and in-a-row quads, and ordered concatenations. Each
// output joins the library as directory type `compilations` and is recorded in
// `compilations` with its source ids and settings.
import path from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { runMedia } from '../../media/ffmpeg-runner.js';
import { buildConcatArgs, buildQuadArgs, type QuadLayout, type Segment } from '../../media/compose.js';
import { createLibraryRepository } from '../library/library.repository.js';
import { createCompilationsRepository } from './compilations.repository.js';
import { defineJob, PermanentJobError, type JobRun } from '../../jobs/registry.js';
import { addToLibrary, libraryOutputDir, loadSourceVideo, writeAtomically, type SourceVideo } from './jobs.outputs.js';

const ids = z.array(z.number().int().positive());
const frameParams = {
  width: z.number().int().min(16).max(3840).optional(),
  height: z.number().int().min(16).max(2160).optional(),
  fps: z.number().int().min(1).max(60).default(30),
  title: z.string().min(1).max(200).optional(),
};
const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** The output frame: asked for, else the largest source capped at 1280×720 (kept even). */
function frameFor(sources: SourceVideo[], p: { width?: number; height?: number }) {
  const scale = (w: number, h: number) => Math.min(1, 1280 / Math.max(w, h), 720 / Math.min(w, h));
  const big = sources.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const s = scale(big.width, big.height);
  return { width: even(p.width ?? big.width * s), height: even(p.height ?? big.height * s) };
}

async function loadAll(ctx: AppContext, videoIds: number[]): Promise<SourceVideo[]> {
  const out: SourceVideo[] = [];
  for (const id of videoIds) out.push(await loadSourceVideo(ctx, id));
  return out;
}

/** A small seeded generator so a compilation can be reproduced from its recorded settings. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function produce(
  run: JobRun<unknown>,
  o: { mode: string; sources: SourceVideo[]; title: string; args: (tmp: string) => string[]; expectedSeconds: number; settings: Record<string, unknown> },
) {
  const { ctx } = run;
  const file = path.join(libraryOutputDir(ctx, 'compilations'), `${o.mode}-${run.id}-${Date.now().toString(36)}.mp4`);
  await writeAtomically(file, (tmp) =>
    runMedia({ bin: ctx.config.ffmpegPath, args: o.args(tmp), signal: run.signal, durationSeconds: o.expectedSeconds, onProgress: (p) => run.progress(p * 0.95), timeoutMs: Math.max(180_000, o.expectedSeconds * 30_000) }),
  );
  const video = await addToLibrary(ctx, file, 'compilations', o.title);
  const row = await createCompilationsRepository(ctx.database).insert({
    filename: path.basename(file),
    path: file,
    durationSeconds: video.durationSeconds,
    videoIds: o.sources.map((s) => s.id),
    settings: { mode: o.mode, ...o.settings },
    videoId: video.id,
    jobId: run.id,
  });
  run.log(`compilation ${row.id}: ${o.sources.length} source(s), ${video.durationSeconds?.toFixed(2)}s → video ${video.id}`);
  return { compilationId: row.id, videoId: video.id, path: file, durationSeconds: video.durationSeconds, videoIds: o.sources.map((s) => s.id) };
}

export const compileRandom = defineJob({
  description: 'A montage of random stretches of random library videos',
  schema: z.object({
    videoIds: ids.min(1).max(500).optional(),
    count: z.number().int().min(1).max(50).default(5),
    clipSeconds: z.number().positive().max(120).default(5),
    seed: z.number().int().optional(),
    ...frameParams,
  }),
  async handler(run) {
    const { ctx, params } = run;
    const seed = params.seed ?? Math.floor(Math.random() * 2 ** 31);
    const rand = seededRandom(seed);
    const pool = params.videoIds
      ? params.videoIds
      : await createLibraryRepository(ctx.database).validIds(5000);
    if (!pool.length) throw new PermanentJobError('there are no videos to compile');
    const picked = [...pool].sort(() => rand() - 0.5).slice(0, params.count);
    const sources = await loadAll(ctx, picked);
    const segments: Segment[] = sources.map((v) => {
      const duration = Math.min(params.clipSeconds, v.durationSeconds);
      return { input: v.path, start: Math.floor(rand() * Math.max(0, v.durationSeconds - duration) * 100) / 100, duration, hasAudio: v.hasAudio };
    });
    const frame = { ...frameFor(sources, params), fps: params.fps };
    const expected = segments.reduce((s, x) => s + x.duration, 0);
    return produce(run, {
      mode: 'random', sources, title: params.title ?? `Random compilation ${new Date().toISOString().slice(0, 10)}`, expectedSeconds: expected,
      settings: { seed, count: params.count, clipSeconds: params.clipSeconds, ...frame, segments: segments.map((s, i) => ({ videoId: sources[i]!.id, start: s.start, duration: s.duration })) },
      args: (tmp) => buildConcatArgs(segments, tmp, frame),
    });
  },
});

function quadJob(layout: QuadLayout) {
  return defineJob({
    description: layout === 'grid' ? 'Four videos in a 2×2 grid' : 'Four videos side by side in one row',
    category: 'gpu_encode',
    schema: z.object({
      videoIds: ids.length(4, 'videoIds must list exactly 4 videos'),
      duration: z.number().positive().max(600).optional(),
      cellWidth: z.number().int().min(16).max(1920).optional(),
      cellHeight: z.number().int().min(16).max(1080).optional(),
      fps: z.number().int().min(1).max(60).default(30),
      title: z.string().min(1).max(200).optional(),
    }),
    async handler(run) {
      const { ctx, params } = run;
      const sources = await loadAll(ctx, params.videoIds);
      const duration = Math.min(params.duration ?? 60, ...sources.map((s) => s.durationSeconds));
      const first = sources[0]!;
      const cellWidth = even(params.cellWidth ?? first.width);
      const cellHeight = even(params.cellHeight ?? first.height);
      const inputs = sources.map((s) => ({ input: s.path, start: 0, hasAudio: s.hasAudio }));
      const mode = layout === 'grid' ? 'quad' : 'quad_horizontal';
      return produce(run, {
        mode, sources, title: params.title ?? `${layout === 'grid' ? 'Quad' : 'Quad row'} compilation`, expectedSeconds: duration,
        settings: { layout, duration, cellWidth, cellHeight, fps: params.fps },
        args: (tmp) => buildQuadArgs(inputs, tmp, { cellWidth, cellHeight, duration, fps: params.fps, layout }),
      });
    },
  });
}

export const compileQuad = quadJob('grid');
export const compileQuadHorizontal = quadJob('row');

export const compilation = defineJob({
  description: 'The given videos (or a stretch of each) one after another, in order',
  category: 'gpu_encode',
  schema: z.object({
    videoIds: ids.min(1).max(200),
    start: z.number().min(0).default(0),
    clipSeconds: z.number().positive().max(3600).optional(),
    ...frameParams,
  }),
  async handler(run) {
    const { ctx, params } = run;
    const sources = await loadAll(ctx, params.videoIds);
    const segments: Segment[] = sources.map((v) => {
      const start = Math.min(params.start, Math.max(0, v.durationSeconds - 0.5));
      return { input: v.path, start, duration: Math.min(params.clipSeconds ?? Infinity, v.durationSeconds - start), hasAudio: v.hasAudio };
    });
    const frame = { ...frameFor(sources, params), fps: params.fps };
    return produce(run, {
      mode: 'concat', sources, title: params.title ?? `Compilation of ${sources.length} videos`, expectedSeconds: segments.reduce((s, x) => s + x.duration, 0),
      settings: { start: params.start, clipSeconds: params.clipSeconds ?? null, ...frame },
      args: (tmp) => buildConcatArgs(segments, tmp, frame),
    });
  },
});
