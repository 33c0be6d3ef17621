// Engagement: the exact counters (one narrow row per video, which also carries the few
// listing keys the gallery sorts and filters on, kept in step with `videos` by a trigger),
// the event rows the counters are recounted from, and the rollups statistics read.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { videos } from '../library/library.table.js';

// The engagement tables below video_stats carry no foreign keys: a key check is a locking
// lookup of the parent row for every inserted event, the largest single cost of a batch
// write. Deleting a video or a user removes their rows through the triggers of migration
// 'engagement-cleanup' instead (what ON DELETE CASCADE did). Rows are only written for
// videos the batch found, with their video_stats row locked (see
// engagement.batch-statement.ts), so a racing delete waits for the batch and then removes
// what it wrote.
export const videoStats = pgTable(
  'video_stats',
  {
    videoId: integer('video_id')
      .primaryKey()
      .references(() => videos.id, { onDelete: 'cascade' }),
    viewCount: bigint('view_count', { mode: 'number' }).notNull().default(0),
    upvoteCount: bigint('upvote_count', { mode: 'number' }).notNull().default(0),
    commentCount: bigint('comment_count', { mode: 'number' }).notNull().default(0),
    finishCount: bigint('finish_count', { mode: 'number' }).notNull().default(0),
    totalWatchSeconds: bigint('total_watch_seconds', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Listing keys copied from `videos` by the trigger `videos_sync_stats` (migration
    // 'video-stats-sync'): the gallery pages over these indexes alone, with keysets.
    listed: boolean('listed').notNull().default(false),
    isHero: boolean('is_hero').notNull().default(false),
    categoryId: integer('category_id'),
    orientation: text('orientation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('video_stats_recent_idx').on(t.createdAt.desc(), t.videoId.desc()).where(sql`${t.listed}`),
    index('video_stats_popular_idx').on(t.upvoteCount.desc(), t.createdAt.desc(), t.videoId.desc()).where(sql`${t.listed}`),
    index('video_stats_viewed_idx').on(t.viewCount.desc(), t.createdAt.desc(), t.videoId.desc()).where(sql`${t.listed}`),
    index('video_stats_cat_recent_idx').on(t.categoryId, t.createdAt.desc(), t.videoId.desc()).where(sql`${t.listed}`),
    index('video_stats_cat_viewed_idx').on(t.categoryId, t.viewCount.desc(), t.createdAt.desc(), t.videoId.desc()).where(sql`${t.listed}`),
  ],
);

/** Anonymous upvotes: one per (video, session) (seed 003). */
export const videoUpvotes = pgTable(
  'video_upvotes',
  {
    videoId: integer('video_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.sessionId] })],
);

/** A finish is counted once per (video, session). */
export const videoFinishes = pgTable(
  'video_finishes',
  {
    videoId: integer('video_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.sessionId] })],
);

/** One row per counted view: what view_count is recounted from. */
export const videoViewEvents = pgTable(
  'video_view_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    videoId: integer('video_id').notNull(),
    viewer: text('viewer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('video_view_events_video_idx').on(t.videoId, t.createdAt)],
);

/** When each viewer's view of a video was last counted: the VIEW_DEDUPE_WINDOW check. */
export const videoViewMarks = pgTable(
  'video_view_marks',
  {
    videoId: integer('video_id').notNull(),
    viewer: text('viewer').notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.viewer] })],
);

/**
 * Per (video, session) watch state: when it last reported (caps the next report) and which
 * of the 100 retention buckets it has watched ('0'/'1' × 100), so each viewer counts once
 * per bucket in the retention curve.
 */
export const videoWatchSessions = pgTable(
  'video_watch_sessions',
  {
    videoId: integer('video_id').notNull(),
    sessionId: text('session_id').notNull(),
    lastReportAt: timestamp('last_report_at', { withTimezone: true }).notNull(),
    totalSeconds: bigint('total_seconds', { mode: 'number' }).notNull().default(0),
    buckets: text('buckets').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.sessionId] })],
);

/** One row per watch-time report, with the seconds actually credited after the caps. */
export const videoWatchEvents = pgTable(
  'video_watch_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    videoId: integer('video_id').notNull(),
    sessionId: text('session_id').notNull(),
    reportedSeconds: doublePrecision('reported_seconds').notNull(),
    creditedSeconds: integer('credited_seconds').notNull(),
    position: doublePrecision('position'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('video_watch_events_video_idx').on(t.videoId, t.createdAt)],
);

/** Daily rollup (UTC days) for statistics: never a scan of raw events. */
export const videoDailyStats = pgTable(
  'video_daily_stats',
  {
    videoId: integer('video_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    watchSeconds: bigint('watch_seconds', { mode: 'number' }).notNull().default(0),
    finishes: bigint('finishes', { mode: 'number' }).notNull().default(0),
    upvotes: bigint('upvotes', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.day] })],
);

/** Retention rollup: distinct sessions that watched each of 100 buckets of a video. */
export const videoRetention = pgTable(
  'video_retention',
  {
    videoId: integer('video_id').notNull(),
    bucket: smallint('bucket').notNull(),
    viewers: bigint('viewers', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.bucket] })],
);

/** Per-user resume point (seed 001/002: one row per user and video). */
export const videoProgress = pgTable(
  'video_progress',
  {
    userId: integer('user_id').notNull(),
    videoId: integer('video_id').notNull(),
    watchedSeconds: integer('watched_seconds').notNull().default(0),
    durationSeconds: integer('duration_seconds').notNull().default(0),
    lastPosition: integer('last_position').notNull().default(0),
    completed: boolean('completed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.videoId] }), index('video_progress_user_recent_idx').on(t.userId, t.updatedAt.desc())],
);

export type VideoStatsRow = typeof videoStats.$inferSelect;
export type VideoProgressRow = typeof videoProgress.$inferSelect;
