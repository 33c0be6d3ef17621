// What media job handlers share: loading the video a job is about (a deleted row or a
// missing file fails the job for good), where outputs go, and adding a produced file to the
// library through the library's own inspection (probe + fingerprint) and repository.
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { findVideo } from '../library/library.access.js';
import { createLimiter, inspectFile, videoFieldsFrom } from '../library/library.inspect.js';
import { createLibraryRepository } from '../library/library.repository.js';
import { slugify, titleFromFilename } from '../library/library.paths.js';
import { uploadRoot } from '../library/library.roots.js';
import type { DirectoryType, VideoRow } from '../library/library.table.js';
import { PermanentJobError, type JobRun } from '../../jobs/registry.js';

export type SourceVideo = VideoRow & { durationSeconds: number; width: number; height: number };

/** The video a job works on, with its file present and its measures known. */
export async function loadSourceVideo(ctx: AppContext, videoId: number): Promise<SourceVideo> {
  const video = await findVideo(ctx.database, videoId);
  if (!video) throw new PermanentJobError(`video ${videoId} does not exist`);
  try {
    await access(video.path);
  } catch {
    throw new PermanentJobError(`video ${videoId}'s file is missing: ${video.path}`);
  }
  if (!video.durationSeconds || !video.width || !video.height) {
    const inspection = await inspectFile(video.path, { ffprobePath: ctx.config.ffprobePath, ffprobeLimit: createLimiter(1) });
    if (inspection.kind !== 'video') throw new PermanentJobError(`video ${videoId} cannot be read as a video`);
    return (await createLibraryRepository(ctx.database).update(videoId, videoFieldsFrom(inspection, new Date()))) as SourceVideo;
  }
  return video as SourceVideo;
}

/** Where generated media that joins the library is written: the library's upload root (first root or <dataDir>/uploads). */
export function libraryOutputDir(ctx: AppContext, directoryType: DirectoryType): string {
  return path.join(uploadRoot(ctx.config), directoryType);
}

/** Derived files that are not library entries (HLS, GIFs, scene frames) live in the data dir. */
export const derivedDir = (ctx: AppContext, kind: string, videoId: number | string) => path.join(ctx.config.dataDir, kind, String(videoId));

export function outputName(base: string, suffix: string, ext: string): string {
  return `${slugify(base) || 'video'}-${suffix}${ext}`;
}

/** Runs `produce` against a temporary path and moves the result into place when it succeeds. */
export async function writeAtomically<T>(target: string, produce: (tmp: string) => Promise<T>): Promise<T> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}${path.extname(target)}`;
  try {
    const out = await produce(tmp);
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
    return out;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Indexes a produced file as a library video (or refreshes it when the path is known). */
export async function addToLibrary(ctx: AppContext, file: string, directoryType: DirectoryType, title?: string): Promise<VideoRow> {
  const inspection = await inspectFile(file, { ffprobePath: ctx.config.ffprobePath, ffprobeLimit: createLimiter(1) });
  if (inspection.kind !== 'video') throw new Error(`the produced file ${file} is not a readable video`);
  const fields = {
    ...videoFieldsFrom(inspection, new Date()),
    path: file,
    filename: path.basename(file),
    title: title ?? titleFromFilename(path.basename(file)),
    directoryType,
  };
  const repo = createLibraryRepository(ctx.database);
  const existing = await repo.byPath(file);
  if (existing) return (await repo.update(existing.id, fields))!;
  const [inserted] = await repo.insert([fields]);
  return (await findVideo(ctx.database, inserted!.id))!;
}

/** Maps a sub-task's 0–100 onto a slice of the job's progress. */
export const progressSlice = (run: Pick<JobRun<unknown>, 'progress'>, from: number, to: number) => (p: number) =>
  run.progress(from + ((to - from) * p) / 100);
