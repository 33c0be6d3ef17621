// Comments on a video: by a signed-in user or an anonymous session (with a display name),
// one level of replies (a reply to a reply attaches to the top-level comment), and a
// hidden flag set by admins. `video_stats.comment_count` counts what the public sees:
// comments that are not hidden and whose parent (if any) is not hidden.
import { isNull } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../users/users.table.js';
import { videos } from '../library/library.table.js';

export const comments = pgTable(
  'comments',
  {
    id: serial('id').primaryKey(),
    videoId: integer('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    // A deleted account leaves its comments, shown under the name they were written with.
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    sessionId: text('session_id'),
    displayName: text('display_name').notNull(),
    body: text('body').notNull(),
    hidden: boolean('hidden').notNull().default(false),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('comments_video_top_idx').on(t.videoId, t.id).where(isNull(t.parentId)),
    index('comments_parent_idx').on(t.parentId, t.id),
    index('comments_user_idx').on(t.userId),
  ],
);

export type CommentRow = typeof comments.$inferSelect;
