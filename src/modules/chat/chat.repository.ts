// Conversations, members and messages: Drizzle only, optional transaction. A page of
// messages is one query, its sender names and shared-video cards joined in.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';
import { conversationMembers, conversations, messages, type ConversationType, type MessageType } from './chat.table.js';

const messageColumns = {
  id: messages.id,
  conversationId: messages.conversationId,
  senderId: messages.senderId,
  type: messages.type,
  body: messages.body,
  sharedVideoId: messages.sharedVideoId,
  attachmentPath: messages.attachmentPath,
  attachmentMime: messages.attachmentMime,
  attachmentSize: messages.attachmentSize,
  attachmentName: messages.attachmentName,
  createdAt: messages.createdAt,
  senderName: users.displayName,
  videoId: videos.id,
  videoTitle: videos.title,
  videoFilename: videos.filename,
  videoThumbnailPath: videos.thumbnailPath,
  videoDuration: videos.durationSeconds,
  videoPublished: videos.published,
  videoLocked: videos.locked,
};

const selectMessages = (tx: DbOrTx) =>
  tx
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .leftJoin(videos, eq(videos.id, messages.sharedVideoId));

export type MessageWithRefs = Awaited<ReturnType<typeof selectMessages>>[number];

export type NewMessage = {
  conversationId: number;
  senderId: number;
  type: MessageType;
  body: string | null;
  sharedVideoId?: number | null;
  attachmentPath?: string | null;
  attachmentMime?: string | null;
  attachmentSize?: number | null;
  attachmentName?: string | null;
};

export function createChatRepository({ db }: { db: Db }) {
  return {
    async findConversationByDmKey(dmKey: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(conversations).where(eq(conversations.dmKey, dmKey)).limit(1);
      return row;
    },

    /** Creates a conversation with its members; for a DM whose key exists returns undefined instead. */
    async createConversation(
      input: { type: ConversationType; title: string | null; dmKey: string | null; createdBy: number; memberIds: number[] },
      tx: DbOrTx = db,
    ) {
      const [row] = await tx
        .insert(conversations)
        .values({ type: input.type, title: input.title, dmKey: input.dmKey, createdBy: input.createdBy })
        .onConflictDoNothing({ target: conversations.dmKey })
        .returning();
      if (!row) return undefined;
      await tx.insert(conversationMembers).values(input.memberIds.map((userId) => ({ conversationId: row.id, userId })));
      return row;
    },

    async findMembership(conversationId: number, userId: number, tx: DbOrTx = db) {
      const [row] = await tx
        .select({
          conversationId: conversationMembers.conversationId,
          lastReadMessageId: conversationMembers.lastReadMessageId,
        })
        .from(conversationMembers)
        .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
        .limit(1);
      return row;
    },

    async memberIds(conversationId: number, tx: DbOrTx = db): Promise<number[]> {
      const rows = await tx
        .select({ userId: conversationMembers.userId })
        .from(conversationMembers)
        .where(eq(conversationMembers.conversationId, conversationId));
      return rows.map((r) => r.userId);
    },

    async membersOf(conversationIds: number[], tx: DbOrTx = db) {
      if (conversationIds.length === 0) return [];
      return tx
        .select({
          conversationId: conversationMembers.conversationId,
          userId: conversationMembers.userId,
          displayName: users.displayName,
          lastReadMessageId: conversationMembers.lastReadMessageId,
        })
        .from(conversationMembers)
        .innerJoin(users, eq(users.id, conversationMembers.userId))
        .where(inArray(conversationMembers.conversationId, conversationIds))
        .orderBy(conversationMembers.conversationId, conversationMembers.joinedAt, conversationMembers.userId);
    },

    async existingUserIds(ids: number[], tx: DbOrTx = db): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids));
      return rows.map((r) => r.id);
    },

    /** The message and the conversation's last-message time, in one transaction by the caller. */
    async insertMessage(input: NewMessage, tx: DbOrTx = db) {
      const [row] = await tx.insert(messages).values(input).returning({ id: messages.id, createdAt: messages.createdAt });
      await tx
        .update(conversations)
        .set({ lastMessageAt: row!.createdAt, updatedAt: sql`now()` })
        .where(eq(conversations.id, input.conversationId));
      return row!;
    },

    async messagesByIds(ids: number[], tx: DbOrTx = db): Promise<MessageWithRefs[]> {
      if (ids.length === 0) return [];
      return selectMessages(tx).where(inArray(messages.id, ids)).orderBy(desc(messages.id));
    },

    /** Newest first, strictly older than `beforeId` when given. */
    async pageOfMessages(conversationId: number, opts: { beforeId?: number; limit: number }, tx: DbOrTx = db): Promise<MessageWithRefs[]> {
      const where = opts.beforeId
        ? and(eq(messages.conversationId, conversationId), lt(messages.id, opts.beforeId))
        : eq(messages.conversationId, conversationId);
      return selectMessages(tx).where(where).orderBy(desc(messages.id)).limit(opts.limit);
    },

    /** The viewer's conversations, most recently active first, with last message id and unread count. */
    async conversationsOf(userId: number, opts: { limit: number; offset: number; conversationId?: number }, tx: DbOrTx = db) {
      return tx
        .select({
          id: conversations.id,
          type: conversations.type,
          title: conversations.title,
          createdAt: conversations.createdAt,
          updatedAt: conversations.updatedAt,
          lastReadMessageId: conversationMembers.lastReadMessageId,
          lastMessageId: sql<number | null>`(select max(m.id) from ${messages} m where m.conversation_id = ${conversations.id})`,
          unreadCount: sql<number>`(select count(*)::int from ${messages} m
            where m.conversation_id = ${conversations.id}
              and m.id > ${conversationMembers.lastReadMessageId}
              and m.sender_id is distinct from ${userId})`,
        })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(
          opts.conversationId === undefined
            ? eq(conversationMembers.userId, userId)
            : and(eq(conversationMembers.userId, userId), eq(conversationMembers.conversationId, opts.conversationId)),
        )
        .orderBy(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt}) desc`, desc(conversations.id))
        .limit(opts.limit)
        .offset(opts.offset);
    },

    async conversationById(id: number, tx: DbOrTx = db) {
      const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).limit(1);
      return row;
    },

    async latestMessageId(conversationId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ id: sql<number | null>`max(${messages.id})` })
        .from(messages)
        .where(eq(messages.conversationId, conversationId));
      return row?.id ?? 0;
    },

    async messageInConversation(conversationId: number, messageId: number, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)))
        .limit(1);
      return Boolean(row);
    },

    /** Moves the read marker forward only (a late request never un-reads newer messages). */
    async markRead(conversationId: number, userId: number, messageId: number, tx: DbOrTx = db) {
      const [row] = await tx
        .update(conversationMembers)
        .set({
          lastReadMessageId: sql`greatest(${conversationMembers.lastReadMessageId}, ${messageId})`,
          lastReadAt: sql`now()`,
        })
        .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
        .returning({ lastReadMessageId: conversationMembers.lastReadMessageId });
      return row?.lastReadMessageId ?? 0;
    },

    async unreadCount(conversationId: number, userId: number, afterId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            sql`${messages.id} > ${afterId}`,
            sql`${messages.senderId} is distinct from ${userId}`,
          ),
        );
      return row?.n ?? 0;
    },

    async attachmentOf(messageId: number, tx: DbOrTx = db) {
      const [row] = await tx
        .select({
          conversationId: messages.conversationId,
          path: messages.attachmentPath,
          mime: messages.attachmentMime,
          size: messages.attachmentSize,
          name: messages.attachmentName,
        })
        .from(messages)
        .where(eq(messages.id, messageId))
        .limit(1);
      return row;
    },
  };
}
