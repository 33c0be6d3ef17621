import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../../test/fixtures/make-video.js';
import { durationsComparable, hammingDistance, isNearDuplicate, phashFrame } from './phash.js';
import { bestFrameIndex, buildBatchSampleArgs, buildFrameSampleArgs, sampleManyVideoFrames, sampleVideoFrames, samplePositions, splitStrip } from './thumbnail.js';

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';

describe('pure parts', () => {
  it('samples away from the ends', () => {
    expect(samplePositions(10)).toEqual([1, 3, 5, 7, 9]);
    expect(samplePositions(0)).toEqual([0]);
  });
  it('builds one ffmpeg run with a grey strip and a candidate per position', () => {
    const args = buildFrameSampleArgs({ file: 'in.mp4', positions: [1, 2], grayOut: 'g.raw', candidate: (i) => `c${i}.jpg` });
    expect(args.filter((a) => a === '-i')).toHaveLength(2);
    expect(args.join(' ')).toContain('hstack=inputs=2[v0g]');
    expect(args).toContain('c1.jpg');
  });
  it('puts several videos in one run with their own labels and outputs', () => {
    const spec = (f: string) => ({ file: f, positions: [1, 2], grayOut: `${f}.raw`, candidate: (i: number) => `${f}.c${i}.jpg` });
    const args = buildBatchSampleArgs([spec('a.mp4'), spec('b.mp4')]);
    expect(args.filter((a) => a === '-i')).toHaveLength(4);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('[2:v:0]split=2[v1s0a][v1s0b]');
    expect(graph).toContain('[v1g0][v1g1]hstack=inputs=2[v1g]');
    expect(args).toContain('b.mp4.raw');
    expect(args).toContain('b.mp4.c1.jpg');
  });

  it('splits a strip and prefers a detailed frame over a black one', () => {
    const black = new Uint8Array(32 * 32);
    const detailed = Uint8Array.from({ length: 32 * 32 }, (_, i) => ((i * 37) % 200) + 20);
    const strip = new Uint8Array(64 * 32);
    for (let y = 0; y < 32; y++) strip.set(detailed.subarray(y * 32, y * 32 + 32), y * 64 + 32);
    const frames = splitStrip(strip, 2);
    expect(frames[1]).toEqual(detailed);
    expect(bestFrameIndex([black, detailed])).toBe(1);
  });
  it('compares hashes', () => {
    expect(hammingDistance('ff00', 'ff0f')).toBe(4);
    expect(hammingDistance('ff', 'ff00')).toBeNull();
    expect(durationsComparable(60, 60.4)).toBe(true);
    expect(durationsComparable(60, 62)).toBe(false);
    expect(isNearDuplicate(8, 64)).toBe(true);
    expect(isNearDuplicate(9, 64)).toBe(false);
    const grad = Uint8Array.from({ length: 1024 }, (_, i) => (i % 32) * 8);
    expect(phashFrame(grad)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('sampling real videos', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reel-thumb-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips a black opening, and finds a re-encode near while another video is far', async () => {
    const a = await makeVideo(path.join(dir, 'a.mp4'), { source: 'testsrc2', duration: 2, blackLead: 0.8, audio: false });
    const small = path.join(dir, 'a-small.mkv');
    execFileSync(FFMPEG, ['-loglevel', 'error', '-y', '-i', a, '-vf', 'scale=160:120', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', small]);
    const other = await makeVideo(path.join(dir, 'b.mp4'), { source: 'smptebars', duration: 2, audio: false });

    const sa = await sampleVideoFrames({ ffmpegPath: FFMPEG, file: a, durationSeconds: 2, outFile: path.join(dir, 'a.jpg') });
    const ss = await sampleVideoFrames({ ffmpegPath: FFMPEG, file: small, durationSeconds: 2, outFile: path.join(dir, 's.jpg') });
    const sb = await sampleVideoFrames({ ffmpegPath: FFMPEG, file: other, durationSeconds: 2, outFile: path.join(dir, 'b.jpg') });
    expect(existsSync(sa.thumbnailPath)).toBe(true);
    expect(sa.positionSeconds).toBeGreaterThan(0.8); // the black part is never chosen
    expect(readdirSync(dir).filter((f) => f.includes('.c') || f.endsWith('.gray'))).toEqual([]);
    const near = hammingDistance(sa.phash!, ss.phash!)!;
    const far = hammingDistance(sa.phash!, sb.phash!)!;
    expect(isNearDuplicate(near, sa.phash!.length * 4)).toBe(true);
    expect(isNearDuplicate(far, sa.phash!.length * 4)).toBe(false);
  });

  it('samples a batch in one run, and a bad file in it fails alone', async () => {
    const good1 = await makeVideo(path.join(dir, 'g1.mp4'), { duration: 1, audio: false });
    const good2 = await makeVideo(path.join(dir, 'g2.webm'), { duration: 1, audio: false, width: 160, height: 120 });
    const bad = path.join(dir, 'bad.mp4');
    writeFileSync(bad, 'not a video at all');
    const out = (n: string) => path.join(dir, `${n}.jpg`);
    const results = await sampleManyVideoFrames({
      ffmpegPath: FFMPEG,
      inputs: [
        { file: good1, durationSeconds: 1, outFile: out('r1') },
        { file: bad, durationSeconds: 1, outFile: out('r2') },
        { file: good2, durationSeconds: 1, outFile: out('r3') },
      ],
    });
    expect(results[0]).toMatchObject({ thumbnailPath: out('r1') });
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[2]).toMatchObject({ thumbnailPath: out('r3') });
    expect(existsSync(out('r1')) && existsSync(out('r3')) && !existsSync(out('r2'))).toBe(true);
    const together = await sampleManyVideoFrames({ ffmpegPath: FFMPEG, inputs: [{ file: good1, durationSeconds: 1, outFile: out('t1') }, { file: good2, durationSeconds: 1, outFile: out('t2') }] });
    expect(together.every((r) => !(r instanceof Error))).toBe(true);
    expect((together[0] as { phash: string }).phash).toBe((results[0] as { phash: string }).phash);
    expect(readdirSync(dir).filter((f) => f.includes('.c') || f.endsWith('.gray'))).toEqual([]);
  });
});
