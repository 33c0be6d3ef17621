// A small generated library covering what the scanner must handle: every orientation,
// with and without audio, four containers, an exact copy, a re-encode at another size, a
// corrupt file, an empty file, a text file named .mp4, odd names and nested folders.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeVideo } from '../fixtures/make-video.js';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';

export const FIX = {
  land: 'inbox/land.mp4',
  portrait: 'studios/Acme Studio/portrait clip.mov',
  square: 'curated/square.mkv',
  webm: 'gifs/clip.webm',
  unicode: 'videos/nested/deeper/ünïcødé 日本.mp4',
  copy: 'private/land copy.mp4',
  reencode: 'curated/land-small.mp4',
  corrupt: 'broken.mp4',
  empty: 'empty.mp4',
  text: 'notes.mp4',
  other: 'readme.txt',
} as const;

export async function makeFixtureLibrary(root: string): Promise<void> {
  const p = (rel: string) => path.join(root, rel);
  await Promise.all([
    makeVideo(p(FIX.land), { width: 320, height: 240, duration: 1, source: 'testsrc' }),
    makeVideo(p(FIX.portrait), { width: 180, height: 320, duration: 1, source: 'testsrc2', audio: false }),
  ]);
  await Promise.all([
    makeVideo(p(FIX.square), { width: 240, height: 240, duration: 1.5, source: 'smptebars' }),
    makeVideo(p(FIX.webm), { width: 160, height: 120, duration: 1, source: 'rgbtestsrc', audio: false }),
  ]);
  await makeVideo(p(FIX.unicode), { width: 320, height: 240, duration: 2, source: 'yuvtestsrc' });
  await mkdir(path.dirname(p(FIX.copy)), { recursive: true });
  await copyFile(p(FIX.land), p(FIX.copy));
  await run(FFMPEG, ['-loglevel', 'error', '-y', '-i', p(FIX.land), '-vf', 'scale=160:120', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-c:a', 'aac', p(FIX.reencode)]);
  const head = (await readFile(p(FIX.land))).subarray(0, 32);
  await writeFile(p(FIX.corrupt), Buffer.concat([head, Buffer.alloc(8000, 0x5a)]));
  await writeFile(p(FIX.empty), '');
  await writeFile(p(FIX.text), 'this is not a video\n'.repeat(50));
  await writeFile(p(FIX.other), 'hello');
}
