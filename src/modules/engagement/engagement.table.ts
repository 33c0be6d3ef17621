// Engagement counters, one narrow row per video: exact, and cheap to sort the gallery on.
import { bigint, index, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { videos } from '../library/library.table.js';

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
  },
  (t) => [index('video_stats_views_idx').on(t.viewCount), index('video_stats_upvotes_idx').on(t.upvoteCount)],
);
