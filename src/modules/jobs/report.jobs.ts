// Jobs that read engagement: a highlight reel cut around the moments with the most moment
// reactions (the reactions module's per-second aggregate), and a digest of a period's new
// videos and engagement stored as the job's result and log.
import path from 'node:path';
import { z } from 'zod';
import { runMedia } from '../../media/ffmpeg-runner.js';
import { buildConcatArgs, type Segment } from '../../media/compose.js';
import { topMoments } from '../reactions/reactions.usecases.js';
import { defineJob, PermanentJobError } from '../../jobs/registry.js';
import { createReportRepository } from './report.repository.js';
import { addToLibrary, libraryOutputDir, loadSourceVideo, outputName, writeAtomically } from './jobs.outputs.js';

/** Moments widened by `pad` on each side, clamped to the video, merged when they touch, in time order. */
export function highlightSegments(moments: Array<{ start: number; end: number }>, pad: number, duration: number): Array<{ start: number; end: number }> {
  const spans = moments
    .map((m) => ({ start: Math.max(0, m.start - pad), end: Math.min(duration, m.end + pad) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

export const highlightGenerate = defineJob({
  description: 'A highlight reel cut around the moments with the most moment reactions',
  category: 'gpu_encode',
  schema: z.object({
    videoId: z.number({ error: 'videoId must be a video id' }).int().positive(),
    moments: z.number().int().min(1).max(20).default(5),
    windowSeconds: z.number().int().min(1).max(60).default(5),
    padSeconds: z.number().min(0).max(30).default(1),
  }),
  async handler(run) {
    const { ctx, params } = run;
    const video = await loadSourceVideo(ctx, params.videoId);
    const moments = await topMoments(ctx, video.id, params.moments, { windowSeconds: params.windowSeconds });
    if (!moments.length) throw new PermanentJobError(`video ${video.id} has no moment reactions to cut a highlight from`);
    const spans = highlightSegments(moments, params.padSeconds, video.durationSeconds);
    const segments: Segment[] = spans.map((s) => ({ input: video.path, start: s.start, duration: s.end - s.start, hasAudio: video.hasAudio }));
    const expected = segments.reduce((s, x) => s + x.duration, 0);
    const file = path.join(libraryOutputDir(ctx, 'highlights'), outputName(video.title ?? video.filename, `highlights-${run.id}`, '.mp4'));
    const frame = { width: video.width - (video.width % 2), height: video.height - (video.height % 2), fps: Math.round(video.fps ?? 30) || 30 };
    await writeAtomically(file, (tmp) =>
      runMedia({ bin: ctx.config.ffmpegPath, args: buildConcatArgs(segments, tmp, frame), signal: run.signal, durationSeconds: expected, onProgress: (p) => run.progress(p * 0.95), timeoutMs: Math.max(180_000, expected * 30_000) }),
    );
    const reel = await addToLibrary(ctx, file, 'highlights', `${video.title ?? video.filename} — highlights`);
    run.log(`${moments.length} moment(s) → ${segments.length} segment(s), ${expected.toFixed(1)}s → video ${reel.id}`);
    return { videoId: video.id, highlightVideoId: reel.id, path: file, durationSeconds: reel.durationSeconds, moments, segments: spans };
  },
});

const isoDate = z.string().datetime({ offset: true, message: 'must be an ISO date-time' });

export const digest = defineJob({
  description: "A summary of a period's new videos and engagement",
  schema: z.object({ days: z.number().int().min(1).max(366).default(7), from: isoDate.optional(), to: isoDate.optional(), top: z.number().int().min(1).max(50).default(5) }),
  async handler(run) {
    const { ctx, params } = run;
    const to = params.to ? new Date(params.to) : new Date();
    const from = params.from ? new Date(params.from) : new Date(to.getTime() - params.days * 86_400_000);
    if (from >= to) throw new PermanentJobError('from must be before to');
    const f = from.toISOString();
    const t = to.toISOString();
    const report = createReportRepository(ctx.database);
    const totals = await report.periodTotals(from, to);
    run.progress(60);
    const topByViews = await report.topByViews(from, to, params.top);
    const newest = await report.newest(from, to, params.top);
    const lines = [
      `Digest ${f.slice(0, 10)} → ${t.slice(0, 10)}`,
      `${totals.newVideos} new video(s), ${totals.published} published`,
      `${totals.views} view(s), ${totals.upvotes} upvote(s), ${totals.finishes} finish(es), ${Math.round(totals.watchSeconds / 60)} min watched`,
      `${totals.comments} comment(s), ${totals.momentReactions} moment reaction(s)`,
      ...topByViews.map((v, i) => `#${i + 1} ${v.title ?? v.filename} — ${v.views} view(s)`),
    ];
    for (const line of lines) run.log(line);
    return {
      from: f,
      to: t,
      totals,
      topByViews: topByViews.map((v) => ({ videoId: Number(v.id), title: v.title ?? v.filename, views: Number(v.views) })),
      newVideos: newest.map((v) => ({ videoId: Number(v.id), title: v.title ?? v.filename, directoryType: v.directory_type })),
      summary: lines.join('\n'),
    };
  },
});
