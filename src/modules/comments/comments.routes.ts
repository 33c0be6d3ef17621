// HTTP surface of comments. Anonymous writes are rate limited (RATE_LIMIT_ANON_PER_MINUTE);
// signed-in writers are not.
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import { currentUser } from '../../http/plugins/auth.js';
import { anonRateLimit } from '../engagement/anon-rate-limit.js';
import {
  commentResultResponse,
  createCommentBody,
  deleteCommentQuery,
  deleteCommentResponse,
  listCommentsQuery,
  listCommentsResponse,
} from './comments.schemas.js';
import { createCommentsUseCases } from './comments.usecases.js';

export const commentsRoutes: RouteModule = async (app, ctx) => {
  const comments = createCommentsUseCases(ctx);
  const r = zodRoutes(app);
  // The shared anonymous limit (per sessionId, else client address), checked after auth
  // has run, so signed-in writers are exempt.
  const { rateLimit } = anonRateLimit(ctx.config);
  const anonLimit = { ...rateLimit, allowList: (request: FastifyRequest) => currentUser(request) !== undefined };

  r.post(
    '/api/media/comments',
    {
      onRequest: app.optionalAuth,
      config: { rateLimit: anonLimit },
      schema: {
        tags: ['comments'],
        summary: 'Comment on a video (signed in, or anonymous with sessionId and displayName); parentId replies',
        body: createCommentBody,
        response: { 201: commentResultResponse, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await comments.add(currentUser(request), request.body)),
  );

  r.get(
    '/api/media/comments',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['comments'],
        summary: "A video's comments, newest first, replies nested; cursor pages (or one thread's replies with parentId)",
        querystring: listCommentsQuery,
        response: { 200: listCommentsResponse, ...errorResponses },
      },
    },
    async (request) => comments.list(currentUser(request), request.query),
  );

  r.delete(
    '/api/media/comments/:id',
    {
      onRequest: app.optionalAuth,
      config: { rateLimit: anonLimit },
      schema: {
        tags: ['comments'],
        summary: 'Delete a comment (its author — user or same sessionId — or an admin); its replies go with it',
        params: idParams,
        querystring: deleteCommentQuery,
        response: { 200: deleteCommentResponse, ...errorResponses },
      },
    },
    async (request) => comments.remove(currentUser(request), request.params.id, request.query.sessionId),
  );

  for (const [action, hidden] of [['hide', true], ['unhide', false]] as const) {
    r.post(
      `/api/media/comments/:id/${action}`,
      {
        onRequest: app.requireAdmin,
        schema: {
          tags: ['comments'],
          summary: hidden ? 'Hide a comment from the public (admin)' : 'Show a hidden comment again (admin)',
          security: [{ bearerAuth: [] }],
          params: idParams,
          response: { 200: commentResultResponse, ...errorResponses },
        },
      },
      async (request) => comments.setHidden(request.user, request.params.id, hidden),
    );
  }
};
