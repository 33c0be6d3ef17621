// Library scan benchmark: Reel's scan against the plain tools doing the same work —
// `find | xargs -0 -P2 sha256sum` (content hashes → duplicate groups) followed by
// `xargs -0 -P2 -n1 ffprobe` (metadata) — on one generated library, files in the OS cache.
// Prints: first scan ratio, unchanged-rescan ratio, and whether the duplicate groups match.
//
//   npx tsx bench/scan.ts                  # ~300 small files + 4 × 50 MB
//   BENCH_SCAN_SCALE=0.3 npx tsx bench/scan.ts
//
// Reel's timed scan is the index phase (probe, fingerprints, exact de-dup, database writes),
// which is what the baseline does; thumbnails/perceptual hashes are timed separately when
// BENCH_SCAN_THUMBNAILS=1 (the plain tools make none).
import { execFile, execSync } from 'node:child_process';
import { appendFile, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/app/config.js';
import { bootstrap } from '../src/app/bootstrap.js';
import { scanLibrary } from '../src/modules/library/library.scan.js';
import { createLibraryUseCases } from '../src/modules/library/library.usecases.js';
import { makeVideo } from '../test/fixtures/make-video.js';

const run = promisify(execFile);
const scale = Number(process.env.BENCH_SCAN_SCALE ?? 1);
const SMALL = Math.max(10, Math.round(300 * scale));
const LARGE = Math.max(1, Math.round(4 * scale));
const LARGE_MB = Number(process.env.BENCH_SCAN_LARGE_MB ?? 50);
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';

/** Makes a file unique without breaking it: MP4/MOV get a trailing `free` box, Matroska a Void element. */
function uniqueTail(ext: string, n: number): Buffer {
  const payload = Buffer.from(`reel-bench-${n}-${Math.random().toString(36).slice(2)}`);
  if (ext === '.mkv' || ext === '.webm') return Buffer.concat([Buffer.from([0xec, 0x80 | payload.length]), payload]);
  const box = Buffer.alloc(8 + payload.length);
  box.writeUInt32BE(box.length, 0);
  box.write('free', 4, 'latin1');
  payload.copy(box, 8);
  return box;
}

async function generate(dir: string) {
  const t0 = performance.now();
  const bases: string[] = [];
  const kinds = [
    { ext: '.mp4', w: 320, h: 240 }, { ext: '.mp4', w: 180, h: 320 }, { ext: '.mov', w: 240, h: 240 },
    { ext: '.mkv', w: 320, h: 180 }, { ext: '.webm', w: 160, h: 120 }, { ext: '.mp4', w: 320, h: 240, audio: false },
  ];
  for (const [i, k] of kinds.entries()) {
    bases.push(await makeVideo(path.join(dir, '.bases', `base${i}${k.ext}`), { width: k.w, height: k.h, duration: 1, audio: k.audio ?? true, source: i % 2 ? 'testsrc2' : 'testsrc' }));
  }
  const folders = ['inbox', 'studios/acme', 'curated', 'videos/2024/summer', 'gifs', 'private'];
  for (let i = 0; i < SMALL; i++) {
    const base = bases[i % bases.length]!;
    const ext = path.extname(base);
    const file = path.join(dir, folders[i % folders.length]!, `clip ${i}${ext}`);
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(base, file);
    // Every 25th file is an exact copy of the previous one of its kind: real duplicate groups.
    if (i % 25 !== 24 || i < bases.length) await appendFile(file, uniqueTail(ext, i));
    else await copyFile(path.join(dir, folders[(i - bases.length) % folders.length]!, `clip ${i - bases.length}${ext}`), file);
  }
  // Large files: one high-bitrate encode, then unique variants (and one exact copy).
  const large = path.join(dir, '.bases', 'large.mp4');
  const seconds = Math.max(1, Math.round(LARGE_MB / 10));
  await run(FFMPEG, ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${seconds}`, '-vf', 'noise=alls=60:allf=t',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '80M', '-maxrate', '80M', '-bufsize', '8M', '-x264-params', 'nal-hrd=cbr', '-movflags', '+faststart', large]);
  for (let i = 0; i < LARGE; i++) {
    const file = path.join(dir, 'studios', `feature ${i}.mp4`);
    await copyFile(large, file);
    await appendFile(file, uniqueTail('.mp4', 10_000 + i));
  }
  if (LARGE > 0) await copyFile(path.join(dir, 'studios', 'feature 0.mp4'), path.join(dir, 'private', 'feature 0 copy.mp4'));
  await rm(path.join(dir, '.bases'), { recursive: true });
  return Math.round(performance.now() - t0);
}

async function baseline(dir: string): Promise<{ ms: number; groups: string[][] }> {
  const t0 = performance.now();
  const { stdout } = await run('bash', ['-c', `find "$0" -type f -print0 | xargs -0 -P2 sha256sum`, dir], { maxBuffer: 64 * 1024 * 1024 });
  await run('bash', ['-c', `find "$0" -type f -print0 | xargs -0 -P2 -n1 "$1" -v error -print_format json -show_format -show_streams > /dev/null 2>&1 || true`, dir, FFPROBE], { maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const byHash = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line);
    if (m) byHash.set(m[1]!, [...(byHash.get(m[1]!) ?? []), m[2]!]);
  }
  return { ms, groups: canonical([...byHash.values()].filter((g) => g.length > 1)) };
}

const canonical = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'reel-bench-scan-'));
  const lib = path.join(work, 'library');
  try {
    console.log(`generating ${SMALL} small files and ${LARGE} × ~${LARGE_MB} MB (+1 copy) in ${lib} …`);
    const genMs = await generate(lib);
    const bytes = Number(execSync(`du -sb "${lib}" | cut -f1`).toString());
    console.log(`generated in ${(genMs / 1000).toFixed(1)} s, ${(bytes / 1024 ** 2).toFixed(0)} MB`);
    execSync(`find "${lib}" -type f -print0 | xargs -0 cat > /dev/null`); // everything in the page cache

    const base = await baseline(lib);
    console.log(`baseline (sha256sum + ffprobe, -P2): ${(base.ms / 1000).toFixed(2)} s, ${base.groups.length} duplicate group(s)`);

    const config = loadConfig({ REEL_DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'error', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', FFMPEG_PATH: FFMPEG, FFPROBE_PATH: FFPROBE });
    const ctx = await bootstrap(config);
    try {
      const first = await scanLibrary(ctx, { roots: [lib], media: false });
      const rescan = await scanLibrary(ctx, { roots: [lib], media: false });
      const dups = await createLibraryUseCases(ctx).duplicates();
      const reelGroups = canonical(dups.exact.map((g) => g.videos.map((v) => v.path)));
      const same = JSON.stringify(reelGroups) === JSON.stringify(base.groups);
      console.log(`reel first scan: ${(first.elapsedMs / 1000).toFixed(2)} s (new ${first.new}, invalid ${first.invalid}, errors ${first.errors}, duplicates ${first.duplicates})`);
      console.log(`reel rescan (unchanged): ${(rescan.elapsedMs / 1000).toFixed(3)} s (unchanged ${rescan.unchanged})`);
      console.log('');
      console.log(`first scan:  ${(base.ms / first.elapsedMs).toFixed(1)}× faster than the baseline (goal ≥ 10×)`);
      console.log(`rescan:      ${(base.ms / rescan.elapsedMs).toFixed(1)}× faster than the baseline (goal ≥ 50×)`);
      console.log(`duplicates:  ${same ? 'same' : 'DIFFERENT'} groups (${reelGroups.length} in Reel, ${base.groups.length} from sha256sum)`);
      if (process.env.BENCH_SCAN_THUMBNAILS === '1') {
        const media = await scanLibrary(ctx, { roots: [lib], media: true });
        console.log(`thumbnails + perceptual hashes (not in the comparison): ${(media.elapsedMs / 1000).toFixed(1)} s for ${media.thumbnails} videos`);
      }
      if (!same) process.exitCode = 1;
    } finally {
      await ctx.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
