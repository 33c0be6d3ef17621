// Media bytes: /media/:id/stream (HTTP Range), /thumbnail, /captions, /hls/*. Public for
// published, unlocked videos; admins see everything and may pass their token as ?token=
// because <video> and <img> cannot send an Authorization header.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses, errorSchema, idParam } from '../../http/schemas.js';
import { unauthorized } from '../../shared/errors.js';
import type { Viewer } from './library.access.js';
import { captionsFile, hlsContentType, hlsFile, parseRange, streamFile, thumbnailFile, visibleVideo, withTokenInPlaylist } from './library.media.js';
import { videoContentType } from './library.paths.js';

const mediaParams = z.object({ id: idParam('id') });
const tokenQuery = z.object({ token: z.string().max(4096).optional() });
const bytes = z.any().meta({ type: 'string', format: 'binary' });
const mediaErrors = { ...errorResponses, 416: errorSchema };

export const libraryMediaRoutes: RouteModule = async (app, ctx) => {
  const r = zodRoutes(app);
  const tags = ['media'];

  /** The viewer from the Authorization header or ?token=; a bad token is refused, none is public. */
  const viewerOf = (request: FastifyRequest): { viewer: Viewer; token?: string } => {
    const header = request.headers.authorization;
    const fromQuery = (request.query as { token?: string }).token;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : fromQuery;
    if (!token) return { viewer: undefined };
    try {
      return { viewer: app.verifyToken(token), token: header ? undefined : token };
    } catch {
      throw unauthorized('Invalid token', 'INVALID_TOKEN');
    }
  };

  const sendFile = async (request: FastifyRequest, reply: FastifyReply, file: string, contentType: string) => {
    const st = await stat(file);
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    reply.header('Accept-Ranges', 'bytes').header('Content-Type', contentType).header('Last-Modified', st.mtime.toUTCString()).header('ETag', etag);
    // If-Range with a stale validator means "send it all".
    const ifRange = request.headers['if-range'];
    const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, st.size);
    if (range === 'unsatisfiable') {
      return reply.status(416).header('Content-Range', `bytes */${st.size}`).header('Content-Type', 'application/json').send({ error: 'Range not satisfiable', code: 'RANGE_NOT_SATISFIABLE' });
    }
    if (!range) {
      reply.header('Content-Length', st.size);
      return reply.status(200).send(createReadStream(file));
    }
    reply.header('Content-Range', `bytes ${range.start}-${range.end}/${st.size}`).header('Content-Length', range.end - range.start + 1);
    return reply.status(206).send(createReadStream(file, { start: range.start, end: range.end }));
  };

  r.get('/media/:id/stream', { schema: { tags, summary: 'The video file, with HTTP Range support', params: mediaParams, querystring: tokenQuery, response: { 200: bytes, 206: bytes, ...mediaErrors } } }, async (request, reply) => {
    const { viewer } = viewerOf(request);
    const video = await visibleVideo(ctx, request.params.id, viewer);
    const file = await streamFile(ctx, video);
    return sendFile(request, reply, file, videoContentType(file, file === video.path ? video.container : null));
  });

  r.get('/media/:id/thumbnail', { schema: { tags, summary: 'The thumbnail (JPEG)', params: mediaParams, querystring: tokenQuery, response: { 200: bytes, 206: bytes, ...mediaErrors } } }, async (request, reply) => {
    const video = await visibleVideo(ctx, request.params.id, viewerOf(request).viewer);
    reply.header('Cache-Control', 'private, max-age=300');
    return sendFile(request, reply, await thumbnailFile(ctx, video), 'image/jpeg');
  });

  r.get('/media/:id/captions', { schema: { tags, summary: 'Captions (WebVTT)', params: mediaParams, querystring: tokenQuery, response: { 200: bytes, 206: bytes, ...mediaErrors } } }, async (request, reply) => {
    const video = await visibleVideo(ctx, request.params.id, viewerOf(request).viewer);
    return sendFile(request, reply, await captionsFile(ctx, video), 'text/vtt; charset=utf-8');
  });

  r.get(
    '/media/:id/hls/*',
    { schema: { tags, summary: 'HLS playlists and segments', params: mediaParams.extend({ '*': z.string() }), querystring: tokenQuery, response: { 200: bytes, 206: bytes, ...mediaErrors } } },
    async (request, reply) => {
      const { viewer, token } = viewerOf(request);
      const video = await visibleVideo(ctx, request.params.id, viewer);
      const file = await hlsFile(ctx, video, request.params['*']);
      const type = hlsContentType(file);
      if (file.endsWith('.m3u8')) {
        const playlist = await readFile(file, 'utf8');
        return reply.header('Content-Type', type).header('Cache-Control', 'no-cache').send(token ? withTokenInPlaylist(playlist, token) : playlist);
      }
      return sendFile(request, reply, file, type);
    },
  );
};
