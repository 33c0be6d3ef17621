// PGlite has one owner: a second process opening the same directory would corrupt it.
// proper-lockfile keeps a lock dir fresh (mtime) while we run; a crashed owner's lock goes stale.
import lockfile from 'proper-lockfile';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `The data directory ${dir} is in use by another Reel process. Stop that process, ` +
        `or set REEL_DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL server).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export async function lockDataDir(dir: string, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'reel.lock'),
      stale: 15_000,
      update: 5_000,
      realpath: false,
      onCompromised,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
    throw err;
  }
}
