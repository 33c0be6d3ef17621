// Share tracking (seed 004): the latest state per (video, platform, user) and an
// append-only audit trail of every attempt, refused ones included.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';

export const SHARE_STATUSES = ['pending', 'success', 'failed'] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

export const shareRecords = pgTable(
  'share_records',
  {
    id: serial('id').primaryKey(),
    videoId: integer('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<ShareStatus>().notNull().default('pending'),
    errorMessage: text('error_message'),
    attemptCount: integer('attempt_count').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The idempotency key: racing double clicks end in one row (INSERT … ON CONFLICT).
    uniqueIndex('share_records_video_platform_user_uq').on(t.videoId, t.platform, t.userId),
    index('share_records_user_idx').on(t.userId),
  ],
);

// No foreign keys on video/user: the trail outlives deleted videos and users, and also
// records attempts on ids that never existed.
export const shareAudit = pgTable(
  'share_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: integer('record_id').references(() => shareRecords.id, { onDelete: 'set null' }),
    videoId: integer('video_id').notNull(),
    platform: text('platform').notNull(),
    userId: integer('user_id').notNull(),
    mode: text('mode').notNull(),
    status: text('status').$type<ShareStatus>().notNull(),
    alreadyShared: boolean('already_shared').notNull().default(false),
    errorMessage: text('error_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('share_audit_video_platform_idx').on(t.videoId, t.platform), index('share_audit_user_idx').on(t.userId)],
);

export type ShareRecordRow = typeof shareRecords.$inferSelect;
export type ShareAuditRow = typeof shareAudit.$inferSelect;
