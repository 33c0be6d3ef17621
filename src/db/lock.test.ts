import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

const root = mkdtempSync(path.join(tmpdir(), 'reel-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('data dir lock', () => {
  it('refuses a second owner while the first holds it, and frees it on release', async () => {
    const dir = path.join(root, 'a');
    const release = await lockDataDir(dir, () => {});
    await expect(lockDataDir(dir, () => {})).rejects.toBeInstanceOf(DataDirLockedError);
    await release();
    const again = await lockDataDir(dir, () => {});
    await again();
  });

  it('takes over at once from an owner that died without releasing (kill -9)', async () => {
    const dir = path.join(root, 'b');
    // A lock left behind by a process that no longer exists.
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    mkdirSync(path.join(dir, 'reel.lock'), { recursive: true });
    writeFileSync(path.join(dir, 'reel.pid'), String(deadPid));
    const release = await lockDataDir(dir, () => {});
    await release();
  });

  it('keeps refusing when the recorded owner is alive', async () => {
    const dir = path.join(root, 'c');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      mkdirSync(path.join(dir, 'reel.lock'), { recursive: true });
      writeFileSync(path.join(dir, 'reel.pid'), String(child.pid));
      await expect(lockDataDir(dir, () => {})).rejects.toThrow(/in use by another Reel process/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
