// Resumable uploads for multi-GB files (the tus idea, kept small): create a session with
// the total size, send the bytes in chunks with `Upload-Offset`, ask for the offset after
// a broken connection and go on from there. State is two files on disk next to the inbox
// (`<id>` with the bytes so far, `<id>.json` with the session), so it survives restarts
// and is shared by every instance that mounts the library.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../app/context.js';
import { AppError, conflict } from '../../shared/errors.js';
import { uploadTooLarge } from './library.errors.js';
import { ingestPartial, partialUploadDir } from './library.upload.js';
import type { VideoRow } from './library.table.js';

export type UploadSession = { uploadId: string; filename: string; size: number; offset: number; title: string | null; createdAt: string };
type StoredSession = Omit<UploadSession, 'offset'> & { userId: number };

const EXPIRE_MS = 24 * 3600 * 1000;
const busy = new Set<string>();

const uploadNotFound = () => new AppError(404, 'UPLOAD_NOT_FOUND', 'Upload not found');
const offsetMismatch = (offset: number) => conflict(`Upload-Offset does not match: the upload is at ${offset}`, { offset }, 'OFFSET_MISMATCH');
const uploadBusy = () => conflict('Another chunk of this upload is being received', undefined, 'UPLOAD_BUSY');

const files = (ctx: AppContext, id: string) => {
  const dir = partialUploadDir(ctx);
  return { data: path.join(dir, id), meta: path.join(dir, `${id}.json`) };
};

async function load(ctx: AppContext, id: string): Promise<StoredSession & { offset: number }> {
  const f = files(ctx, id);
  try {
    const session = JSON.parse(await readFile(f.meta, 'utf8')) as StoredSession;
    return { ...session, offset: (await stat(f.data)).size };
  } catch {
    throw uploadNotFound();
  }
}

const view = (s: StoredSession & { offset: number }): UploadSession => ({
  uploadId: s.uploadId, filename: s.filename, size: s.size, offset: s.offset, title: s.title, createdAt: s.createdAt,
});

/** Removes sessions untouched for a day (abandoned uploads must not fill the disk). */
async function sweep(ctx: AppContext): Promise<void> {
  const dir = partialUploadDir(ctx);
  const now = ctx.clock.now().getTime();
  for (const name of await readdir(dir).catch(() => [])) {
    const full = path.join(dir, name);
    const st = await stat(full).catch(() => undefined);
    if (st && now - st.mtimeMs > EXPIRE_MS) await rm(full, { force: true });
  }
}

export async function createUploadSession(ctx: AppContext, input: { filename: string; size: number; title?: string }, userId: number): Promise<UploadSession> {
  if (input.size > ctx.config.maxUploadBytes) throw uploadTooLarge(ctx.config.maxUploadBytes);
  await mkdir(partialUploadDir(ctx), { recursive: true });
  await sweep(ctx);
  const uploadId = randomUUID();
  const session: StoredSession = { uploadId, filename: input.filename, size: input.size, title: input.title ?? null, createdAt: ctx.clock.now().toISOString(), userId };
  const f = files(ctx, uploadId);
  await writeFile(f.data, '', { flag: 'wx' });
  await writeFile(f.meta, JSON.stringify(session), { flag: 'wx' });
  return view({ ...session, offset: 0 });
}

export async function getUploadSession(ctx: AppContext, id: string): Promise<UploadSession> {
  return view(await load(ctx, id));
}

export async function cancelUploadSession(ctx: AppContext, id: string): Promise<void> {
  await load(ctx, id);
  const f = files(ctx, id);
  await Promise.all([rm(f.data, { force: true }), rm(f.meta, { force: true })]);
}

/**
 * Appends one chunk at `offset`. Returns the session, and the video once the last byte is
 * in (the file is then ingested like any upload; a refused file ends the session).
 */
export async function appendUploadChunk(
  ctx: AppContext,
  id: string,
  offset: number,
  body: Readable,
): Promise<{ session: UploadSession; video?: VideoRow }> {
  if (busy.has(id)) throw uploadBusy();
  busy.add(id);
  try {
    const session = await load(ctx, id);
    if (offset !== session.offset) throw offsetMismatch(session.offset);
    const room = session.size - session.offset;
    const f = files(ctx, id);
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > room) done(uploadTooLarge(session.size));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(f.data, { flags: 'r+', start: session.offset }));
    } catch (err) {
      // Over the declared size: drop this chunk. A broken connection keeps what arrived.
      if (err instanceof AppError) {
        await truncate(f.data, session.offset);
        throw err;
      }
    }
    const current = await load(ctx, id);
    if (current.offset < current.size) return { session: view(current) };
    try {
      const video = await ingestPartial(ctx, f.data, { filename: current.filename, userId: current.userId, title: current.title ?? undefined });
      return { session: view(current), video };
    } finally {
      await Promise.all([rm(f.data, { force: true }), rm(f.meta, { force: true })]);
    }
  } finally {
    busy.delete(id);
  }
}
