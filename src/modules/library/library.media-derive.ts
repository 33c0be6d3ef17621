// Derived media for indexed videos: the thumbnail (best of several frames) and the
// perceptual hash. Small videos are sampled several to an ffmpeg run (its start-up is most
// of their cost); large ones one per run, so a batch never holds many big decoders at once.
import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { sampleManyVideoFrames } from '../../media/thumbnail.js';
import { mapLimit } from './library.inspect.js';
import { createLibraryRepository } from './library.repository.js';
import type { ScanProgress } from './library.scan.js';

export const thumbnailFile = (dataDir: string, id: number) => path.join(dataDir, 'thumbnails', `${id}.jpg`);

type MediaRow = { id: number; path: string; durationSeconds: number | null; width?: number | null; height?: number | null };

const BATCH = 6;
const SMALL_PIXELS = 1280 * 720;

/** Groups rows into ffmpeg runs: up to BATCH small videos together, every other video alone. */
export function batchesFor(rows: MediaRow[]): MediaRow[][] {
  const batches: MediaRow[][] = [];
  let current: MediaRow[] = [];
  for (const row of rows) {
    const small = row.width != null && row.height != null && row.width * row.height <= SMALL_PIXELS;
    if (!small) {
      batches.push([row]);
      continue;
    }
    current.push(row);
    if (current.length === BATCH) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

export async function generateMediaFor(
  ctx: AppContext,
  rows: MediaRow[],
  opts: { signal?: AbortSignal; onProgress?: (p: ScanProgress) => void } = {},
): Promise<{ made: number; failures: Array<{ path: string; error: unknown }> }> {
  const repo = createLibraryRepository(ctx.database);
  const failures: Array<{ path: string; error: unknown }> = [];
  if (!rows.length) return { made: 0, failures };
  await mkdir(path.join(ctx.config.dataDir, 'thumbnails'), { recursive: true });
  let made = 0;
  let done = 0;
  opts.onProgress?.({ phase: 'thumbnails', done: 0, total: rows.length });
  await mapLimit(batchesFor(rows), Math.max(1, cpus().length), async (batch) => {
    opts.signal?.throwIfAborted();
    const results = await sampleManyVideoFrames({
      ffmpegPath: ctx.config.ffmpegPath,
      inputs: batch.map((row) => ({ file: row.path, durationSeconds: row.durationSeconds ?? 0, outFile: thumbnailFile(ctx.config.dataDir, row.id) })),
      signal: opts.signal,
    });
    opts.signal?.throwIfAborted();
    for (const [i, row] of batch.entries()) {
      const result = results[i]!;
      if (result instanceof Error) failures.push({ path: row.path, error: result });
      else {
        await repo.update(row.id, { thumbnailPath: result.thumbnailPath, phash: result.phash });
        made++;
      }
      opts.onProgress?.({ phase: 'thumbnails', done: ++done, total: rows.length, file: row.path });
    }
  });
  return { made, failures };
}
