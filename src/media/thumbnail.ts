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

export function buildFrameSampleArgs(opts: { file: string; positions: number[]; grayOut: string; candidate: (i: number) => string }): string[] {
  const { positions } = opts;
  const side = PHASH_FRAME_SIDE;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  for (const p of positions) args.push('-ss', String(p), '-i', opts.file);
  const graph: string[] = [];
  positions.forEach((_, i) => {
    graph.push(`[${i}:v:0]split=2[s${i}a][s${i}b]`);
    graph.push(`[s${i}a]scale=${side}:${side}:flags=area,format=gray[g${i}]`);
    graph.push(`[s${i}b]scale='min(${THUMBNAIL_WIDTH},iw)':-2[c${i}]`);
  });
  const grays = positions.map((_, i) => `[g${i}]`).join('');
  graph.push(positions.length > 1 ? `${grays}hstack=inputs=${positions.length}[g]` : `[g0]null[g]`);
  args.push('-filter_complex', graph.join(';'));
  args.push('-map', '[g]', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', opts.grayOut);
  positions.forEach((_, i) => args.push('-map', `[c${i}]`, '-frames:v', '1', '-q:v', '4', opts.candidate(i)));
  return args;
}

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

/** Writes `<outFile>` (JPEG) and returns the video's perceptual hash. */
export async function sampleVideoFrames(opts: {
  ffmpegPath: string;
  file: string;
  durationSeconds: number;
  outFile: string;
  signal?: AbortSignal;
}): Promise<FrameSample> {
  const positions = samplePositions(opts.durationSeconds);
  const base = opts.outFile.replace(/\.jpg$/, '');
  const grayOut = `${base}.frames.gray`;
  const candidate = (i: number) => `${base}.c${i}.jpg`;
  try {
    await runMedia({
      bin: opts.ffmpegPath,
      args: buildFrameSampleArgs({ file: opts.file, positions, grayOut, candidate }),
      signal: opts.signal,
      timeoutMs: 120_000,
    });
    const strip = new Uint8Array(await readFile(grayOut));
    const frames = splitStrip(strip, positions.length);
    const best = bestFrameIndex(frames);
    await rename(candidate(best), opts.outFile);
    return {
      thumbnailPath: opts.outFile,
      phash: positions.length > 1 && !framesAreFlat(frames) ? phashVideo(frames) : null,
      positionSeconds: positions[best]!,
    };
  } finally {
    await Promise.all([grayOut, ...positions.map((_, i) => candidate(i))].map((f) => rm(f, { force: true })));
  }
}
