import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegError, parseProgressSeconds, runMedia } from './ffmpeg-runner.js';
import { makeVideo } from '../../test/fixtures/make-video.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reel-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseProgressSeconds', () => {
  it('reads the last out_time in a chunk', () => {
    expect(parseProgressSeconds('frame=1\nout_time_us=1500000\nprogress=continue\nout_time_us=2500000\n')).toBe(2.5);
    expect(parseProgressSeconds('frame=1\n')).toBeUndefined();
  });
});

describe('runMedia', () => {
  it('reports progress up to 100 on a real encode', async () => {
    const src = await makeVideo(path.join(dir, 'in.mp4'), { duration: 2 });
    const seen: number[] = [];
    await runMedia({
      bin: process.env.FFMPEG_PATH ?? 'ffmpeg',
      args: ['-y', '-i', src, '-c:v', 'libx264', '-preset', 'ultrafast', '-progress', 'pipe:1', '-nostats', path.join(dir, 'out.mp4')],
      durationSeconds: 2,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.at(-1)).toBe(100);
    expect(statSync(path.join(dir, 'out.mp4')).size).toBeGreaterThan(0);
  });

  it('kills the process on abort and keeps the stderr tail on failure', async () => {
    const controller = new AbortController();
    const running = runMedia({
      bin: process.env.FFMPEG_PATH ?? 'ffmpeg',
      args: ['-y', '-f', 'lavfi', '-re', '-i', 'testsrc=duration=30', '-f', 'null', '-'],
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(running).rejects.toThrow(/aborted/);

    const failed = runMedia({ bin: process.env.FFMPEG_PATH ?? 'ffmpeg', args: ['-i', path.join(dir, 'missing.mp4'), '-f', 'null', '-'] });
    await expect(failed).rejects.toBeInstanceOf(FfmpegError);
    await failed.catch((e: FfmpegError) => expect(e.stderrTail).toMatch(/No such file/));
  });
});
