import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { currentUser } from '../../http/plugins/auth.js';
import { zodRoutes, type RouteModule } from '../../http/route-module.js';
import { errorResponses, errorSchema } from '../../http/schemas.js';
import { badRequest } from '../../shared/errors.js';
import { ATTACHMENT_TYPES, sendFile, type AttachmentType, type StoredAttachment } from './chat.attachments.js';
import {
  attachmentParams,
  attachmentQuery,
  conversationParams,
  conversationSchema,
  createConversationBody,
  listConversationsQuery,
  listMessagesQuery,
  MAX_BODY_CHARS,
  messageSchema,
  messagesPage,
  postMessageBody,
  readBody,
  readResponse,
} from './chat.schemas.js';
import { createChatUseCases } from './chat.usecases.js';

const perUser = (name: string, max: number) => ({
  max,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `${name}:${req.user.id}`,
});

const secured = { security: [{ bearerAuth: [] }] };

export const chatRoutes: RouteModule = async (app, ctx) => {
  const chat = createChatUseCases(ctx);
  const r = zodRoutes(app);
  // Encapsulated to this feature unless the app already parses multipart for everyone.
  if (!app.hasRequestDecorator('isMultipart')) await app.register(multipart);

  r.get(
    '/api/chat/conversations',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['chat'],
        summary: 'My conversations, most recently active first, with last message and unread count',
        ...secured,
        querystring: listConversationsQuery,
        response: { 200: z.object({ conversations: z.array(conversationSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ conversations: await chat.listConversations(request.user.id, request.query) }),
  );

  r.post(
    '/api/chat/conversations',
    {
      onRequest: app.authenticate,
      config: { rateLimit: perUser('chat-conversation', 60) },
      schema: {
        tags: ['chat'],
        summary: 'Find or create a direct conversation with `user_id` (or a group with `user_ids`)',
        ...secured,
        body: createConversationBody,
        response: { 200: conversationSchema, 201: conversationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user_id, user_ids, title } = request.body;
      const result =
        user_id !== undefined
          ? await chat.openDm(request.user.id, user_id)
          : await chat.createGroup(request.user.id, user_ids!, title ?? null);
      return reply.status(result.created ? 201 : 200).send(result.conversation);
    },
  );

  r.get(
    '/api/chat/conversations/:id/messages',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['chat'],
        summary: 'Messages, newest first; pass `next_cursor` back as `cursor` for older ones',
        ...secured,
        params: conversationParams,
        querystring: listMessagesQuery,
        response: { 200: messagesPage, ...errorResponses },
      },
    },
    async (request) => chat.listMessages(request.user.id, request.params.id, request.query),
  );

  r.post(
    '/api/chat/conversations/:id/messages',
    {
      onRequest: app.authenticate,
      config: { rateLimit: perUser('chat-message', 120) },
      schema: {
        tags: ['chat'],
        summary: 'Send a text or shared_video message (image/video/audio go to /attachments)',
        ...secured,
        params: conversationParams,
        body: postMessageBody,
        response: { 201: messageSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await chat.postMessage(request.user.id, request.params.id, request.body)),
  );

  r.post(
    '/api/chat/conversations/:id/attachments',
    {
      onRequest: app.authenticate,
      config: { rateLimit: perUser('chat-attachment', 30) },
      schema: {
        tags: ['chat'],
        summary: 'Send an image, video or audio message: multipart/form-data with `file` and optional `type`, `body`',
        ...secured,
        consumes: ['multipart/form-data'],
        params: conversationParams,
        response: { 201: messageSchema, 413: errorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw badRequest('send the file as multipart/form-data with a `file` field', undefined, 'VALIDATION');
      const conversationId = request.params.id;
      await chat.assertMember(conversationId, request.user.id);
      const fields: Record<string, string> = {};
      let upload: { saved: StoredAttachment; filename: string | null } | undefined;
      try {
        const parts = request.parts({
          limits: { fileSize: chat.store.maxBytes, files: 1, fields: 10, fieldSize: MAX_BODY_CHARS * 4 },
        });
        for await (const part of parts) {
          if (part.type === 'file') {
            upload = { saved: await chat.saveUpload(conversationId, part.file), filename: part.filename || null };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        const declared = fields.type;
        if (declared !== undefined && !ATTACHMENT_TYPES.includes(declared as AttachmentType)) {
          throw badRequest(`type must be one of ${ATTACHMENT_TYPES.join(', ')} for an attachment`, undefined, 'VALIDATION');
        }
        if (fields.body !== undefined && fields.body.length > MAX_BODY_CHARS) {
          throw badRequest(`body is at most ${MAX_BODY_CHARS} characters`, undefined, 'VALIDATION');
        }
        if (!upload) throw badRequest('file is required', undefined, 'VALIDATION');
      } catch (err) {
        if (upload) await chat.store.remove(upload.saved.relPath);
        throw err;
      }
      const message = await chat.postAttachment(request.user.id, conversationId, {
        ...upload,
        declared: fields.type as AttachmentType | undefined,
        body: fields.body,
      });
      return reply.status(201).send(message);
    },
  );

  r.post(
    '/api/chat/conversations/:id/read',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['chat'],
        summary: 'Move my read marker to `message_id` (default: the latest message)',
        ...secured,
        params: conversationParams,
        body: readBody,
        response: { 200: readResponse, ...errorResponses },
      },
    },
    async (request) => chat.markRead(request.user.id, request.params.id, request.body?.message_id),
  );

  r.get(
    '/api/chat/attachments/:messageId',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['chat'],
        summary: 'An attachment\'s bytes (Range supported), for members or with the signed URL from the message',
        params: attachmentParams,
        querystring: attachmentQuery,
        response: { ...errorResponses, 416: errorSchema },
      },
    },
    async (request, reply) => {
      const file = await chat.openAttachment(request.params.messageId, {
        userId: currentUser(request)?.id,
        exp: request.query.exp,
        sig: request.query.sig,
      });
      return sendFile(request, reply, file);
    },
  );
};
