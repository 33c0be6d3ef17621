// SQL of the batched write path: every function is one multi-row statement over a JSON
// array of rows (json_to_recordset), so a batch costs a handful of statements whatever
// its size. All take the batch's transaction.
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import type { Counts, ProgressOp, ProgressState } from './engagement.writer.js';
import type { WatchPlan, WatchState } from './watch-time.js';
import { createGalleryRepository, type GalleryRow } from '../gallery/gallery.repository.js';

export type VideoGate = { id: number; published: boolean; locked: boolean; durationSeconds: number | null; row: GalleryRow };

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;
const k2 = (a: number | string, b: number | string) => `${a}\u0000${b}`;

export function createEngagementBatchRepository(database: Pick<Database, 'query'>) {
  const q = <T>(query: ReturnType<typeof sql>, tx: DbOrTx) => database.query<T>(query, tx);
  const gallery = createGalleryRepository(database);

  return {
    /**
     * The batch's videos, with everything the gallery shows of them: one read serves the
     * visibility check of every op and the details answer of every view.
     */
    async gates(ids: number[], tx: DbOrTx): Promise<Map<number, VideoGate>> {
      const rows = await gallery.detailsMany(ids, tx);
      return new Map(rows.map((r) => [r.id, { id: r.id, published: r.published, locked: r.locked, durationSeconds: r.duration_seconds, row: r }]));
    },

    /** Records the views that fall outside the dedupe window; returns the keys counted. */
    async markViews(rows: Array<{ videoId: number; viewer: string }>, at: Date, windowSeconds: number, tx: DbOrTx) {
      if (!rows.length) return new Set<string>();
      const out = await q<{ video_id: number; viewer: string }>(
        sql`insert into video_view_marks (video_id, viewer, counted_at)
            select x."videoId", x.viewer, ${at.toISOString()}::timestamptz
            from json_to_recordset(${json(rows)}) as x("videoId" int, viewer text)
            on conflict (video_id, viewer) do update set counted_at = excluded.counted_at
            where video_view_marks.counted_at <= excluded.counted_at - make_interval(secs => ${windowSeconds})
            returning video_id, viewer`,
        tx,
      );
      return new Set(out.map((r) => k2(r.video_id, r.viewer)));
    },

    async insertViewEvents(rows: Array<{ videoId: number; viewer: string }>, at: Date, tx: DbOrTx) {
      if (!rows.length) return;
      await q(
        sql`insert into video_view_events (video_id, viewer, created_at)
            select x."videoId", x.viewer, ${at.toISOString()}::timestamptz
            from json_to_recordset(${json(rows)}) as x("videoId" int, viewer text)`,
        tx,
      );
    },

    /** Inserts new upvotes; returns the video id of each row actually inserted. */
    async insertUpvotes(rows: Array<{ videoId: number; sessionId: string }>, tx: DbOrTx): Promise<number[]> {
      if (!rows.length) return [];
      const out = await q<{ video_id: number }>(
        sql`insert into video_upvotes (video_id, session_id)
            select x."videoId", x."sessionId" from json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text)
            on conflict do nothing returning video_id`,
        tx,
      );
      return out.map((r) => r.video_id);
    },

    async deleteUpvotes(rows: Array<{ videoId: number; sessionId: string }>, tx: DbOrTx): Promise<number[]> {
      if (!rows.length) return [];
      const out = await q<{ video_id: number }>(
        sql`delete from video_upvotes u using json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text)
            where u.video_id = x."videoId" and u.session_id = x."sessionId" returning u.video_id`,
        tx,
      );
      return out.map((r) => r.video_id);
    },

    async insertFinishes(rows: Array<{ videoId: number; sessionId: string }>, tx: DbOrTx): Promise<Set<string>> {
      if (!rows.length) return new Set();
      const out = await q<{ video_id: number; session_id: string }>(
        sql`insert into video_finishes (video_id, session_id)
            select x."videoId", x."sessionId" from json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text)
            on conflict do nothing returning video_id, session_id`,
        tx,
      );
      return new Set(out.map((r) => k2(r.video_id, r.session_id)));
    },

    /** Reads and locks the watch sessions of a batch (FOR UPDATE: other instances wait). */
    async lockWatchSessions(keys: Array<{ videoId: number; sessionId: string }>, tx: DbOrTx): Promise<Map<string, WatchState>> {
      const rows = await q<{ video_id: number; session_id: string; last_report_at: string | Date; total_seconds: string | number; buckets: string }>(
        sql`select s.video_id, s.session_id, s.last_report_at, s.total_seconds, s.buckets
            from video_watch_sessions s
            join json_to_recordset(${json(keys)}) as x("videoId" int, "sessionId" text)
              on s.video_id = x."videoId" and s.session_id = x."sessionId"
            order by s.video_id, s.session_id
            for update of s`,
        tx,
      );
      return new Map(
        rows.map((r) => [
          k2(r.video_id, r.session_id),
          { lastReportAt: new Date(r.last_report_at).getTime(), totalSeconds: Number(r.total_seconds), buckets: r.buckets },
        ]),
      );
    },

    async saveWatchSessions(rows: WatchPlan['sessions'], tx: DbOrTx) {
      if (!rows.length) return;
      await q(
        sql`insert into video_watch_sessions (video_id, session_id, last_report_at, total_seconds, buckets)
            select x."videoId", x."sessionId", x."lastReportAt", x."totalSeconds", x.buckets
            from json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text, "lastReportAt" timestamptz, "totalSeconds" bigint, buckets text)
            on conflict (video_id, session_id) do update set
              last_report_at = excluded.last_report_at, total_seconds = excluded.total_seconds, buckets = excluded.buckets`,
        tx,
      );
    },

    async insertWatchEvents(rows: WatchPlan['events'], at: Date, tx: DbOrTx) {
      if (!rows.length) return;
      await q(
        sql`insert into video_watch_events (video_id, session_id, reported_seconds, credited_seconds, position, created_at)
            select x."videoId", x."sessionId", x."reportedSeconds", x."creditedSeconds", x.position, ${at.toISOString()}::timestamptz
            from json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text, "reportedSeconds" float8, "creditedSeconds" int, position float8)`,
        tx,
      );
    },

    async addRetention(rows: WatchPlan['retention'], tx: DbOrTx) {
      if (!rows.length) return;
      await q(
        sql`insert into video_retention (video_id, bucket, viewers)
            select x."videoId", x.bucket, x.n from json_to_recordset(${json(rows)}) as x("videoId" int, bucket smallint, n bigint)
            on conflict (video_id, bucket) do update set viewers = video_retention.viewers + excluded.viewers`,
        tx,
      );
    },

    async upsertProgress(rows: ProgressOp[], tx: DbOrTx): Promise<Map<string, ProgressState>> {
      const out = await q<ProgressState & { user_id: number; video_id: number }>(
        sql`insert into video_progress as p (user_id, video_id, watched_seconds, duration_seconds, last_position, completed)
            select x."userId", x."videoId", x."watchedSeconds", x."durationSeconds", x."lastPosition", coalesce(x.completed, false)
            from json_to_recordset(${json(rows)}) as x("userId" int, "videoId" int, "watchedSeconds" int, "durationSeconds" int, "lastPosition" int, completed boolean)
            on conflict (user_id, video_id) do update set
              watched_seconds = greatest(p.watched_seconds, excluded.watched_seconds),
              duration_seconds = excluded.duration_seconds,
              last_position = excluded.last_position,
              completed = p.completed or excluded.completed,
              updated_at = now()
            returning user_id, video_id, watched_seconds, last_position, completed, duration_seconds`,
        tx,
      );
      return new Map(
        out.map((r) => [
          k2(r.user_id, r.video_id),
          { watched_seconds: r.watched_seconds, last_position: r.last_position, completed: r.completed, duration_seconds: r.duration_seconds },
        ]),
      );
    },

    /**
     * Adds the batch's counter changes to video_stats and to the day's rollup in one
     * statement (rows in id order, so two instances lock them in the same order), and
     * returns the counters of every touched video.
     */
    async applyCounterDeltas(
      deltas: Array<{ videoId: number; views: number; upvotes: number; finishes: number; watch: number }>,
      touched: number[],
      day: string,
      tx: DbOrTx,
    ): Promise<Map<number, Counts>> {
      deltas.sort((a, b) => a.videoId - b.videoId);
      const rows = await q<{ video_id: number; view_count: string | number; upvote_count: string | number; comment_count: string | number; finish_count: string | number; total_watch_seconds: string | number }>(
        sql`with d as (
              select * from json_to_recordset(${json(deltas)}) as x("videoId" int, views bigint, upvotes bigint, finishes bigint, watch bigint)
            ), upd as (
              update video_stats s set
                view_count = s.view_count + d.views,
                upvote_count = s.upvote_count + d.upvotes,
                finish_count = s.finish_count + d.finishes,
                total_watch_seconds = s.total_watch_seconds + d.watch,
                updated_at = now()
              from d where s.video_id = d."videoId"
              returning s.video_id, s.view_count, s.upvote_count, s.comment_count, s.finish_count, s.total_watch_seconds
            ), daily as (
              insert into video_daily_stats as r (video_id, day, views, watch_seconds, finishes, upvotes)
              select d."videoId", ${day}::date, d.views, d.watch, d.finishes, d.upvotes from d
              on conflict (video_id, day) do update set
                views = r.views + excluded.views, watch_seconds = r.watch_seconds + excluded.watch_seconds,
                finishes = r.finishes + excluded.finishes, upvotes = r.upvotes + excluded.upvotes
            )
            select * from upd
            union all
            select video_id, view_count, upvote_count, comment_count, finish_count, total_watch_seconds from video_stats
            where video_id = any(${`{${touched.join(',')}}`}::int[]) and video_id not in (select "videoId" from d)`,
        tx,
      );
      return new Map(
        rows.map((r) => [
          r.video_id,
          {
            viewCount: Number(r.view_count),
            upvoteCount: Number(r.upvote_count),
            commentCount: Number(r.comment_count),
            finishCount: Number(r.finish_count),
            totalWatchTime: Number(r.total_watch_seconds),
          },
        ]),
      );
    },
  };
}
