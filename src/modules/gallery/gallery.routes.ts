// Public gallery (seed 003) and categories (seed 002). Thin: schema, one use-case call.
import { z } from 'zod';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import { currentUser } from '../../http/plugins/auth.js';
import { createGalleryUseCases } from './gallery.usecases.js';
import {
  browseQuery,
  browseResponse,
  categoriesQuery,
  categoriesResponse,
  categoryBody,
  categoryPatch,
  categorySchema,
  detailsQuery,
  detailsResponse,
  listQuery,
  listResponse,
  lockBody,
  lockResponse,
  relatedQuery,
  relatedResponse,
} from './gallery.schemas.js';

export const galleryRoutes: RouteModule = async (app, ctx) => {
  const gallery = createGalleryUseCases(ctx);
  const r = zodRoutes(app);
  const tags = ['gallery'];
  const admin = { onRequest: app.requireAdmin };
  const security = [{ bearerAuth: [] }];

  r.get(
    '/api/media/public',
    { schema: { tags, summary: 'List published videos (filters, sorts, offset or keyset cursor)', querystring: listQuery, response: { 200: listResponse, ...errorResponses } } },
    async (request) => gallery.list(request.query),
  );

  r.get(
    '/api/media/public/:id',
    {
      onRequest: app.optionalAuth,
      schema: {
        tags,
        summary: 'Video details; counts a view (once per viewer per VIEW_DEDUPE_WINDOW)',
        params: idParams,
        querystring: detailsQuery,
        response: { 200: detailsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const viewerKey = request.query.sessionId ? `s:${request.query.sessionId}` : `ip:${request.ip}`;
      return gallery.details(request.params.id, viewerKey, currentUser(request));
    },
  );

  r.get(
    '/api/media/public/:id/related',
    {
      onRequest: app.optionalAuth,
      schema: { tags, summary: 'Videos in the same category or sharing tags', params: idParams, querystring: relatedQuery, response: { 200: relatedResponse, ...errorResponses } },
    },
    async (request) => gallery.related(request.params.id, request.query.limit, currentUser(request)),
  );

  r.get(
    '/api/media/browse',
    { schema: { tags, summary: 'Hero video and one row per active category', querystring: browseQuery, response: { 200: browseResponse, ...errorResponses } } },
    async (request) => gallery.browse(request.query.perRow),
  );

  r.post(
    '/api/media/public/:id/lock',
    { ...admin, schema: { tags, summary: 'Lock a video (hidden from the public)', security, params: idParams, body: lockBody, response: { 200: lockResponse, ...errorResponses } } },
    async (request) => gallery.setLock(request.params.id, true, request.body.reason),
  );

  r.post(
    '/api/media/public/:id/unlock',
    { ...admin, schema: { tags, summary: 'Unlock a video', security, params: idParams, body: lockBody, response: { 200: lockResponse, ...errorResponses } } },
    async (request) => gallery.setLock(request.params.id, false),
  );

  r.get(
    '/api/categories',
    {
      onRequest: app.optionalAuth,
      schema: { tags: ['categories'], summary: 'Active categories in sort order (admins: ?all=true for every one)', querystring: categoriesQuery, response: { 200: categoriesResponse, ...errorResponses } },
    },
    async (request) => ({ categories: await gallery.categories.list(Boolean(request.query.all) && currentUser(request)?.role === 'admin') }),
  );

  r.post(
    '/api/categories',
    { ...admin, schema: { tags: ['categories'], summary: 'Create a category', security, body: categoryBody, response: { 201: categorySchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await gallery.categories.create(request.body)),
  );

  r.patch(
    '/api/categories/:id',
    { ...admin, schema: { tags: ['categories'], summary: 'Rename, reorder, (de)activate a category', security, params: idParams, body: categoryPatch, response: { 200: categorySchema, ...errorResponses } } },
    async (request) => gallery.categories.update(request.params.id, request.body),
  );

  r.delete(
    '/api/categories/:id',
    {
      ...admin,
      schema: { tags: ['categories'], summary: 'Delete a category (its videos become uncategorised)', security, params: idParams, response: { 200: z.object({ success: z.boolean() }), ...errorResponses } },
    },
    async (request) => {
      await gallery.categories.remove(request.params.id);
      return { success: true };
    },
  );
};
