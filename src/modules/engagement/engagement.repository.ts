// Engagement reads: counters, rollups for statistics, resume progress, continue watching,
// and the recount that proves counters equal their event rows.
import { mediaUrls } from '../library/library.media-urls.js';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { Counts, ProgressState } from './engagement.writer.js';

export type CounterMismatch = {
  videoId: number;
  field: 'view_count' | 'upvote_count' | 'finish_count' | 'total_watch_seconds' | 'daily_views' | 'daily_watch_seconds' | 'daily_finishes';
  counter: number;
  recount: number;
};

const n = (v: unknown) => Number(v ?? 0);

export function createEngagementRepository(database: Pick<Database, 'query' | 'db'>) {
  const q = database.query;

  return {
    async counters(videoId: number): Promise<Counts> {
      const [r] = await q<Record<string, unknown>>(
        sql`select view_count, upvote_count, comment_count, finish_count, total_watch_seconds from video_stats where video_id = ${videoId}`,
      );
      return {
        viewCount: n(r?.view_count),
        upvoteCount: n(r?.upvote_count),
        commentCount: n(r?.comment_count),
        finishCount: n(r?.finish_count),
        totalWatchTime: n(r?.total_watch_seconds),
      };
    },

    /** One row per UTC day for the last `days` days, zero-filled. */
    async daily(videoId: number, days: number, now: Date) {
      const rows = await q<{ day: string; views: unknown; watch_seconds: unknown; finishes: unknown; upvotes: unknown }>(
        sql`select g.day::date::text as day, coalesce(d.views, 0) as views, coalesce(d.watch_seconds, 0) as watch_seconds,
                   coalesce(d.finishes, 0) as finishes, coalesce(d.upvotes, 0) as upvotes
            from generate_series(${now.toISOString()}::timestamptz at time zone 'UTC' - make_interval(days => ${days - 1}),
                                 ${now.toISOString()}::timestamptz at time zone 'UTC', interval '1 day') as g(day)
            left join video_daily_stats d on d.video_id = ${videoId} and d.day = g.day::date
            order by g.day`,
      );
      return rows.map((r) => ({ day: r.day, views: n(r.views), watchSeconds: n(r.watch_seconds), finishes: n(r.finishes), upvotes: n(r.upvotes) }));
    },

    async retention(videoId: number): Promise<Map<number, number>> {
      const rows = await q<{ bucket: number; viewers: unknown }>(sql`select bucket, viewers from video_retention where video_id = ${videoId}`);
      return new Map(rows.map((r) => [Number(r.bucket), n(r.viewers)]));
    },

    async progress(userId: number, videoId: number): Promise<ProgressState | undefined> {
      const [r] = await q<ProgressState>(
        sql`select watched_seconds, last_position, completed, duration_seconds from video_progress where user_id = ${userId} and video_id = ${videoId}`,
      );
      return r;
    },

    /** Unfinished videos the user can still watch, most recently watched first. */
    async continueWatching(userId: number, limit: number) {
      const rows = await q<Record<string, unknown>>(
        sql`select p.video_id, p.watched_seconds, p.last_position, p.duration_seconds, p.updated_at,
                   v.title, v.filename, v.duration_seconds as video_duration, v.thumbnail_path is not null as has_thumbnail
            from video_progress p
            join videos v on v.id = p.video_id
            where p.user_id = ${userId} and not p.completed and v.published and not v.locked
            order by p.updated_at desc, p.video_id desc
            limit ${limit}`,
      );
      return rows.map((r) => ({
        watched_seconds: n(r.watched_seconds),
        last_position: n(r.last_position),
        duration_seconds: n(r.duration_seconds),
        updated_at: new Date(r.updated_at as string).toISOString(),
        video: {
          id: n(r.video_id),
          title: (r.title as string | null) ?? (r.filename as string),
          filename: r.filename as string,
          durationSeconds: r.video_duration === null ? null : n(r.video_duration),
          thumbnailUrl: r.has_thumbnail ? mediaUrls.thumbnail(n(r.video_id)) : null,
        },
      }));
    },

    /**
     * Recounts every counter from its event rows (and checks the daily rollups add up to
     * the same totals); returns the differences. Reads one snapshot.
     */
    async findMismatches(videoIds?: number[]): Promise<CounterMismatch[]> {
      const only = videoIds ? sql`where s.video_id = any(${`{${videoIds.join(',')}}`}::int[])` : sql``;
      const rows = await q<Record<string, unknown>>(
        sql`select s.video_id, s.view_count, s.upvote_count, s.finish_count, s.total_watch_seconds,
                   coalesce(v.n, 0) as views, coalesce(u.n, 0) as upvotes, coalesce(f.n, 0) as finishes, coalesce(w.n, 0) as watch,
                   coalesce(d.views, 0) as d_views, coalesce(d.watch, 0) as d_watch, coalesce(d.finishes, 0) as d_finishes
            from video_stats s
            left join (select video_id, count(*) as n from video_view_events group by video_id) v on v.video_id = s.video_id
            left join (select video_id, count(*) as n from video_upvotes group by video_id) u on u.video_id = s.video_id
            left join (select video_id, count(*) as n from video_finishes group by video_id) f on f.video_id = s.video_id
            left join (select video_id, sum(credited_seconds) as n from video_watch_events group by video_id) w on w.video_id = s.video_id
            left join (select video_id, sum(views) as views, sum(watch_seconds) as watch, sum(finishes) as finishes
                       from video_daily_stats group by video_id) d on d.video_id = s.video_id
            ${only}`,
      );
      const out: CounterMismatch[] = [];
      for (const r of rows) {
        const videoId = n(r.video_id);
        const check = (field: CounterMismatch['field'], counter: unknown, recount: unknown) => {
          if (n(counter) !== n(recount)) out.push({ videoId, field, counter: n(counter), recount: n(recount) });
        };
        check('view_count', r.view_count, r.views);
        check('upvote_count', r.upvote_count, r.upvotes);
        check('finish_count', r.finish_count, r.finishes);
        check('total_watch_seconds', r.total_watch_seconds, r.watch);
        check('daily_views', r.d_views, r.views);
        check('daily_watch_seconds', r.d_watch, r.watch);
        check('daily_finishes', r.d_finishes, r.finishes);
      }
      return out;
    },

    /**
     * Sets the counters of these videos to their recount. The rows are locked first, so a
     * batch committing meanwhile is either counted here or adds its delta afterwards.
     */
    async resetCounters(videoIds: number[]): Promise<void> {
      if (!videoIds.length) return;
      const ids = `{${videoIds.join(',')}}`;
      await database.db.transaction(async (tx) => {
        await q(sql`select video_id from video_stats where video_id = any(${ids}::int[]) order by video_id for update`, tx);
        await q(
          sql`update video_stats s set
                view_count = (select count(*) from video_view_events e where e.video_id = s.video_id),
                upvote_count = (select count(*) from video_upvotes e where e.video_id = s.video_id),
                finish_count = (select count(*) from video_finishes e where e.video_id = s.video_id),
                total_watch_seconds = (select coalesce(sum(credited_seconds), 0) from video_watch_events e where e.video_id = s.video_id),
                updated_at = now()
              where s.video_id = any(${ids}::int[])`,
          tx,
        );
      });
    },
  };
}
