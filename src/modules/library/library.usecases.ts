// The library's behaviour for routes, CLI and jobs alike: scanning, listing, editing,
// deleting, bulk actions, duplicate groups and organizing.
import { rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { badRequest } from '../../shared/errors.js';
import type { AppContext } from '../../app/context.js';
import { durationsComparable, hammingDistance, isNearDuplicate } from '../../media/phash.js';
import { findVideo } from './library.access.js';
import { notADirectory, outsideRoots, videoNotFound, noRoots } from './library.errors.js';
import { organizeVideo, type OrganizeInput } from './library.organize.js';
import { createLibraryRepository, type VideoListFilters } from './library.repository.js';
import { libraryRoots, resolveInside } from './library.roots.js';
import { scanLibrary, type ScanOptions } from './library.scan.js';
import type { BulkInput, PatchVideoInput } from './library.schemas.js';
import type { videos, VideoRow } from './library.table.js';

export function createLibraryUseCases(ctx: AppContext) {
  const repo = createLibraryRepository(ctx.database);

  async function mustFind(id: number): Promise<VideoRow> {
    const video = await findVideo(ctx.database, id);
    if (!video) throw videoNotFound();
    return video;
  }

  /** Roots given by a caller must exist; through the API they must also lie in the library. */
  async function checkRoots(roots: string[] | undefined, opts: { insideLibrary: boolean }): Promise<string[]> {
    const known = await libraryRoots(ctx);
    const chosen = roots?.length ? roots.map((r) => path.resolve(r)) : [...ctx.config.libraryRoots, ...known.filter((k) => !ctx.config.libraryRoots.includes(k))];
    const existing: string[] = [];
    for (const r of chosen) {
      const st = await stat(r).catch(() => undefined);
      if (st?.isDirectory()) existing.push(r);
      else if (roots?.length) throw notADirectory(r);
    }
    if (!existing.length) throw noRoots();
    // Compared on real paths: a symlink inside a root must not open a folder outside it.
    if (opts.insideLibrary) for (const r of existing) if (!(await resolveInside(known, r))) throw outsideRoots(r);
    return existing;
  }

  async function remove(id: number, opts: { deleteFile?: boolean } = {}): Promise<void> {
    const video = await mustFind(id);
    if (opts.deleteFile) {
      const real = await resolveInside(await libraryRoots(ctx), video.path);
      if (real) await unlink(real).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
    }
    await repo.delete(id);
    if (video.thumbnailPath) await rm(video.thumbnailPath, { force: true });
    await rm(path.join(ctx.config.dataDir, 'hls', String(id)), { recursive: true, force: true });
  }

  return {
    /** Scans the given roots (or all library roots); callable from the CLI, a job or the API. */
    async scan(opts: Omit<ScanOptions, 'roots'> & { roots?: string[] }) {
      return scanLibrary(ctx, { ...opts, roots: await checkRoots(opts.roots, { insideLibrary: false }) });
    },

    /** The roots a scan would walk; the API also requires them inside the library (real paths). */
    checkScanRoots: checkRoots,

    async list(filters: VideoListFilters) {
      return repo.list(filters);
    },

    get: mustFind,

    async update(id: number, input: PatchVideoInput): Promise<VideoRow> {
      const video = await mustFind(id);
      const { directoryType, standardizeName, ...fields } = input;
      const now = ctx.clock.now();
      if (fields.categoryId != null) {
        if (!(await repo.categoryExists(fields.categoryId))) throw badRequest('categoryId does not name a category', undefined, 'UNKNOWN_CATEGORY');
      }
      const publishedAt = input.published === true && !video.published ? now : input.published === false ? null : undefined;
      if (Object.keys(fields).length) {
        await repo.update(id, { ...fields, ...(publishedAt !== undefined ? { publishedAt } : {}) });
      }
      // A new directory type means a new folder: the file moves with it.
      if ((directoryType && directoryType !== video.directoryType) || standardizeName) {
        await organizeVideo(ctx, id, { directoryType: directoryType !== video.directoryType ? directoryType : undefined, standardizeName });
      }
      return mustFind(id);
    },

    remove,

    organize: (id: number, input: OrganizeInput) => organizeVideo(ctx, id, input),

    async bulk(input: BulkInput) {
      const ids = [...new Set(input.ids)];
      const found = new Set((await repo.byIds(ids)).map((v) => v.id));
      const failed = ids.filter((id) => !found.has(id)).map((id) => ({ id, error: 'Video not found' }));
      const present = ids.filter((id) => found.has(id));
      const succeeded: number[] = [];
      const now = ctx.clock.now();
      const setMany = async (set: Partial<typeof videos.$inferInsert>) => {
        await repo.updateMany(present, { ...set, updatedAt: now });
        succeeded.push(...present);
      };
      switch (input.action) {
        case 'lock':
          await setMany({ locked: true, lockedAt: now, lockedReason: input.reason ?? null });
          break;
        case 'unlock':
          await setMany({ locked: false, lockedAt: null, lockedReason: null });
          break;
        case 'publish':
          await repo.publishMany(present, now);
          succeeded.push(...present);
          break;
        case 'unpublish':
          await setMany({ published: false, publishedAt: null, isHero: false });
          break;
        case 'delete':
        case 'move':
          for (const id of present) {
            try {
              if (input.action === 'delete') await remove(id, { deleteFile: input.deleteFiles });
              else await organizeVideo(ctx, id, { directoryType: input.directoryType, standardizeName: input.standardizeName });
              succeeded.push(id);
            } catch (err) {
              failed.push({ id, error: err instanceof Error ? err.message : String(err) });
            }
          }
          break;
      }
      return { action: input.action, succeeded, failed };
    },

    /** Exact groups (same content hash) and near groups (perceptual hash within the threshold). */
    async duplicates() {
      const exactRows = await repo.exactDuplicateRows();
      const exact = new Map<string, VideoRow[]>();
      for (const row of exactRows) exact.set(row.fileHash!, [...(exact.get(row.fileHash!) ?? []), row]);

      // Durations sorted ascending: each video is compared only with those close in length.
      const hashes = await repo.perceptualHashes();
      const parent = new Map<number, number>();
      const find = (x: number): number => {
        while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
        return x;
      };
      const groupDistance = new Map<number, number>();
      const bitsOf = new Map<number, number>();
      for (let i = 0; i < hashes.length; i++) {
        const a = hashes[i]!;
        for (let j = i + 1; j < hashes.length; j++) {
          const b = hashes[j]!;
          if (!durationsComparable(a.durationSeconds!, b.durationSeconds!)) break;
          const d = hammingDistance(a.phash!, b.phash!);
          const bits = a.phash!.length * 4;
          if (d === null || !isNearDuplicate(d, bits)) continue;
          if (!parent.has(a.id)) parent.set(a.id, a.id);
          if (!parent.has(b.id)) parent.set(b.id, b.id);
          const ra = find(a.id);
          const rb = find(b.id);
          const worst = Math.max(d, groupDistance.get(ra) ?? 0, groupDistance.get(rb) ?? 0);
          parent.set(rb, ra);
          groupDistance.set(ra, worst);
          bitsOf.set(ra, bits);
        }
      }
      const members = new Map<number, number[]>();
      for (const id of parent.keys()) members.set(find(id), [...(members.get(find(id)) ?? []), id]);
      const nearIds = [...members.values()].flat();
      const nearRows = new Map((await repo.byIds(nearIds)).map((v) => [v.id, v]));
      const near = [...members.entries()].map(([rootId, ids]) => ({
        distance: groupDistance.get(rootId) ?? 0,
        bits: bitsOf.get(rootId) ?? 0,
        videos: ids.sort((x, y) => x - y).map((id) => nearRows.get(id)!).filter(Boolean),
      }));
      return {
        exact: [...exact.entries()].map(([fileHash, rows]) => ({ fileHash, videos: rows })),
        near: near.sort((x, y) => x.distance - y.distance),
      };
    },
  };
}

export type LibraryUseCases = ReturnType<typeof createLibraryUseCases>;
