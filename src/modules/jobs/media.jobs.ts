// Jobs that process one library video with ffmpeg: streaming renditions (faststart MP4 +
// HLS ladder), palette GIFs, clips, scene detection with keyframes, and measured tags.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { runMedia } from '../../media/ffmpeg-runner.js';
import { buildHlsArgs, buildStreamingMp4Args, hlsRungsFor } from '../../media/hls.js';
import { buildGifArgs } from '../../media/gif.js';
import { buildClipArgs } from '../../media/clip.js';
import { buildSceneDetectArgs, parseSceneMetadata } from '../../media/scenes.js';
import { buildColourStatsArgs, colourName, parseColourStats } from '../../media/colour.js';
import { deriveTags, mergeTags } from '../../media/tags.js';
import { createLibraryRepository } from '../library/library.repository.js';
import { defineJob, PermanentJobError, type JobRun } from '../../jobs/registry.js';
import { addToLibrary, derivedDir, libraryOutputDir, loadSourceVideo, outputName, progressSlice, writeAtomically, type SourceVideo } from './jobs.outputs.js';

const videoId = z.number({ error: 'videoId must be a video id' }).int().positive();
const seconds = z.number().min(0);

function checkRange(video: SourceVideo, start: number, duration: number): void {
  if (start >= video.durationSeconds) throw new PermanentJobError(`start ${start}s is past the end of video ${video.id} (${video.durationSeconds.toFixed(2)}s)`);
  if (duration <= 0) throw new PermanentJobError('duration must be more than 0');
}

export const reencodeStreaming = defineJob({
  description: 'Faststart H.264/AAC MP4 and an HLS ladder (never above the source) with a master playlist',
  category: 'gpu_encode',
  schema: z.object({ videoId, maxRenditions: z.number().int().min(1).max(6).default(4), segmentSeconds: z.number().int().min(1).max(20).default(4) }),
  async handler(run) {
    const { ctx } = run;
    const video = await loadSourceVideo(ctx, run.params.videoId);
    const mp4 = path.join(derivedDir(ctx, 'streams', video.id), 'stream.mp4');
    const hlsDir = derivedDir(ctx, 'hls', video.id);
    const rungs = hlsRungsFor(video.width, video.height, run.params.maxRenditions);
    const base = { signal: run.signal, durationSeconds: video.durationSeconds, timeoutMs: Math.max(120_000, video.durationSeconds * 20_000) };
    run.log(`renditions: ${rungs.map((r) => `${r.width}x${r.height}`).join(', ')}`);
    await writeAtomically(mp4, (tmp) =>
      runMedia({ ...base, bin: ctx.config.ffmpegPath, args: buildStreamingMp4Args(video.path, tmp, { hasAudio: video.hasAudio }), onProgress: progressSlice(run, 0, 45) }),
    );
    await writeAtomically(hlsDir, async (tmp) => {
      for (let i = 0; i < rungs.length; i++) await mkdir(path.join(tmp, `v${i}`), { recursive: true });
      await runMedia({ ...base, bin: ctx.config.ffmpegPath, args: buildHlsArgs(video.path, tmp, rungs, { hasAudio: video.hasAudio, segmentSeconds: run.params.segmentSeconds }), onProgress: progressSlice(run, 45, 100) });
    });
    const master = path.join(hlsDir, 'master.m3u8');
    await createLibraryRepository(ctx.database).update(video.id, { hlsPath: master, streamPath: mp4 });
    return { videoId: video.id, streamPath: mp4, hlsPath: master, renditions: rungs.map((r) => ({ name: r.name, width: r.width, height: r.height, videoKbps: r.videoKbps })) };
  },
});

export const generateGif = defineJob({
  description: 'Palette-based animated GIF of a stretch of a video',
  schema: z.object({
    videoId,
    start: seconds.optional(),
    duration: z.number().positive().max(60).default(3),
    width: z.number().int().min(16).max(1280).default(320),
    fps: z.number().int().min(1).max(30).default(10),
  }),
  async handler(run) {
    const { ctx, params } = run;
    const video = await loadSourceVideo(ctx, params.videoId);
    const start = params.start ?? Math.max(0, Math.min(video.durationSeconds * 0.1, video.durationSeconds - params.duration));
    checkRange(video, start, params.duration);
    const duration = Math.min(params.duration, video.durationSeconds - start);
    const width = Math.min(params.width, video.width - (video.width % 2));
    const file = path.join(derivedDir(ctx, 'gifs', video.id), `${Math.round(start * 1000)}-${Math.round(duration * 1000)}-${width}.gif`);
    await writeAtomically(file, (tmp) =>
      runMedia({ bin: ctx.config.ffmpegPath, args: buildGifArgs(video.path, tmp, { start, duration, width, fps: params.fps }), signal: run.signal, durationSeconds: duration, onProgress: run.progress, timeoutMs: 300_000 }),
    );
    return { videoId: video.id, path: file, start, duration, width, fps: params.fps };
  },
});

const clipParams = z.object({ videoId, start: seconds, duration: z.number().positive().max(3600), title: z.string().min(1).max(200).optional() });

async function cutClip(run: JobRun<z.output<typeof clipParams>>, reencode: boolean) {
  const { ctx, params } = run;
  const video = await loadSourceVideo(ctx, params.videoId);
  checkRange(video, params.start, params.duration);
  const duration = Math.min(params.duration, video.durationSeconds - params.start);
  const ext = reencode ? '.mp4' : path.extname(video.path) || '.mp4';
  const name = outputName(video.title ?? path.basename(video.path, path.extname(video.path)), `clip-${Math.round(params.start)}s-${Math.round(duration)}s`, ext);
  const file = reencode ? path.join(libraryOutputDir(ctx, 'curated'), name) : path.join(derivedDir(ctx, 'clips', video.id), name);
  await writeAtomically(file, (tmp) =>
    runMedia({ bin: ctx.config.ffmpegPath, args: buildClipArgs(video.path, tmp, { start: params.start, duration, reencode, hasAudio: video.hasAudio }), signal: run.signal, durationSeconds: duration, onProgress: run.progress, timeoutMs: Math.max(120_000, duration * 20_000) }),
  );
  if (!reencode) return { videoId: video.id, path: file, start: params.start, duration };
  const added = await addToLibrary(ctx, file, 'curated', params.title ?? `${video.title ?? video.filename} (clip ${Math.round(params.start)}s)`);
  return { videoId: video.id, path: file, start: params.start, duration, clipVideoId: added.id };
}

export const clipGenerate = defineJob({
  description: 'Frame-accurate re-encoded clip, added to the library (curated)',
  category: 'gpu_encode',
  schema: clipParams,
  handler: (run) => cutClip(run, true),
});

export const clipExtractOnly = defineJob({
  description: 'Fast stream-copy extract of a segment (starts on a keyframe), not added to the library',
  schema: clipParams,
  handler: (run) => cutClip(run, false),
});

const sceneParams = z.object({ videoId, threshold: z.number().gt(0).lt(1).default(0.3) });

/** Scene starts (and keyframe images when `imagesDir` is given) in one ffmpeg pass. */
async function detectScenes(run: JobRun<unknown>, video: SourceVideo, threshold: number, imagesDir: string, onProgress: (p: number) => void) {
  const metadataFile = path.join(imagesDir, 'scenes.txt');
  await mkdir(imagesDir, { recursive: true });
  await runMedia({
    bin: run.ctx.config.ffmpegPath,
    args: buildSceneDetectArgs(video.path, { threshold, metadataFile, imagePattern: path.join(imagesDir, 'scene-%04d.jpg'), width: 320 }),
    signal: run.signal,
    durationSeconds: video.durationSeconds,
    onProgress,
    timeoutMs: Math.max(120_000, video.durationSeconds * 10_000),
  });
  const scenes = parseSceneMetadata(await readFile(metadataFile, 'utf8'));
  const images = (await readdir(imagesDir)).filter((f) => f.endsWith('.jpg')).sort();
  return scenes.map((s, i) => ({ ...s, image: images[i] ? path.join(imagesDir, images[i]!) : null }));
}

export const sceneExtract = defineJob({
  description: 'Scene-change times and a keyframe image per scene',
  schema: sceneParams,
  async handler(run) {
    const video = await loadSourceVideo(run.ctx, run.params.videoId);
    const dir = derivedDir(run.ctx, 'scenes', video.id);
    await rm(dir, { recursive: true, force: true });
    const scenes = await detectScenes(run, video, run.params.threshold, dir, run.progress);
    run.log(`${scenes.length} scene(s) at ${scenes.map((s) => s.time.toFixed(2)).join(', ')}`);
    return { videoId: video.id, threshold: run.params.threshold, sceneCount: scenes.length, scenes };
  },
});

export const tagGeneration = defineJob({
  description: 'Tags from measures: orientation, quality, length, scene count, audio, dominant colour',
  schema: sceneParams,
  async handler(run) {
    const { ctx } = run;
    const video = await loadSourceVideo(ctx, run.params.videoId);
    const tmp = path.join(ctx.config.dataDir, 'tmp', `tags-${run.id}-${run.attempt}`);
    try {
      const scenes = await detectScenes(run, video, run.params.threshold, tmp, progressSlice(run, 0, 60));
      const sampleFps = Math.min(1, 20 / Math.max(1, video.durationSeconds));
      const { stdout } = await runMedia({ bin: ctx.config.ffmpegPath, args: buildColourStatsArgs(video.path, { sampleFps }), captureStdout: true, signal: run.signal, timeoutMs: 300_000 });
      run.progress(90);
      const stats = parseColourStats(stdout);
      const generated = deriveTags({
        width: video.width,
        height: video.height,
        durationSeconds: video.durationSeconds,
        hasAudio: video.hasAudio,
        sceneCount: scenes.length,
        colour: stats ? colourName(stats) : null,
        orientation: video.orientation,
        quality: video.quality,
      });
      const tags = mergeTags(video.tags ?? [], generated);
      await createLibraryRepository(ctx.database).update(video.id, { tags });
      return { videoId: video.id, generated, tags };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  },
});
