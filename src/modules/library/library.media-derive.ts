// Derived media for indexed videos: the thumbnail (best of several frames) and the
// perceptual hash, from one ffmpeg run per video, a run per core at a time.
import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { sampleVideoFrames } from '../../media/thumbnail.js';
import { mapLimit } from './library.inspect.js';
import { createLibraryRepository } from './library.repository.js';
import type { ScanProgress } from './library.scan.js';

export const thumbnailFile = (dataDir: string, id: number) => path.join(dataDir, 'thumbnails', `${id}.jpg`);

export async function generateMediaFor(
  ctx: AppContext,
  rows: Array<{ id: number; path: string; durationSeconds: number | null }>,
  opts: { signal?: AbortSignal; onProgress?: (p: ScanProgress) => void } = {},
): Promise<{ made: number; failures: Array<{ path: string; error: unknown }> }> {
  const repo = createLibraryRepository(ctx.database);
  const failures: Array<{ path: string; error: unknown }> = [];
  if (!rows.length) return { made: 0, failures };
  await mkdir(path.join(ctx.config.dataDir, 'thumbnails'), { recursive: true });
  let made = 0;
  let done = 0;
  opts.onProgress?.({ phase: 'thumbnails', done: 0, total: rows.length });
  await mapLimit(rows, Math.max(1, cpus().length), async (row) => {
    opts.signal?.throwIfAborted();
    try {
      const sample = await sampleVideoFrames({
        ffmpegPath: ctx.config.ffmpegPath,
        file: row.path,
        durationSeconds: row.durationSeconds ?? 0,
        outFile: thumbnailFile(ctx.config.dataDir, row.id),
        signal: opts.signal,
      });
      await repo.update(row.id, { thumbnailPath: sample.thumbnailPath, phash: sample.phash });
      made++;
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      failures.push({ path: row.path, error });
    }
    opts.onProgress?.({ phase: 'thumbnails', done: ++done, total: rows.length, file: row.path });
  });
  return { made, failures };
}
