// Engagement HTTP surface: anonymous gallery writes (seed 003), resume progress (seed 001),
// continue watching, admin statistics. Thin: schema, one use-case call.
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import { createEngagementUseCases } from './engagement.usecases.js';
import { anonRateLimit } from './anon-rate-limit.js';
import {
  continueWatchingQuery,
  continueWatchingResponse,
  finishResponse,
  progressBody,
  progressResponse,
  sessionBody,
  sessionQuery,
  statsQuery,
  statsResponse,
  upvoteResponse,
  watchTimeBody,
  watchTimeResponse,
} from './engagement.schemas.js';

export const engagementRoutes: RouteModule = async (app, ctx) => {
  const engagement = createEngagementUseCases(ctx);
  const r = zodRoutes(app);
  const limited = anonRateLimit(ctx.config);
  const tags = ['gallery'];

  r.post(
    '/api/media/public/:id/upvote',
    {
      config: limited,
      schema: { tags, summary: 'Upvote (one per session, idempotent)', params: idParams, body: sessionBody, response: { 200: upvoteResponse, ...errorResponses } },
    },
    async (request) => engagement.setUpvote(request.params.id, request.body.sessionId, true),
  );

  r.delete(
    '/api/media/public/:id/upvote',
    {
      config: limited,
      schema: { tags, summary: 'Remove this session\'s upvote', params: idParams, querystring: sessionQuery, response: { 200: upvoteResponse, ...errorResponses } },
    },
    async (request) => engagement.setUpvote(request.params.id, request.query.sessionId, false),
  );

  r.post(
    '/api/media/public/:id/finish',
    {
      config: limited,
      schema: { tags, summary: 'Mark as watched to the end (counted once per session)', params: idParams, body: sessionBody, response: { 200: finishResponse, ...errorResponses } },
    },
    async (request) => engagement.finish(request.params.id, request.body.sessionId),
  );

  r.post(
    '/api/media/public/:id/watch-time',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Report seconds watched (capped by time since the previous report and by the duration)',
        params: idParams,
        body: watchTimeBody,
        response: { 200: watchTimeResponse, ...errorResponses },
      },
    },
    async (request) => engagement.watchTime(request.params.id, request.body.sessionId, request.body.seconds, request.body.position),
  );

  r.put(
    '/api/videos/:id/progress',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['progress'],
        summary: 'Save the resume point (max watched, latest position, completed one-way)',
        security: [{ bearerAuth: [] }],
        params: idParams,
        body: progressBody,
        response: { 200: progressResponse, ...errorResponses },
      },
    },
    async (request) => engagement.saveProgress(request.user, request.params.id, request.body),
  );

  r.get(
    '/api/videos/:id/progress',
    {
      onRequest: app.authenticate,
      schema: { tags: ['progress'], summary: 'The resume point', security: [{ bearerAuth: [] }], params: idParams, response: { 200: progressResponse, ...errorResponses } },
    },
    async (request) => engagement.getProgress(request.user, request.params.id),
  );

  r.get(
    '/api/me/continue-watching',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['progress'],
        summary: 'Unfinished videos, most recently watched first',
        security: [{ bearerAuth: [] }],
        querystring: continueWatchingQuery,
        response: { 200: continueWatchingResponse, ...errorResponses },
      },
    },
    async (request) => ({ items: await engagement.continueWatching(request.user.id, request.query.limit) }),
  );

  r.get(
    '/api/videos/:id/stats',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['statistics'],
        summary: 'Views and watch time per day, finish rate, retention curve, reaction heatmap',
        security: [{ bearerAuth: [] }],
        params: idParams,
        querystring: statsQuery,
        response: { 200: statsResponse, ...errorResponses },
      },
    },
    async (request) => engagement.stats(request.params.id, request.query.days),
  );
};
