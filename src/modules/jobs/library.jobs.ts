// Jobs that call the library's use cases: scans, organizing (one video or a studio's
// videos), publishing, fetching a video from a URL into the inbox, and the
// organize → transcode → publish pipeline.
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { createLibraryUseCases } from '../library/library.usecases.js';
import { generateMediaFor } from '../library/library.media-derive.js';
import { isInside, rootOf, safeUploadName } from '../library/library.paths.js';
import { scanProgressReporter, scanSummaryLine } from '../library/library.scan-progress.js';
import { libraryRoots, uploadRoot } from '../library/library.roots.js';
import { createLibraryRepository } from '../library/library.repository.js';
import { DIRECTORY_TYPES } from '../library/library.table.js';
import { defineJob, PermanentJobError } from '../../jobs/registry.js';
import { addToLibrary, writeAtomically } from './jobs.outputs.js';

const videoId = z.number({ error: 'videoId must be a video id' }).int().positive();
const directoryType = z.enum(DIRECTORY_TYPES);
// The full list (up to 100) is in the job's result; the log shows the first ones.
const SCAN_ERRORS_LOGGED = 20;

export const scan = defineJob({
  description: 'Index library roots: new, changed, moved, duplicate and vanished files',
  schema: z.object({ roots: z.array(z.string().min(1)).optional(), media: z.boolean().default(true) }),
  maxAttempts: 1,
  async handler(run) {
    const library = createLibraryUseCases(run.ctx);
    // Jobs come from the API too: like the library's scan endpoint, only folders inside the
    // library (compared on real paths, so a symlink cannot lead out).
    if (run.params.roots?.length) {
      await library.checkScanRoots(run.params.roots, { insideLibrary: true }).catch((err: Error) => {
        throw new PermanentJobError(err.message);
      });
    }
    const summary = await library.scan({
      roots: run.params.roots,
      media: run.params.media,
      signal: run.signal,
      onProgress: scanProgressReporter({ percent: run.progress, log: run.log }, { media: run.params.media }),
    });
    run.log(scanSummaryLine(summary));
    for (const e of summary.errorList.slice(0, SCAN_ERRORS_LOGGED)) run.log(`error: ${e.path}: ${e.error}`);
    if (summary.errorList.length > SCAN_ERRORS_LOGGED) run.log(`… ${summary.errorList.length - SCAN_ERRORS_LOGGED} more errors in the result`);
    return summary;
  },
});

export const publicScan = defineJob({
  description: 'Rescan the roots that hold published videos, so the gallery never points at a vanished or changed file',
  schema: z.object({}),
  maxAttempts: 1,
  async handler(run) {
    const { ctx } = run;
    const repo = createLibraryRepository(ctx.database);
    const published = await repo.publishedPaths();
    const roots = await libraryRoots(ctx);
    const holding = [...new Set(published.map((p) => rootOf(roots, p)).filter((r): r is string => Boolean(r)))];
    const present: string[] = [];
    for (const r of holding) if ((await stat(r).catch(() => undefined))?.isDirectory()) present.push(r);
    if (!present.length) return { roots: [], published: published.length, note: 'no published videos under a readable root' };
    const summary = await createLibraryUseCases(ctx).scan({ roots: present, signal: run.signal, onProgress: scanProgressReporter({ percent: run.progress, log: run.log }) });
    return { ...summary, published: published.length, publishedInvalid: await repo.countPublishedInvalid() };
  },
});

export const organize = defineJob({
  description: 'Move a video into a directory type and/or give it its standardized name, remembering the original',
  schema: z.object({ videoId, directoryType: directoryType.optional(), standardizeName: z.boolean().default(true) }),
  async handler(run) {
    const library = createLibraryUseCases(run.ctx);
    const before = await library.get(run.params.videoId);
    const after = await library.organize(run.params.videoId, { directoryType: run.params.directoryType, standardizeName: run.params.standardizeName });
    run.log(before.path === after.path ? `already in place: ${after.path}` : `moved ${before.path} → ${after.path}`);
    return { videoId: after.id, from: before.path, path: after.path, directoryType: after.directoryType };
  },
});

export const organizeStudio = defineJob({
  description: "Move every video of one producer (studio) into `studios` with standardized names",
  schema: z.object({ producer: z.string().min(1, 'producer is required').max(200), standardizeName: z.boolean().default(true) }),
  async handler(run) {
    const library = createLibraryUseCases(run.ctx);
    const ids = await createLibraryRepository(run.ctx.database).validIdsByProducer(run.params.producer);
    const moved: number[] = [];
    const failed: Array<{ id: number; error: string }> = [];
    for (const [i, id] of ids.entries()) {
      run.signal.throwIfAborted();
      try {
        await library.organize(id, { directoryType: 'studios', standardizeName: run.params.standardizeName });
        moved.push(id);
      } catch (err) {
        failed.push({ id, error: (err as Error).message });
        run.log(`video ${id}: ${(err as Error).message}`);
      }
      run.progress(((i + 1) / ids.length) * 100);
    }
    return { producer: run.params.producer, total: ids.length, moved, failed };
  },
});

export const publish = defineJob({
  description: 'Publish a video to the gallery (optionally into a category)',
  schema: z.object({ videoId, categoryId: z.number().int().positive().optional() }),
  async handler(run) {
    const video = await createLibraryUseCases(run.ctx).update(run.params.videoId, { published: true, ...(run.params.categoryId ? { categoryId: run.params.categoryId } : {}) });
    return { videoId: video.id, published: video.published, publishedAt: video.publishedAt };
  },
});

export const autoOrganizePublish = defineJob({
  description: 'A pipeline: organize → reencode_streaming → publish',
  schema: z.object({ videoId, directoryType: directoryType.default('curated'), categoryId: z.number().int().positive().optional() }),
  async handler(run) {
    const { videoId: id, directoryType: dir, categoryId } = run.params;
    await createLibraryUseCases(run.ctx).get(id);
    const p = await run.createPipeline(`auto organize and publish video ${id}`, [
      { type: 'organize', params: { videoId: id, directoryType: dir, standardizeName: true } },
      { type: 'reencode_streaming', params: { videoId: id } },
      { type: 'publish', params: { videoId: id, ...(categoryId ? { categoryId } : {}) } },
    ]);
    run.log(`started pipeline ${p.id}`);
    return { pipelineId: p.id };
  },
});

/** Counts bytes as they stream and stops the download past the limit. */
function byteLimit(limit: number, onBytes: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) return done(new PermanentJobError(`the download is larger than the limit of ${limit} bytes`));
      onBytes(seen);
      done(null, chunk);
    },
  });
}

export const fetchVideo = defineJob({
  description: 'Download a video from an http(s) URL into the inbox (streamed, size-limited), then index it',
  schema: z.object({
    url: z.string().url('url must be an http(s) URL').refine((u) => /^https?:\/\//i.test(u), 'url must be an http(s) URL'),
    filename: z.string().min(1).max(200).optional(),
    maxBytes: z.number().int().positive().optional(),
  }),
  timeoutMs: 3 * 3600_000,
  async handler(run) {
    const { ctx, params } = run;
    const limit = Math.min(params.maxBytes ?? ctx.config.maxUploadBytes, ctx.config.maxUploadBytes);
    const response = await fetch(params.url, { signal: run.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      const msg = `download failed: HTTP ${response.status} ${response.statusText}`;
      throw response.status >= 400 && response.status < 500 ? new PermanentJobError(msg) : new Error(msg);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limit) throw new PermanentJobError(`the download is larger than the limit of ${limit} bytes (${declared} announced)`);
    const urlName = decodeURIComponent(new URL(response.url || params.url).pathname.split('/').pop() ?? '');
    const name = safeUploadName(params.filename ?? (urlName || `download-${run.id}.mp4`));
    const inbox = path.join(uploadRoot(ctx.config), 'inbox');
    await mkdir(inbox, { recursive: true });
    let target = path.join(inbox, name);
    if (await stat(target).catch(() => undefined)) target = path.join(inbox, `${path.basename(name, path.extname(name))}-${run.id}${path.extname(name)}`);
    if (!isInside(inbox, target)) throw new PermanentJobError('the file name leads outside the inbox');
    await writeAtomically(target, (tmp) =>
      pipeline(
        Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
        byteLimit(limit, (n) => declared > 0 && run.progress((n / declared) * 90)),
        createWriteStream(tmp),
        { signal: run.signal },
      ),
    );
    let video;
    try {
      video = await addToLibrary(ctx, target, 'inbox');
    } catch (err) {
      await rm(target, { force: true });
      throw new PermanentJobError(`the downloaded file is not a readable video: ${(err as Error).message}`);
    }
    await generateMediaFor(ctx, [{ id: video.id, path: video.path, durationSeconds: video.durationSeconds }], { signal: run.signal });
    const size = (await stat(target)).size;
    run.log(`downloaded ${size} bytes → ${target} (video ${video.id})`);
    return { videoId: video.id, path: target, bytes: size, url: params.url };
  },
});
