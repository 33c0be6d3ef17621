// Uploads: the request's file is streamed to a partial file next to its destination (never
// held in memory), then treated exactly like a scanned file — sniffed, probed, fingerprinted,
// checked for an exact duplicate — and only then moved into `<upload root>/inbox`.
// Anything refused (too large, not a video, unreadable, duplicate) leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../app/context.js';
import { hashPoolFor } from './library.hash-pool.js';
import { duplicateUpload, notAVideo, targetExists, unreadableVideo, uploadTooLarge } from './library.errors.js';
import { createLimiter, inspectFile, videoFieldsFrom } from './library.inspect.js';
import { generateMediaFor } from './library.media-derive.js';
import { moveNoOverwrite } from './library.organize.js';
import { directoryTypeFor, safeUploadName, titleFromFilename } from './library.paths.js';
import { createLibraryRepository } from './library.repository.js';
import { uploadRoot } from './library.roots.js';
import type { NewVideoRow, VideoRow } from './library.table.js';

export type UploadInput = {
  stream: Readable & { truncated?: boolean };
  filename: string;
  userId: number;
  title?: string;
};

const ffprobeLimit = createLimiter(2);

/** Claims `<dir>/<name>`, or `<stem> (2).<ext>` and so on when the name is taken. */
async function moveToFreeName(from: string, dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = path.basename(name, ext);
  for (let n = 1; n < 1000; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      await moveNoOverwrite(from, target);
      return target;
    } catch (err) {
      if ((err as { code?: string }).code !== 'TARGET_EXISTS') throw err;
    }
  }
  throw targetExists(path.join(dir, name));
}

/** The folder of partial uploads (same file system as the inbox, so the final move is a rename). */
export function partialUploadDir(ctx: AppContext): string {
  return path.join(uploadRoot(ctx.config), '.partial');
}

export async function ingestUpload(ctx: AppContext, input: UploadInput): Promise<VideoRow> {
  await mkdir(partialUploadDir(ctx), { recursive: true });
  const partial = path.join(partialUploadDir(ctx), randomUUID());
  try {
    try {
      await pipeline(input.stream, createWriteStream(partial, { flags: 'wx' }));
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(ctx.config.maxUploadBytes);
      throw err;
    }
    if (input.stream.truncated) throw uploadTooLarge(ctx.config.maxUploadBytes);
    return await ingestPartial(ctx, partial, input);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Turns a fully received file into a library video, like a scanned one: sniffed, probed,
 * checked for an exact duplicate, moved into the inbox, thumbnailed. The partial file is
 * moved on success and left to the caller to remove otherwise.
 */
export async function ingestPartial(ctx: AppContext, partial: string, input: Omit<UploadInput, 'stream'>): Promise<VideoRow> {
  const root = uploadRoot(ctx.config);
  const repo = createLibraryRepository(ctx.database);
  const inspection = await inspectFile(partial, { ffprobePath: ctx.config.ffprobePath, ffprobeLimit });
  if (inspection.kind === 'not-video') throw notAVideo(inspection.detected);
  if (inspection.kind === 'invalid') throw unreadableVideo(inspection.reason);

  // Exact duplicate? Candidates by fingerprint, confirmed by the full hash.
  let fileHash: string | null = null;
  const candidates = (await repo.byFingerprints([{ size: inspection.size, partialHash: inspection.partialHash }])).filter((c) => c.isValid);
  if (candidates.length) {
    const pool = hashPoolFor(ctx);
    fileHash = await pool.hashFile(partial);
    for (const c of candidates) {
      const theirs = c.fileHash ?? (await pool.hashFile(c.path).catch(() => null));
      if (theirs && !c.fileHash) await repo.update(c.id, { fileHash: theirs });
      if (theirs === fileHash) throw duplicateUpload(c.id);
    }
  }

  const name = safeUploadName(input.filename);
  const finalPath = await moveToFreeName(partial, path.join(root, 'inbox'), name);
  const now = ctx.clock.now();
  const [created] = await repo.insert([
    {
      ...videoFieldsFrom(inspection, now),
      path: finalPath,
      filename: path.basename(finalPath),
      title: input.title?.trim() || titleFromFilename(name),
      directoryType: directoryTypeFor(root, finalPath) ?? 'inbox',
      fileHash,
      uploadedBy: input.userId,
    } as NewVideoRow,
  ]);
  const media = await generateMediaFor(ctx, [{ id: created!.id, path: finalPath, durationSeconds: inspection.probe.durationSeconds, width: inspection.probe.width, height: inspection.probe.height }]);
  for (const f of media.failures) ctx.logger.warn({ err: f.error, file: f.path }, 'upload: thumbnail failed');
  return (await repo.byIds([created!.id]))[0]!;
}
