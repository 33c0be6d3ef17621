// HTTP surface of reactions: the seed 001 toggle (/api/video-reactions) and seed 003's
// timestamped moments (/api/reactions, /config, /heatmap).
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses } from '../../http/schemas.js';
import { currentUser } from '../../http/plugins/auth.js';
import {
  catalogueResponse,
  heatmapQuery,
  heatmapSchema,
  momentBody,
  momentCreatedResponse,
  momentListQuery,
  momentListResponse,
  toggleBody,
  toggleQuery,
  toggleResponse,
  toggleStateResponse,
} from './reactions.schemas.js';
import { createReactionsUseCases } from './reactions.usecases.js';

const bearer = [{ bearerAuth: [] }];

export const reactionsRoutes: RouteModule = async (app, ctx) => {
  const reactions = createReactionsUseCases(ctx);
  const r = zodRoutes(app);

  r.post(
    '/api/video-reactions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['reactions'],
        summary: 'Toggle your reaction to a video (added, changed or removed) and get the counts',
        security: bearer,
        body: toggleBody,
        response: { 200: toggleResponse, ...errorResponses },
      },
    },
    async (request) => reactions.toggle(request.user, request.body.video_id, request.body.type),
  );

  r.get(
    '/api/video-reactions',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['reactions'],
        summary: "A video's reaction counts and, when signed in, your own reaction",
        querystring: toggleQuery,
        response: { 200: toggleStateResponse, ...errorResponses },
      },
    },
    async (request) => reactions.toggleState(currentUser(request), request.query.video_id),
  );

  r.post(
    '/api/reactions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['reactions'],
        summary: 'React at a moment of a video',
        security: bearer,
        body: momentBody,
        response: { 200: momentCreatedResponse, ...errorResponses },
      },
    },
    async (request) => reactions.addMoment(request.user, request.body),
  );

  r.get(
    '/api/reactions',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['reactions'],
        summary: 'Moment reactions by video (timeline order) and/or user (newest first)',
        querystring: momentListQuery,
        response: { 200: momentListResponse, ...errorResponses },
      },
    },
    async (request) => reactions.listMoments(currentUser(request), request.query),
  );

  r.get(
    '/api/reactions/config',
    { schema: { tags: ['reactions'], summary: 'The reaction catalogue', response: { 200: catalogueResponse } } },
    async () => ({ reactions: reactions.catalogue() }),
  );

  r.get(
    '/api/reactions/heatmap',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags: ['reactions'],
        summary: 'Moment reaction counts per bucket and type along the timeline',
        querystring: heatmapQuery,
        response: { 200: heatmapSchema, ...errorResponses },
      },
    },
    async (request) => reactions.heatmap(currentUser(request), request.query.mediaId, request.query.buckets),
  );
};
