import type { FastifyRequest } from 'fastify';
import { currentUser } from '../../http/plugins/auth.js';
import { zodRoutes, type RouteModule } from '../../http/route-module.js';
import { errorResponses } from '../../http/schemas.js';
import {
  auditQuery,
  auditResponse,
  platformsQuery,
  platformsResponse,
  shareBody,
  shareParams,
  shareResponse,
  shareStatusResponse,
} from './sharing.schemas.js';
import { createSharingUseCases } from './sharing.usecases.js';

/** Per user: re-share spamming is refused (seed 004 §10). */
const SHARE_RATE_LIMIT = { max: 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `share:${req.user.id}` };

export const sharingRoutes: RouteModule = async (app, ctx) => {
  const sharing = createSharingUseCases(ctx);
  const r = zodRoutes(app);

  r.post(
    '/api/videos/:id/share',
    {
      onRequest: app.authenticate,
      config: { rateLimit: SHARE_RATE_LIMIT },
      schema: {
        tags: ['sharing'],
        summary: 'Record that the signed-in user shared a video to platforms (tracking only)',
        security: [{ bearerAuth: [] }],
        params: shareParams,
        body: shareBody,
        response: { 200: shareResponse, ...errorResponses },
      },
    },
    async (request) =>
      sharing.trackShares({ videoId: request.params.id, userId: request.user.id, platforms: request.body.platforms, mode: request.body.mode }),
  );

  r.get(
    '/api/videos/:id/share-status',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['sharing'],
        summary: 'Per platform: whether the video has been shared and when last',
        params: shareParams,
        response: { 200: shareStatusResponse, ...errorResponses },
      },
    },
    async (request) => sharing.shareStatus(request.params.id, currentUser(request)),
  );

  r.get(
    '/api/share/platforms',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['sharing'],
        summary: 'The allowed platforms, with each one\'s share-intent URL for a video',
        querystring: platformsQuery,
        response: { 200: platformsResponse, ...errorResponses },
      },
    },
    async (request) =>
      sharing.platformIntents(`${request.protocol}://${request.host}`, request.query.videoId, currentUser(request)),
  );

  r.get(
    '/api/videos/:id/share-audit',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['sharing'],
        summary: 'Admin: the share audit trail of a video (every attempt, refused ones included), newest first',
        security: [{ bearerAuth: [] }],
        params: shareParams,
        querystring: auditQuery,
        response: { 200: auditResponse, ...errorResponses },
      },
    },
    async (request) => sharing.auditTrail(request.params.id, request.query.limit),
  );
};
