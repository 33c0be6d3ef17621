import { z } from 'zod';
import { idParam, limitQuery } from '../../http/schemas.js';
import { sessionIdSchema } from '../../shared/session-id.js';

export const BODY_MAX = 2000;
export const DISPLAY_NAME_MAX = 50;

const text = (name: string, max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a string`) })
    .trim()
    .min(1, `${name} cannot be empty`)
    .max(max, `${name} must be at most ${max} characters`);

export const createCommentBody = z.object({
  mediaId: z
    .number({ error: (i) => (i.input === undefined ? 'mediaId is required' : 'mediaId must be a positive integer') })
    .int('mediaId must be a positive integer')
    .positive('mediaId must be a positive integer')
    .max(2_147_483_647, 'mediaId is out of range'),
  body: text('body', BODY_MAX),
  parentId: z
    .number({ error: 'parentId must be a positive integer' })
    .int('parentId must be a positive integer')
    .positive('parentId must be a positive integer')
    .max(2_147_483_647, 'parentId is out of range')
    .nullish(),
  // Anonymous writers only; ignored for signed-in users (their account name is used).
  sessionId: sessionIdSchema.optional(),
  displayName: text('displayName', DISPLAY_NAME_MAX).optional(),
});

export const listCommentsQuery = z.object({
  mediaId: idParam('mediaId'),
  /** Page one thread's replies (oldest first) instead of the top-level comments. */
  parentId: idParam('parentId').optional(),
  cursor: z.string().max(200, 'cursor is invalid').optional(),
  limit: limitQuery(20, 100),
  /** Lets an anonymous viewer see which comments are theirs (`mine`). */
  sessionId: sessionIdSchema.optional(),
});

export const deleteCommentQuery = z.object({ sessionId: sessionIdSchema.optional() });

const commentFields = {
  id: z.number().int(),
  mediaId: z.number().int(),
  parentId: z.number().int().nullable(),
  body: z.string(),
  displayName: z.string(),
  userId: z.number().int().nullable(),
  isAnonymous: z.boolean(),
  hidden: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
};

export const replySchema = z.object(commentFields).meta({ id: 'CommentReply' });
export const commentSchema = z
  .object({ ...commentFields, replyCount: z.number().int(), replies: z.array(replySchema) })
  .meta({ id: 'Comment' });

export const listCommentsResponse = z.object({
  comments: z.array(commentSchema),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
  commentCount: z.number().int(),
});

export const commentResultResponse = z.object({ success: z.literal(true), comment: replySchema });
export const deleteCommentResponse = z.object({ success: z.literal(true), deleted: z.number().int() });
