// Organize (seed 003 `organize`): move a video's file into a directory type of its root
// and/or rename it to the standard pattern, remembering where it came from. Never
// overwrites: the new name is claimed with a hard link (fails if taken) before the old
// one is removed; across file systems an exclusive copy does the same.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { findVideo } from './library.access.js';
import { fileMissing, outsideRoots, targetExists, videoNotFound } from './library.errors.js';
import { directoryTypeFor, rootOf, standardizedName } from './library.paths.js';
import { createLibraryRepository } from './library.repository.js';
import { libraryRoots } from './library.roots.js';
import type { DirectoryType, VideoRow } from './library.table.js';

export type OrganizeInput = { directoryType?: DirectoryType; standardizeName?: boolean };

/** Moves `from` to `to` without ever replacing an existing file. */
export async function moveNoOverwrite(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw targetExists(to);
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw err;
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } catch (copyErr) {
      if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') throw targetExists(to);
      throw copyErr;
    }
  }
  await unlink(from);
}

/**
 * Captions kept next to the video under its name (`clip.vtt`) follow it to its new name;
 * captions elsewhere stay where they are. Never overwrites either.
 */
async function moveSidecarCaptions(video: VideoRow, target: string): Promise<string | null> {
  const caption = video.captionPath;
  if (!caption) return null;
  const stem = (p: string) => p.slice(0, p.length - path.extname(p).length);
  if (!path.basename(caption).startsWith(path.basename(stem(video.path)) + '.') || path.dirname(caption) !== path.dirname(video.path)) return caption;
  const suffix = caption.slice(stem(video.path).length); // ".vtt" or ".en.vtt"
  const next = stem(target) + suffix;
  try {
    await moveNoOverwrite(caption, next);
    return next;
  } catch {
    return caption;
  }
}

export async function organizeVideo(ctx: AppContext, id: number, input: OrganizeInput): Promise<VideoRow> {
  const video = await findVideo(ctx.database, id);
  if (!video) throw videoNotFound();
  const current = await stat(video.path).catch(() => undefined);
  if (!current?.isFile()) throw fileMissing();
  const root = rootOf(await libraryRoots(ctx), video.path);
  if (!root) throw outsideRoots(`The video's file (${video.path})`);

  const dir = input.directoryType ? path.join(root, input.directoryType) : path.dirname(video.path);
  const name = input.standardizeName ? standardizedName(video) : video.filename;
  const target = path.join(dir, name);
  const repo = createLibraryRepository(ctx.database);
  if (target === video.path) {
    return (await repo.update(id, { directoryType: directoryTypeFor(root, target), ...(input.standardizeName ? { standardizedAt: ctx.clock.now() } : {}) }))!;
  }
  // A record may still hold that path (a vanished file): taking it would merge two histories.
  if (await repo.byPath(target)) throw targetExists(target);
  await moveNoOverwrite(video.path, target);
  const moved = await stat(target);
  const captionPath = await moveSidecarCaptions(video, target);
  const updated = await repo.update(id, {
    captionPath,
    path: target,
    filename: name,
    directoryType: directoryTypeFor(root, target),
    fileMtimeMs: Math.floor(moved.mtimeMs),
    // The first location is the original; later moves keep it.
    originalFilename: video.originalFilename ?? video.filename,
    originalPath: video.originalPath ?? video.path,
    ...(input.standardizeName ? { standardizedAt: ctx.clock.now() } : {}),
  });
  return updated!;
}
