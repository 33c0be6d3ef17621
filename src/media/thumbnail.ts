// Thumbnails and perceptual-hash frames from ONE ffmpeg run per video: a few positions
// across the video are decoded; each gives a small grey frame (scored, and hashed for
// near-duplicates) and a JPEG candidate. The best-scored candidate — not black, not blown
// out, most detail — becomes the thumbnail; the rest are removed.
import { readFile, rename, rm } from 'node:fs/promises';
import { runMedia } from './ffmpeg-runner.js';
import { PHASH_FRAME_SIDE, phashVideo } from './phash.js';

export const THUMBNAIL_WIDTH = 480;

/** Relative positions sampled; the ends are avoided (fades, titles, credits). */
export function samplePositions(durationSeconds: number, count = 5): number[] {
  if (!(durationSeconds > 0)) return [0];
  return Array.from({ length: count }, (_, i) => Math.round(((i * 2 + 1) / (count * 2)) * durationSeconds * 1000) / 1000);
}

type SampleSpec = { file: string; positions: number[]; grayOut: string; candidate: (i: number) => string };

/**
 * One ffmpeg run for several videos: ffmpeg's start-up (~60 ms, more on a busy machine) is
 * most of the cost for short clips, so it is paid once per batch.
 */
export function buildBatchSampleArgs(specs: SampleSpec[]): string[] {
  const side = PHASH_FRAME_SIDE;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  const graph: string[] = [];
  const outputs: string[] = [];
  let input = 0;
  specs.forEach((spec, v) => {
    const { positions } = spec;
    positions.forEach((p, i) => {
      args.push('-ss', String(p), '-i', spec.file);
      graph.push(`[${input++}:v:0]split=2[v${v}s${i}a][v${v}s${i}b]`);
      graph.push(`[v${v}s${i}a]scale=${side}:${side}:flags=area,format=gray[v${v}g${i}]`);
      graph.push(`[v${v}s${i}b]scale='min(${THUMBNAIL_WIDTH},iw)':-2[v${v}c${i}]`);
    });
    const grays = positions.map((_, i) => `[v${v}g${i}]`).join('');
    graph.push(positions.length > 1 ? `${grays}hstack=inputs=${positions.length}[v${v}g]` : `[v${v}g0]null[v${v}g]`);
    outputs.push('-map', `[v${v}g]`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', spec.grayOut);
    positions.forEach((_, i) => outputs.push('-map', `[v${v}c${i}]`, '-frames:v', '1', '-q:v', '4', spec.candidate(i)));
  });
  return [...args, '-filter_complex', graph.join(';'), ...outputs];
}

export const buildFrameSampleArgs = (spec: SampleSpec): string[] => buildBatchSampleArgs([spec]);

/** Splits an hstacked strip (side × side·n) into n frames. */
export function splitStrip(strip: Uint8Array, count: number, side = PHASH_FRAME_SIDE): Uint8Array[] {
  const frames = Array.from({ length: count }, () => new Uint8Array(side * side));
  const stripWidth = side * count;
  for (let y = 0; y < side; y++) {
    for (let f = 0; f < count; f++) {
      frames[f]!.set(strip.subarray(y * stripWidth + f * side, y * stripWidth + (f + 1) * side), y * side);
    }
  }
  return frames;
}

/** Higher is a better thumbnail: detail (contrast), with near-black or near-white frames last. */
export function scoreFrame(gray: Uint8Array): number {
  let sum = 0;
  for (const v of gray) sum += v;
  const mean = sum / gray.length;
  let variance = 0;
  for (const v of gray) variance += (v - mean) ** 2;
  const stddev = Math.sqrt(variance / gray.length);
  const usable = mean > 24 && mean < 232 && stddev > 4;
  return (usable ? 1000 : 0) + stddev;
}

export function bestFrameIndex(frames: Uint8Array[]): number {
  let best = 0;
  let bestScore = -1;
  frames.forEach((f, i) => {
    const s = scoreFrame(f);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return best;
}

/** True when every frame is flat: such a hash says nothing about the content. */
export function framesAreFlat(frames: Uint8Array[]): boolean {
  return frames.every((f) => scoreFrame(f) % 1000 <= 4);
}

export type FrameSample = { thumbnailPath: string; phash: string | null; positionSeconds: number };

export type SampleInput = { file: string; durationSeconds: number; outFile: string };

function specFor(input: SampleInput): SampleSpec {
  const base = input.outFile.replace(/\.jpg$/, '');
  return { file: input.file, positions: samplePositions(input.durationSeconds), grayOut: `${base}.frames.gray`, candidate: (i) => `${base}.c${i}.jpg` };
}

async function pickBest(input: SampleInput, spec: SampleSpec): Promise<FrameSample> {
  const frames = splitStrip(new Uint8Array(await readFile(spec.grayOut)), spec.positions.length);
  const best = bestFrameIndex(frames);
  await rename(spec.candidate(best), input.outFile);
  return {
    thumbnailPath: input.outFile,
    phash: spec.positions.length > 1 && !framesAreFlat(frames) ? phashVideo(frames) : null,
    positionSeconds: spec.positions[best]!,
  };
}

const cleanup = (spec: SampleSpec) => Promise.all([spec.grayOut, ...spec.positions.map((_, i) => spec.candidate(i))].map((f) => rm(f, { force: true })));

/**
 * Thumbnails and perceptual hashes for several videos in one ffmpeg run. When the run
 * fails (one unreadable video spoils a batch), each video is tried alone, so one bad file
 * costs only its own result: an Error in its place.
 */
export async function sampleManyVideoFrames(opts: { ffmpegPath: string; inputs: SampleInput[]; signal?: AbortSignal }): Promise<Array<FrameSample | Error>> {
  const specs = opts.inputs.map(specFor);
  try {
    await runMedia({ bin: opts.ffmpegPath, args: buildBatchSampleArgs(specs), signal: opts.signal, timeoutMs: 60_000 + 30_000 * specs.length });
    return await Promise.all(opts.inputs.map((input, i) => pickBest(input, specs[i]!)));
  } catch (err) {
    if (opts.inputs.length === 1 || opts.signal?.aborted) return [err instanceof Error ? err : new Error(String(err))];
  } finally {
    await Promise.all(specs.map(cleanup));
  }
  const results: Array<FrameSample | Error> = [];
  for (const input of opts.inputs) results.push(...(await sampleManyVideoFrames({ ...opts, inputs: [input] })));
  return results;
}

/** Writes `<outFile>` (JPEG) and returns the video's perceptual hash. */
export async function sampleVideoFrames(opts: SampleInput & { ffmpegPath: string; signal?: AbortSignal }): Promise<FrameSample> {
  const [result] = await sampleManyVideoFrames({ ffmpegPath: opts.ffmpegPath, inputs: [opts], signal: opts.signal });
  if (result instanceof Error) throw result;
  return result!;
}
