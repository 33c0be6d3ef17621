import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, appendFileSync, writeFileSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../src/http/test-app.js';
import { scanLibrary } from '../../src/modules/library/library.scan.js';
import { createLibraryUseCases } from '../../src/modules/library/library.usecases.js';
import { createLibraryRepository } from '../../src/modules/library/library.repository.js';
import { FIX, makeFixtureLibrary } from './fixture-library.js';

describe('scanning a library', () => {
  let t: TestApp;
  let root: string;
  const abs = (rel: string) => path.join(root, rel);
  const byPath = async (rel: string) => createLibraryRepository(t.ctx.database).byPath(abs(rel));

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'reel-lib-'));
    await makeFixtureLibrary(root);
    writeFileSync(path.join(root, 'inbox', 'land.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n');
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes every video with its metadata, directory type, thumbnail and duplicates', async () => {
    const phases = new Set<string>();
    const s = await scanLibrary(t.ctx, { roots: [root], onProgress: (p) => phases.add(p.phase) });
    expect(s).toMatchObject({ found: 10, new: 9, updated: 0, unchanged: 0, moved: 0, invalid: 2, skipped: 1, errors: 0, vanished: 0 });
    expect(s.duplicates).toBe(2);
    expect([...phases]).toEqual(expect.arrayContaining(['walking', 'indexing', 'hashing', 'thumbnails', 'done']));

    const land = (await byPath(FIX.land))!;
    expect(land).toMatchObject({ width: 320, height: 240, orientation: 'landscape', quality: '240p', hasAudio: true, videoCodec: 'h264', audioCodec: 'aac', container: 'mp4', directoryType: 'inbox', isValid: true, title: 'land', filename: 'land.mp4' });
    expect(land.durationSeconds).toBeCloseTo(1, 0);
    expect(land.fps).toBeCloseTo(15, 0);
    expect(land.bitrate).toBeGreaterThan(0);
    expect(existsSync(land.thumbnailPath!)).toBe(true);
    expect(land.thumbnailPath!.startsWith(path.join(t.dataDir, 'thumbnails'))).toBe(true);
    expect(land.phash).toMatch(/^[0-9a-f]{80}$/);
    expect(land.captionPath).toBe(path.join(root, 'inbox', 'land.vtt'));
    expect((await byPath(FIX.copy))!.captionPath).toBeNull();

    expect(await byPath(FIX.portrait)).toMatchObject({ orientation: 'portrait', hasAudio: false, container: 'mov', directoryType: 'studios', width: 180, height: 320 });
    expect(await byPath(FIX.square)).toMatchObject({ orientation: 'square', container: 'matroska', directoryType: 'curated', hasAudio: true });
    expect(await byPath(FIX.webm)).toMatchObject({ container: 'webm', videoCodec: 'vp9', directoryType: 'gifs', hasAudio: false });
    expect(await byPath(FIX.unicode)).toMatchObject({ directoryType: 'videos', title: 'ünïcødé 日本', isValid: true });

    const corrupt = (await byPath(FIX.corrupt))!;
    expect(corrupt.isValid).toBe(false);
    expect(corrupt.invalidReason).toMatch(/invalid|moov|data/i);
    expect(corrupt.directoryType).toBeNull();
    expect(await byPath(FIX.empty)).toMatchObject({ isValid: false, invalidReason: 'file is empty' });
    expect(await byPath(FIX.text)).toBeUndefined();

    const copy = (await byPath(FIX.copy))!;
    expect(copy.fileHash).toMatch(/^[0-9a-f]{32}$/);
    expect(copy.fileHash).toBe(land.fileHash);
    // Unique fingerprints never need a full read.
    expect((await byPath(FIX.portrait))!.fileHash).toBeNull();

    const dups = await createLibraryUseCases(t.ctx).duplicates();
    expect(dups.exact).toHaveLength(1);
    expect(dups.exact[0]!.videos.map((v) => v.id).sort()).toEqual([land.id, copy.id].sort());
    const reencode = (await byPath(FIX.reencode))!;
    const near = dups.near.find((g) => g.videos.some((v) => v.id === reencode.id));
    expect(near).toBeDefined();
    expect(near!.videos.map((v) => v.id)).toEqual(expect.arrayContaining([land.id, reencode.id]));
    expect(near!.distance).toBeGreaterThanOrEqual(0);
    // Nothing unrelated is called a near duplicate.
    const unicode = (await byPath(FIX.unicode))!;
    expect(dups.near.some((g) => g.videos.some((v) => v.id === unicode.id))).toBe(false);
  });

  it('skips unchanged files on a rescan without reading them', async () => {
    const s = await scanLibrary(t.ctx, { roots: [root] });
    expect(s).toMatchObject({ found: 10, new: 0, updated: 0, moved: 0, unchanged: 9, skipped: 1, vanished: 0, thumbnails: 0 });
  });

  it('re-indexes a changed file, keeps a moved one by id, and marks a vanished one invalid', async () => {
    const land = (await byPath(FIX.land))!;
    const unicode = (await byPath(FIX.unicode))!;
    const square = (await byPath(FIX.square))!;
    await mkdir(abs('highlights/sub'), { recursive: true });
    await rename(abs(FIX.unicode), abs('highlights/sub/renamed.mp4'));
    rmSync(abs(FIX.square));
    appendFileSync(abs(FIX.webm), Buffer.alloc(10));
    const later = new Date(Date.now() + 5000);
    utimesSync(abs(FIX.webm), later, later);

    const s = await scanLibrary(t.ctx, { roots: [root] });
    expect(s).toMatchObject({ new: 0, moved: 1, vanished: 1, updated: 1 });
    const moved = (await byPath('highlights/sub/renamed.mp4'))!;
    expect(moved.id).toBe(unicode.id);
    expect(moved).toMatchObject({ directoryType: 'highlights', filename: 'renamed.mp4', isValid: true, title: unicode.title });
    const gone = (await createLibraryRepository(t.ctx.database).byIds([square.id]))[0]!;
    expect(gone).toMatchObject({ isValid: false, invalidReason: 'file not found' });
    expect(gone.lastValidated).toBeInstanceOf(Date);
    expect((await byPath(FIX.land))!.id).toBe(land.id);
    expect(statSync(abs(FIX.webm)).size).toBe((await byPath(FIX.webm))!.fileSize);
  });

  it('finds a file moved to another root as the same video', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'reel-lib2-'));
    try {
      const portrait = (await byPath(FIX.portrait))!;
      await rename(abs(FIX.portrait), path.join(other, 'portrait.mov'));
      await scanLibrary(t.ctx, { roots: [root], media: false });
      expect((await createLibraryRepository(t.ctx.database).byIds([portrait.id]))[0]!.isValid).toBe(false);
      const s = await scanLibrary(t.ctx, { roots: [other], media: false });
      expect(s).toMatchObject({ moved: 1, new: 0 });
      const row = (await createLibraryRepository(t.ctx.database).byIds([portrait.id]))[0]!;
      expect(row).toMatchObject({ path: path.join(other, 'portrait.mov'), isValid: true, invalidReason: null });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(scanLibrary(t.ctx, { roots: [root], signal: ac.signal })).rejects.toThrow();
  });
});
