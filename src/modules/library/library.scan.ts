// The scanner (SPEC §5): walk the roots, index what changed, recognise moves, confirm exact
// duplicates, mark vanished files, then make thumbnails and perceptual hashes.
// Unchanged files (same size and mtime) cost one stat and no read; new or changed files
// cost a few small reads (see library.inspect.ts); full hashes are only computed for files
// whose cheap fingerprint collides with another's, in worker threads.
import { opendir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { hashPoolFor } from './library.hash-pool.js';
import { createLibraryRepository, type IndexedFile } from './library.repository.js';
import { createLimiter, inspectFile, mapLimit, videoFieldsFrom, type Inspection } from './library.inspect.js';
import { directoryTypeFor, hasVideoExtension, isInside, rootOf, titleFromFilename } from './library.paths.js';
import { uploadRoot } from './library.roots.js';
import { generateMediaFor } from './library.media-derive.js';
import type { NewVideoRow } from './library.table.js';

export type ScanPhase = 'walking' | 'indexing' | 'hashing' | 'thumbnails' | 'done';
export type ScanProgress = { phase: ScanPhase; done: number; total: number; file?: string };

export type ScanSummary = {
  roots: string[];
  found: number;
  new: number;
  updated: number;
  unchanged: number;
  moved: number;
  duplicates: number;
  invalid: number;
  vanished: number;
  skipped: number;
  thumbnails: number;
  errors: number;
  errorList: Array<{ path: string; error: string }>;
  elapsedMs: number;
};

export type ScanOptions = {
  roots: string[];
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  /** Make thumbnails and perceptual hashes in the same run (default true). */
  media?: boolean;
};

// Rows written per statement: small enough that PGlite's one engine is never held long
// (every other query waits for it).
const BATCH = 100;

type Found = { path: string; size: number; mtimeMs: number };

/** Every file with a video extension under `root`, without following symlinks or entering dot-folders. */
async function walk(root: string, skip: (dir: string) => boolean, out: string[], signal?: AbortSignal): Promise<void> {
  const dirs = [root];
  while (dirs.length) {
    signal?.throwIfAborted();
    const dir = dirs.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      continue; // unreadable folder: nothing to index there
    }
    for await (const entry of handle) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip(full)) dirs.push(full);
      } else if (entry.isFile() && hasVideoExtension(entry.name)) out.push(full);
    }
  }
}

export async function scanLibrary(ctx: AppContext, opts: ScanOptions): Promise<ScanSummary> {
  const started = performance.now();
  const { signal } = opts;
  const repo = createLibraryRepository(ctx.database);
  const roots = [...new Set(opts.roots.map((r) => path.resolve(r)))];
  const summary: ScanSummary = {
    roots, found: 0, new: 0, updated: 0, unchanged: 0, moved: 0, duplicates: 0, invalid: 0, vanished: 0,
    skipped: 0, thumbnails: 0, errors: 0, errorList: [], elapsedMs: 0,
  };
  const report = (p: ScanProgress) => opts.onProgress?.(p);
  const fail = (file: string, err: unknown) => {
    summary.errors++;
    if (summary.errorList.length < 100) summary.errorList.push({ path: file, error: err instanceof Error ? err.message : String(err) });
    ctx.logger.warn({ file, err }, 'scan: could not index file');
  };

  // 1. Walk. The data dir's own files (database, thumbnails, HLS, transcodes) are never
  // library media, except the upload folder when uploads live there.
  report({ phase: 'walking', done: 0, total: 0 });
  const dataDir = ctx.config.dataDir;
  const uploads = uploadRoot(ctx.config);
  const skip = (dir: string) => isInside(dataDir, dir) && !isInside(uploads, dir) && !isInside(dir, uploads);
  const files: string[] = [];
  for (const root of roots) await walk(root, skip, files, signal);
  const found: Found[] = [];
  await mapLimit(files, 64, async (file) => {
    const st = await stat(file).catch(() => undefined);
    if (st?.isFile()) found.push({ path: file, size: st.size, mtimeMs: Math.floor(st.mtimeMs) });
  });
  summary.found = found.length;

  // 2. Compare with what is indexed under these roots.
  const indexed = await repo.listIndexedUnder(roots);
  const byPath = new Map(indexed.map((r) => [r.path, r]));
  const seen = new Set(found.map((f) => f.path));
  const work: Array<Found & { row?: IndexedFile }> = [];
  for (const f of found) {
    const row = byPath.get(f.path);
    // A file that came back after vanishing is looked at again even if it looks the same.
    const revived = row && !row.isValid && row.invalidReason === 'file not found';
    if (row && !revived && row.fileSize === f.size && row.fileMtimeMs === f.mtimeMs) summary.unchanged++;
    else work.push({ ...f, row });
  }
  // Rows whose file is gone: vanished, unless a new file turns out to be them, moved.
  const missing = new Map<number, IndexedFile>(indexed.filter((r) => !seen.has(r.path)).map((r) => [r.id, r]));

  // 3. Index new and changed files in batches.
  const now = ctx.clock.now();
  const touched: number[] = [];
  const claimed = new Set<number>();
  const ffprobeLimit = createLimiter(Math.max(1, cpus().length));
  report({ phase: 'indexing', done: 0, total: work.length });
  let done = 0;
  for (let b = 0; b < work.length; b += BATCH) {
    signal?.throwIfAborted();
    const batch = work.slice(b, b + BATCH);
    const inspected = await mapLimit(batch, 16, async (item) => {
      try {
        return await inspectFile(item.path, { ffprobePath: ctx.config.ffprobePath, ffprobeLimit, signal });
      } catch (err) {
        fail(item.path, err);
        return undefined;
      } finally {
        report({ phase: 'indexing', done: ++done, total: work.length, file: item.path });
      }
    });
    const captions = await Promise.all(batch.map((item) => sidecarCaptions(item.path)));
    const prints = inspected.flatMap((i) => (i && i.kind !== 'not-video' && i.partialHash ? [{ size: i.size, partialHash: i.partialHash }] : []));
    const candidates = await repo.byFingerprints(prints);
    await ctx.database.db.transaction(async (tx) => {
      const inserts: NewVideoRow[] = [];
      for (let i = 0; i < batch.length; i++) {
        const item = batch[i]!;
        const result = inspected[i];
        if (!result) continue;
        const root = rootOf(roots, item.path) ?? path.dirname(item.path);
        const fields = {
          ...videoFieldsFrom(result, now),
          directoryType: directoryTypeFor(root, item.path),
          filename: path.basename(item.path),
          captionPath: captions[i] ?? null,
        };
        if (result.kind === 'invalid' || (result.kind === 'not-video' && item.row)) summary.invalid++;
        if (item.row) {
          // Changed content: derived data must be made again.
          await repo.update(item.row.id, { ...fields, fileHash: null, phash: null, thumbnailPath: null }, tx);
          touched.push(item.row.id);
          summary.updated++;
          continue;
        }
        if (result.kind === 'not-video') {
          summary.skipped++;
          continue;
        }
        const source = result.kind === 'video' ? findMoveSource(result, candidates, missing, claimed) : undefined;
        if (source) {
          missing.delete(source.id);
          claimed.add(source.id);
          await repo.update(source.id, { ...fields, path: item.path }, tx);
          touched.push(source.id);
          summary.moved++;
          continue;
        }
        inserts.push({ ...fields, path: item.path, title: titleFromFilename(item.path) } as NewVideoRow);
      }
      const created = await repo.insert(inserts, tx);
      touched.push(...created.map((c) => c.id));
      summary.new += created.length;
    });
  }

  // 4. Vanished files: kept, marked invalid (history and engagement stay attached).
  const vanished = [...missing.values()].filter((r) => r.isValid || r.invalidReason !== 'file not found').map((r) => r.id);
  await repo.markVanished(vanished, now);
  summary.vanished = vanished.length;

  // 5. Exact duplicates: full hashes only where the cheap fingerprint collides.
  const toHash = await repo.sharedFingerprintsMissingHash();
  if (toHash.length) {
    report({ phase: 'hashing', done: 0, total: toHash.length });
    const pool = hashPoolFor(ctx);
    let hashed = 0;
    const hashes = await mapLimit(toHash, 4, async (row) => {
      try {
        return { id: row.id, fileHash: await pool.hashFile(row.path) };
      } catch (err) {
        fail(row.path, err);
        return undefined;
      } finally {
        report({ phase: 'hashing', done: ++hashed, total: toHash.length, file: row.path });
      }
    });
    await repo.setFileHashes(hashes.filter((h) => h !== undefined));
  }
  summary.duplicates = (await repo.idsWithExactCopies(touched)).length;

  // 6. Thumbnails and perceptual hashes, for every valid file under these roots still lacking one.
  if (opts.media !== false) {
    const result = await generateMediaFor(ctx, await repo.missingThumbnailsUnder(roots), { signal, onProgress: report });
    summary.thumbnails = result.made;
    for (const f of result.failures) fail(f.path, f.error);
  }

  await repo.rememberRoots(roots.filter((r) => !ctx.config.libraryRoots.includes(r)), now);
  summary.elapsedMs = Math.round(performance.now() - started);
  report({ phase: 'done', done: summary.found, total: summary.found });
  return summary;
}

/** WebVTT captions kept next to the video under the same name (`clip.mp4` → `clip.vtt`, `clip.en.vtt`). */
async function sidecarCaptions(file: string): Promise<string | undefined> {
  const stem = file.slice(0, file.length - path.extname(file).length);
  for (const candidate of [`${stem}.vtt`, `${stem}.en.vtt`]) {
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  return undefined;
}

/**
 * A row this new file is, moved: same size and partial hash (and the same full hash when
 * the row has one), whose own file no longer exists.
 */
function findMoveSource(
  result: Extract<Inspection, { kind: 'video' }>,
  candidates: IndexedFile[],
  missing: Map<number, IndexedFile>,
  claimed: Set<number>,
): IndexedFile | undefined {
  for (const c of candidates) {
    if (claimed.has(c.id) || c.fileSize !== result.size || c.partialHash !== result.partialHash) continue;
    if (Math.abs((c.durationSeconds ?? 0) - result.probe.durationSeconds) > 0.05) continue;
    // Under the scanned roots: missing from the walk. Elsewhere: already marked gone, and still gone.
    const gone = missing.has(c.id) || (!c.isValid && c.invalidReason === 'file not found' && !existsSync(c.path));
    if (gone) return c;
  }
  return undefined;
}
