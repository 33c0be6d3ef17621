// Which folders belong to the library: LIBRARY_ROOTS, folders scanned from the CLI (kept in
// library_roots), and the upload root. Media is served only from under these or the data
// dir, checked on real paths so a symlink cannot lead outside.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import type { Config } from '../../app/config.js';
import { createLibraryRepository } from './library.repository.js';
import { isInside } from './library.paths.js';

/** Where uploads land: the first library root, else `<dataDir>/uploads`; always in its `inbox`. */
export function uploadRoot(config: Config): string {
  return config.libraryRoots[0] ?? path.join(config.dataDir, 'uploads');
}

export async function libraryRoots(ctx: AppContext): Promise<string[]> {
  const known = await createLibraryRepository(ctx.database).knownRoots();
  return [...new Set([...ctx.config.libraryRoots, ...known, uploadRoot(ctx.config)])];
}

const realOrNull = (p: string) => realpath(p).catch(() => null);

/**
 * The real path of `file` when it lies inside one of `roots` (compared on real paths), else
 * null. A missing file is null too.
 */
export async function resolveInside(roots: string[], file: string): Promise<string | null> {
  const real = await realOrNull(file);
  if (!real) return null;
  for (const root of roots) {
    const realRoot = await realOrNull(root);
    if (realRoot && isInside(realRoot, real)) return real;
  }
  return null;
}

/** The folders media may be served from. */
export async function servableRoots(ctx: AppContext): Promise<string[]> {
  return [...(await libraryRoots(ctx)), ctx.config.dataDir];
}
