// Engagement behaviour: views, upvotes, finishes, watch time and resume progress (and, from
// reactions.usecases, moment reactions) go through the one group-commit writer per process,
// answered only once durable; statistics are read from the rollups. Routes, jobs and the CLI
// call these.
import type { AppContext } from '../../app/context.js';
import { findVideo, videoNotFound } from '../library/library.access.js';
import { gateError } from './engagement.errors.js';
import { createEngagementRepository } from './engagement.repository.js';
import { engagementWriterFor, type ProgressState } from './engagement.writer.js';
import { RETENTION_BUCKETS, SESSIONS_BUCKET } from './watch-time.js';
import { getHeatmap } from '../reactions/reactions.usecases.js';

type Deps = Pick<AppContext, 'database' | 'config' | 'clock' | 'metrics' | 'logger' | 'onStop'>;


export type UpvoteResult = { success: true; upvoted: boolean; upvoteCount: number };

export function createEngagementUseCases(ctx: Deps) {
  const writer = engagementWriterFor(ctx);
  const repo = createEngagementRepository(ctx.database);
  const at = () => ctx.clock.now().getTime();

  return {
    /**
     * Counts a view (deduped per viewer per VIEW_DEDUPE_WINDOW) after the public check;
     * returns the video's gallery row, read in the same batch, and the counters after it.
     */
    async recordView(videoId: number, viewer: string, admin = false) {
      const r = await writer.submit({ kind: 'view', videoId, viewer, admin });
      return { counted: r.counted, counts: r.counts, row: r.row };
    },

    async setUpvote(videoId: number, sessionId: string, on: boolean): Promise<UpvoteResult> {
      const r = await writer.submit({ kind: 'upvote', videoId, sessionId, on });
      return { success: true, upvoted: r.upvoted, upvoteCount: r.counts.upvoteCount };
    },

    async finish(videoId: number, sessionId: string) {
      const r = await writer.submit({ kind: 'finish', videoId, sessionId });
      return { success: true as const, counted: r.counted, finishCount: r.counts.finishCount };
    },

    async watchTime(videoId: number, sessionId: string, seconds: number, position?: number) {
      const r = await writer.submit({ kind: 'watch', videoId, sessionId, seconds, position, at: at() });
      return { success: true as const, creditedSeconds: r.creditedSeconds, totalWatchTime: r.counts.totalWatchTime };
    },

    async saveProgress(
      user: { id: number; role: string },
      videoId: number,
      body: { watched_seconds: number; duration_seconds: number; last_position: number; completed?: boolean },
    ): Promise<ProgressState> {
      const r = await writer.submit({
        kind: 'progress',
        videoId,
        userId: user.id,
        admin: user.role === 'admin',
        watchedSeconds: body.watched_seconds,
        durationSeconds: body.duration_seconds,
        lastPosition: body.last_position,
        completed: body.completed,
      });
      return r.progress;
    },

    async getProgress(user: { id: number; role: string }, videoId: number): Promise<ProgressState> {
      await loadProgressVideo(videoId, user);
      const row = await repo.progress(user.id, videoId);
      return row ?? { watched_seconds: 0, last_position: 0, completed: false, duration_seconds: 0 };
    },

    continueWatching: (userId: number, limit: number) => repo.continueWatching(userId, limit),

    /** Admin statistics, from rollups only (daily rows, retention buckets, counters). */
    async stats(videoId: number, days: number) {
      const video = await findVideo(ctx.database, videoId);
      if (!video) throw videoNotFound();
      const now = ctx.clock.now();
      const [counts, daily, retention, heatmap] = await Promise.all([
        repo.counters(videoId),
        repo.daily(videoId, days, now),
        repo.retention(videoId),
        getHeatmap(ctx, videoId, RETENTION_BUCKETS),
      ]);
      const sessions = retention.get(SESSIONS_BUCKET) ?? 0;
      const curve = Array.from({ length: RETENTION_BUCKETS }, (_, b) => ({
        point: b,
        second: video.durationSeconds ? Math.round(((b * video.durationSeconds) / RETENTION_BUCKETS) * 100) / 100 : null,
        viewers: retention.get(b) ?? 0,
        share: sessions ? Math.round(((retention.get(b) ?? 0) / sessions) * 10000) / 10000 : 0,
      }));
      return {
        videoId,
        durationSeconds: video.durationSeconds,
        totals: counts,
        finishRate: counts.viewCount ? Math.round((counts.finishCount / counts.viewCount) * 10000) / 10000 : 0,
        daily,
        retention: { sessions, points: curve },
        heatmap,
      };
    },
  };

  async function loadProgressVideo(videoId: number, user: { role: string }) {
    const problem = gateError(await findVideo(ctx.database, videoId), { progress: true, admin: user.role === 'admin' });
    if (problem) throw problem;
  }
}

export type EngagementUseCases = ReturnType<typeof createEngagementUseCases>;
