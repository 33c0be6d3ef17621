// Direct messages and groups: only members read or write a conversation (others get the
// same 404 as a missing one). New messages and read markers are announced on ctx.events,
// which realtime forwards to every member's sockets.
import { mediaUrls } from '../library/library.media-urls.js';
import { decodeIdCursor, encodeIdCursor } from '../../shared/id-cursor.js';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app/context.js';
import { unauthorized } from '../../shared/errors.js';
import { findVideo } from '../library/library.access.js';
import { createAttachmentStore, invalidAttachment, type AttachmentType, type StoredAttachment } from './chat.attachments.js';
import {
  attachmentNotFound,
  bodyRequired,
  cannotMessageSelf,
  chatUserNotFound,
  conversationNotFound,
  invalidReadMarker,
  sharedVideoIdNotAllowed,
  sharedVideoIdRequired,
  sharedVideoInvalid,
  uploadRequired,
} from './chat.errors.js';
import { createChatRepository, type MessageWithRefs, type NewMessage } from './chat.repository.js';
import type { ChatConversation, ChatMessage } from './chat.schemas.js';
import type { MessageType } from './chat.table.js';

type Deps = Pick<AppContext, 'database' | 'config' | 'clock' | 'events'>;

export function createChatUseCases(ctx: Deps) {
  const { database } = ctx;
  const repo = createChatRepository(database);
  const store = createAttachmentStore(ctx.config, ctx.clock);

  function toMessage(row: MessageWithRefs): ChatMessage {
    return {
      id: row.id,
      conversation_id: row.conversationId,
      sender_id: row.senderId,
      sender: row.senderId !== null && row.senderName !== null ? { id: row.senderId, display_name: row.senderName } : null,
      type: row.type,
      body: row.body,
      shared_video_id: row.sharedVideoId,
      shared_video:
        row.videoId !== null
          ? {
              id: row.videoId,
              title: row.videoTitle ?? row.videoFilename ?? '',
              thumbnail_url: row.videoThumbnailPath ? mediaUrls.thumbnail(row.videoId) : null,
              duration_seconds: row.videoDuration,
              available: Boolean(row.videoPublished && !row.videoLocked),
            }
          : null,
      attachment:
        row.attachmentPath && row.attachmentMime
          ? { url: store.signedUrl(row.id), mime_type: row.attachmentMime, size: row.attachmentSize ?? 0, filename: row.attachmentName }
          : null,
      created_at: row.createdAt.toISOString(),
    };
  }

  /** The conversation's member ids (the realtime recipients), if `userId` is one of them. */
  async function requireMembers(conversationId: number, userId: number): Promise<number[]> {
    const ids = await repo.memberIds(conversationId);
    if (!ids.includes(userId)) throw conversationNotFound();
    return ids;
  }

  /** Conversation summaries as the viewer sees them (their unread count and read marker). */
  async function summaries(userId: number, opts: { limit: number; offset: number; conversationId?: number }): Promise<ChatConversation[]> {
    const rows = await repo.conversationsOf(userId, opts);
    const ids = rows.map((r) => r.id);
    const [members, lastMessages] = await Promise.all([
      repo.membersOf(ids),
      repo.messagesByIds(rows.map((r) => r.lastMessageId).filter((id): id is number => id !== null)),
    ]);
    const lastById = new Map(lastMessages.map((m) => [m.id, m]));
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      title: r.title,
      members: members
        .filter((m) => m.conversationId === r.id)
        .map((m) => ({ user_id: m.userId, display_name: m.displayName, last_read_message_id: m.lastReadMessageId })),
      last_message: r.lastMessageId !== null && lastById.has(r.lastMessageId) ? toMessage(lastById.get(r.lastMessageId)!) : null,
      unread_count: r.unreadCount,
      last_read_message_id: r.lastReadMessageId,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    }));
  }

  async function summaryOf(conversationId: number, userId: number): Promise<ChatConversation> {
    const [found] = await summaries(userId, { limit: 1, offset: 0, conversationId });
    if (!found) throw conversationNotFound();
    return found;
  }

  async function create(userId: number, input: { otherIds: number[]; title: string | null; dm: boolean }) {
    const others = [...new Set(input.otherIds)].filter((id) => id !== userId);
    if (others.length === 0) throw cannotMessageSelf();
    const existing = new Set(await repo.existingUserIds(others));
    const missing = others.filter((id) => !existing.has(id));
    if (missing.length) throw chatUserNotFound(missing);
    const memberIds = [userId, ...others];
    const dmKey = input.dm ? [...memberIds].sort((a, b) => a - b).join(':') : null;
    const created = await database.db.transaction((tx) =>
      repo.createConversation({ type: input.dm ? 'dm' : 'group', title: input.title, dmKey, createdBy: userId, memberIds }, tx),
    );
    // A DM that already existed (or was created by a racing request) is found, not duplicated.
    const conversation = created ?? (await repo.findConversationByDmKey(dmKey!));
    if (created) {
      ctx.events.emit('chat.conversation', {
        recipientIds: memberIds,
        conversation: { id: created.id, type: created.type, title: created.title, member_ids: memberIds },
      });
    }
    return { conversation: await summaryOf(conversation!.id, userId), created: Boolean(created) };
  }

  async function deliver(recipientIds: number[], input: NewMessage): Promise<ChatMessage> {
    const inserted = await database.db.transaction((tx) => repo.insertMessage(input, tx));
    const [row] = await repo.messagesByIds([inserted.id]);
    const message = toMessage(row!);
    ctx.events.emit('chat.message', { recipientIds, message });
    return message;
  }

  /** Seed 001: the video must exist and be published (and not locked) to be shared into a chat. */
  async function checkSharedVideo(videoId: number) {
    const video = await findVideo(database, videoId);
    if (!video) throw sharedVideoInvalid('Video not found');
    if (!video.published) throw sharedVideoInvalid('Video is not published');
    if (video.locked) throw sharedVideoInvalid('Media is locked');
  }

  return {
    store,

    openDm: (userId: number, otherId: number) => create(userId, { otherIds: [otherId], title: null, dm: true }),

    createGroup: (userId: number, otherIds: number[], title: string | null) => create(userId, { otherIds, title, dm: false }),

    listConversations: (userId: number, opts: { limit: number; offset: number }) => summaries(userId, opts),

    async listMessages(userId: number, conversationId: number, opts: { cursor?: string; limit: number }) {
      const beforeId = decodeIdCursor(opts.cursor);
      await requireMembers(conversationId, userId);
      const rows = await repo.pageOfMessages(conversationId, { beforeId, limit: opts.limit + 1 });
      const page = rows.slice(0, opts.limit);
      return {
        messages: page.map(toMessage),
        next_cursor: rows.length > opts.limit ? encodeIdCursor(page[page.length - 1]!.id) : null,
      };
    },

    async postMessage(userId: number, conversationId: number, input: { type: MessageType; body?: string; shared_video_id?: number }) {
      const recipients = await requireMembers(conversationId, userId);
      const body = input.body?.trim() ? input.body : null;
      if (input.type !== 'shared_video' && input.shared_video_id !== undefined) throw sharedVideoIdNotAllowed();
      if (input.type === 'image' || input.type === 'video' || input.type === 'audio') throw uploadRequired(input.type);
      if (input.type === 'text' && !body) throw bodyRequired();
      if (input.type === 'shared_video') {
        if (input.shared_video_id === undefined) throw sharedVideoIdRequired();
        await checkSharedVideo(input.shared_video_id);
      }
      return deliver(recipients, {
        conversationId,
        senderId: userId,
        type: input.type,
        body,
        sharedVideoId: input.type === 'shared_video' ? input.shared_video_id : null,
      });
    },

    /** Checks membership before a single byte of the upload is stored. */
    assertMember: (conversationId: number, userId: number) => requireMembers(conversationId, userId).then(() => undefined),

    /** Stores an uploaded file (after the caller checked membership); typed by its bytes. */
    saveUpload: (conversationId: number, stream: Readable & { truncated?: boolean }) => store.save(stream, conversationId),

    /** Turns a stored upload into a message; the upload is removed if the message is refused. */
    async postAttachment(
      userId: number,
      conversationId: number,
      input: { saved: StoredAttachment; filename: string | null; declared?: AttachmentType; body?: string },
    ) {
      const { saved } = input;
      try {
        const recipients = await requireMembers(conversationId, userId);
        if (input.declared && input.declared !== saved.type) {
          throw invalidAttachment(`file is not ${input.declared === 'image' ? 'an' : 'a'} ${input.declared} file (detected ${saved.mime})`);
        }
        return await deliver(recipients, {
          conversationId,
          senderId: userId,
          type: saved.type,
          body: input.body?.trim() ? input.body : null,
          attachmentPath: saved.relPath,
          attachmentMime: saved.mime,
          attachmentSize: saved.size,
          attachmentName: input.filename ? input.filename.slice(0, 255) : null,
        });
      } catch (err) {
        await store.remove(saved.relPath);
        throw err;
      }
    },

    async markRead(userId: number, conversationId: number, messageId?: number) {
      const recipients = await requireMembers(conversationId, userId);
      let target = messageId;
      if (target === undefined) target = await repo.latestMessageId(conversationId);
      else if (!(await repo.messageInConversation(conversationId, target))) throw invalidReadMarker();
      const marker = await repo.markRead(conversationId, userId, target);
      const unread = await repo.unreadCount(conversationId, userId, marker);
      ctx.events.emit('chat.read', {
        recipientIds: recipients,
        conversation_id: conversationId,
        user_id: userId,
        last_read_message_id: marker,
      });
      return { conversation_id: conversationId, last_read_message_id: marker, unread_count: unread };
    },

    /** The file behind a message, for a member (by token) or a holder of a valid signed URL. */
    async openAttachment(messageId: number, access: { userId?: number; exp?: number; sig?: string }) {
      const row = await repo.attachmentOf(messageId);
      if (!row?.path || !row.mime) throw attachmentNotFound();
      if (!store.verifySignature(messageId, access.exp, access.sig)) {
        if (access.userId === undefined) throw unauthorized();
        if (!(await repo.findMembership(row.conversationId, access.userId))) throw attachmentNotFound();
      }
      return { path: store.resolve(row.path), mime: row.mime, name: row.name };
    },
  };
}

export type ChatUseCases = ReturnType<typeof createChatUseCases>;
