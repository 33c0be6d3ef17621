// `reel scan` as a user runs it: plain progress lines when not on a terminal, the summary,
// the exit codes, and a rescan that skips what did not change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database.js';
import { makeVideo } from '../fixtures/make-video.js';
import { reel } from '../cli/helpers.js';

describe('reel scan', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-cliscan-'));
  const lib = mkdtempSync(path.join(tmpdir(), 'reel-cliscan-lib-'));
  let db: TestDatabase | undefined;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) db = await createTestDatabase();
    env = { REEL_DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '', LOG_LEVEL: 'warn', LIBRARY_ROOTS: '' };
    await makeVideo(path.join(lib, 'studios', 'a clip.mp4'), { duration: 1 });
    await makeVideo(path.join(lib, 'inbox', 'b.mkv'), { duration: 1, width: 240, height: 240, source: 'smptebars' });
    writeFileSync(path.join(lib, 'inbox', 'empty.mp4'), '');
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(lib, { recursive: true, force: true });
  });

  it('scans, prints progress lines and a summary, then skips unchanged files', async () => {
    const first = reel(['scan', lib], env);
    expect(await first.exited).toBe(0);
    const out = first.output();
    expect(out).toContain('indexing: 3 file(s)');
    expect(out).toMatch(/new 3, updated 0, unchanged 0, moved 0, duplicates 0, invalid 1, vanished 0, errors 0/);
    expect(out).toContain('made 2 thumbnail(s)');

    // No folder given: the folders scanned before.
    const again = reel(['scan', '--json'], env);
    expect(await again.exited).toBe(0);
    const summary = JSON.parse(again.output().trim().split('\n').pop()!);
    expect(summary).toMatchObject({ roots: [lib], new: 0, unchanged: 3, found: 3 });
  });

  it('names a folder that does not exist', async () => {
    const run = reel(['scan', path.join(lib, 'nope')], env);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('is not a readable directory');
  });
});
