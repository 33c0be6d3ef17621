// Chat request/response shapes. Bodies are snake_case as in seeds 000/001.
import { z } from 'zod';
import { idParam, limitQuery, offsetQuery } from '../../http/schemas.js';
import { MESSAGE_TYPES } from './chat.table.js';

export const conversationParams = z.object({ id: idParam('id') });
export const attachmentParams = z.object({ messageId: idParam('messageId') });

export const sharedVideoSchema = z
  .object({
    id: z.number(),
    title: z.string(),
    thumbnail_url: z.string().nullable(),
    duration_seconds: z.number().nullable(),
    // false once the video was unpublished or locked after being shared: the card stays, the link won't play.
    available: z.boolean(),
  })
  .meta({ id: 'ChatSharedVideo' });

export const attachmentSchema = z.object({
  url: z.string(),
  mime_type: z.string(),
  size: z.number(),
  filename: z.string().nullable(),
});

export const messageSchema = z
  .object({
    id: z.number(),
    conversation_id: z.number(),
    sender_id: z.number().nullable(),
    sender: z.object({ id: z.number(), display_name: z.string() }).nullable(),
    type: z.enum(MESSAGE_TYPES),
    body: z.string().nullable(),
    shared_video_id: z.number().nullable(),
    shared_video: sharedVideoSchema.nullable(),
    attachment: attachmentSchema.nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'ChatMessage' });

export const memberSchema = z.object({
  user_id: z.number(),
  display_name: z.string(),
  last_read_message_id: z.number(),
});

export const conversationSchema = z
  .object({
    id: z.number(),
    type: z.enum(['dm', 'group']),
    title: z.string().nullable(),
    members: z.array(memberSchema),
    last_message: messageSchema.nullable(),
    unread_count: z.number(),
    last_read_message_id: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ChatConversation' });

const userIdField = (name: string) =>
  z
    .number({ error: `${name} must be a positive integer` })
    .int(`${name} must be a positive integer`)
    .positive(`${name} must be a positive integer`)
    .max(2_147_483_647, `${name} is out of range`);

/** `{user_id}` opens (or finds) a DM; `{user_ids, title?}` creates a group. */
export const createConversationBody = z
  .object({
    user_id: userIdField('user_id').optional(),
    user_ids: z.array(userIdField('user_ids')).min(1, 'user_ids must name at least one user').max(50, 'user_ids may name at most 50 users').optional(),
    title: z.string().trim().min(1, 'title must not be empty').max(200, 'title is at most 200 characters').optional(),
  })
  .refine((b) => (b.user_id === undefined) !== (b.user_ids === undefined), {
    message: 'user_id is required (or user_ids for a group), not both',
    path: ['user_id'],
  });

export const MAX_BODY_CHARS = 4000;

export const postMessageBody = z.object({
  type: z.enum(MESSAGE_TYPES, { error: `type must be one of ${MESSAGE_TYPES.join(', ')}` }).default('text'),
  body: z.string({ error: 'body must be a string' }).max(MAX_BODY_CHARS, `body is at most ${MAX_BODY_CHARS} characters`).optional(),
  shared_video_id: userIdField('shared_video_id').optional(),
});

export const listConversationsQuery = z.object({ limit: limitQuery(50, 100), offset: offsetQuery });

export const listMessagesQuery = z.object({
  limit: limitQuery(50, 100),
  cursor: z.string().max(200, 'cursor is invalid').optional(),
});

export const messagesPage = z
  .object({ messages: z.array(messageSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'ChatMessagePage' });

// No body at all means "everything up to the latest message".
export const readBody = z.object({ message_id: userIdField('message_id').optional() }).nullish();

export const readResponse = z.object({
  conversation_id: z.number(),
  last_read_message_id: z.number(),
  unread_count: z.number(),
});

export const attachmentQuery = z.object({
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(200).optional(),
});

export type ChatMessage = z.infer<typeof messageSchema>;
export type ChatConversation = z.infer<typeof conversationSchema>;
