// Reactions, two kinds. `video_reactions`: one per (user, video), a toggle (seeds 001/002).
// `moment_reactions`: many per user, each at a second of the video (seed 003), with
// `moment_reaction_timeline` as their pre-aggregate — one row per (video, second) holding
// a count per type, upserted in the same transaction as each insert — so a heatmap reads
// at most one row per second of video however many reactions there are.
import { doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../users/users.table.js';
import { videos } from '../library/library.table.js';

export const videoReactions = pgTable(
  'video_reactions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    videoId: integer('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    reactionType: text('reaction_type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Racing toggles by one user can never leave two rows.
    uniqueIndex('video_reactions_user_video_uq').on(t.userId, t.videoId),
    // Counts per type read from the index alone.
    index('video_reactions_video_type_idx').on(t.videoId, t.reactionType),
  ],
);

// Moments and their pre-aggregates are written by the engagement writer's batches and
// carry no foreign keys (a key check locks the parent row per inserted row): deletes of
// videos and users remove them through the triggers of migration 'engagement-cleanup'.
export const momentReactions = pgTable(
  'moment_reactions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull(),
    videoId: integer('video_id')
      .notNull(),
    reactionType: text('reaction_type').notNull(),
    /** Whole seconds into the video. */
    videoTimestamp: integer('video_timestamp').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moment_reactions_video_time_idx').on(t.videoId, t.videoTimestamp, t.id),
    index('moment_reactions_user_created_idx').on(t.userId, t.createdAt),
    index('moment_reactions_created_idx').on(t.createdAt),
  ],
);

/**
 * Where each reaction type's count sits in `moment_reaction_timeline.counts` (1-based
 * array index = position + 1). Append only: a stored array is read by these positions,
 * so an existing type must never move. Every type of every catalogue needs a slot. The
 * user-cleanup trigger (drizzle/0004_user-cleanup-heatmap.sql) lists them too: a slot
 * appended here goes there as well, in a new migration.
 */
export const REACTION_SLOTS = ['like', 'love', 'laugh', 'wow', 'sad', 'angry', 'haha', 'pray'] as const;

export const momentReactionTimeline = pgTable(
  'moment_reaction_timeline',
  {
    videoId: integer('video_id')
      .notNull(),
    second: integer('second').notNull(),
    /** Reactions during this second, per type, indexed by REACTION_SLOTS. */
    counts: integer('counts').array().notNull(),
  },
  (t) => [primaryKey({ name: 'moment_reaction_timeline_pk', columns: [t.videoId, t.second] })],
);

/** The heatmap resolution kept ready per video: the default `buckets` of a heatmap. */
export const HEATMAP_SLICES = 100;

/**
 * The same counts already cut into HEATMAP_SLICES equal slices of the video, so the
 * default heatmap is a read of ≤ 100 rows whatever the video's length. Keyed by the
 * duration the slices were cut for: if a video's duration changes, rows for the old one
 * remain and the heatmap falls back to the per-second rows (still exact).
 */
export const momentReactionSlices = pgTable(
  'moment_reaction_slices',
  {
    videoId: integer('video_id')
      .notNull(),
    durationSeconds: doublePrecision('duration_seconds').notNull(),
    slice: integer('slice').notNull(),
    counts: integer('counts').array().notNull(),
  },
  (t) => [primaryKey({ name: 'moment_reaction_slices_pk', columns: [t.videoId, t.durationSeconds, t.slice] })],
);

export type VideoReactionRow = typeof videoReactions.$inferSelect;
export type MomentReactionRow = typeof momentReactions.$inferSelect;
