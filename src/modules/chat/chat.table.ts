// Chat (seeds 000/001): conversations (direct messages and groups), their members with a
// read marker, and messages of five types. A DM between two users is unique by `dm_key`.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';

export const CONVERSATION_TYPES = ['dm', 'group'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'shared_video'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    type: text('type').$type<ConversationType>().notNull(),
    title: text('title'),
    // "<lower user id>:<higher user id>" for DMs, null for groups: makes find-or-create race-free.
    dmKey: text('dm_key'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversations_dm_key_uq').on(t.dmKey)],
);

export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Everything up to and including this message id has been read by the member.
    lastReadMessageId: integer('last_read_message_id').notNull().default(0),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_members_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: integer('sender_id').references(() => users.id, { onDelete: 'set null' }),
    type: text('type').$type<MessageType>().notNull(),
    body: text('body'),
    sharedVideoId: integer('shared_video_id').references(() => videos.id, { onDelete: 'set null' }),
    // Attachments live under <dataDir>/chat/; the path is relative to that folder.
    attachmentPath: text('attachment_path'),
    attachmentMime: text('attachment_mime'),
    attachmentSize: bigint('attachment_size', { mode: 'number' }),
    attachmentName: text('attachment_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index('messages_conversation_id_idx').on(t.conversationId, t.id),
    index('messages_shared_video_idx').on(t.sharedVideoId),
  ],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
