// PGlite has one owner: a second process opening the same directory would corrupt it.
// proper-lockfile keeps a lock dir fresh (mtime) while we run. Next to it we record our pid,
// so that after a crash (kill -9, power loss) a restart on the same host takes the lock over
// at once instead of waiting for it to go stale.
import lockfile from 'proper-lockfile';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid?: number) {
    super(
      `The data directory ${dir} is in use by another Reel process${pid ? ` (pid ${pid})` : ''}. Stop that process, ` +
        `or set REEL_DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL server).`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function lockDataDir(dir: string, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'reel.lock');
  const pidFile = path.join(dir, 'reel.pid');
  const take = () =>
    lockfile.lock(dir, { lockfilePath: lockPath, stale: 15_000, update: 5_000, realpath: false, onCompromised });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const pid = ownerPid(pidFile);
    // Only a lock whose recorded owner is gone is taken over; without a pid we cannot tell.
    if (pid === undefined || pid === process.pid || isAlive(pid)) throw new DataDirLockedError(dir, pid);
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
      throw again;
    }
  }
  writeFileSync(pidFile, String(process.pid));
  return async () => {
    rmSync(pidFile, { force: true });
    await release();
  };
}
