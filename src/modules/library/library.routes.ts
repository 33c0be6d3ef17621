// Admin library API (SPEC §3): list, read, edit, delete, bulk actions, duplicates, scans
// and uploads. Every route requires the admin role.
import multipart from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses, errorSchema, idParams } from '../../http/schemas.js';
import { badRequest } from '../../shared/errors.js';
import { uploadTooLarge } from './library.errors.js';
import {
  bulkBody,
  bulkResponse,
  deleteQuery,
  duplicatesResponse,
  listQuery,
  listResponse,
  patchBody,
  scanBody,
  scanIdParams,
  scanStatusSchema,
  scansQuery,
  toVideoDto,
  uploadSessionBody,
  uploadSessionSchema,
  videoSchema,
} from './library.schemas.js';
import { ingestUpload } from './library.upload.js';
import { appendUploadChunk, cancelUploadSession, createUploadSession, getUploadSession } from './library.upload-resumable.js';
import { createScanJobs } from './library.scan-jobs.js';
import { createLibraryUseCases } from './library.usecases.js';

// Multipart framing around the file: a request this much over the limit cannot fit.
const MULTIPART_SLACK = 64 * 1024;

export const libraryRoutes: RouteModule = async (app, ctx) => {
  const library = createLibraryUseCases(ctx);
  const scans = createScanJobs(ctx);
  const r = zodRoutes(app);
  const admin = { onRequest: app.requireAdmin };
  const security = [{ bearerAuth: [] }];
  const tags = ['library'];

  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10, fieldSize: 10_000 } });

  r.get('/api/videos', { ...admin, schema: { tags, security, summary: 'List the library', querystring: listQuery, response: { 200: listResponse, ...errorResponses } } }, async (request) => {
    const q = request.query;
    const { rows, total } = await library.list(q);
    return { videos: rows.map(toVideoDto), total, limit: q.limit, offset: q.offset };
  });

  r.get('/api/videos/duplicates', { ...admin, schema: { tags, security, summary: 'Exact and near-duplicate groups', response: { 200: duplicatesResponse, ...errorResponses } } }, async () => {
    const d = await library.duplicates();
    return {
      exact: d.exact.map((g) => ({ fileHash: g.fileHash, videos: g.videos.map(toVideoDto) })),
      near: d.near.map((g) => ({ distance: g.distance, bits: g.bits, videos: g.videos.map(toVideoDto) })),
    };
  });

  r.get('/api/videos/:id', { ...admin, schema: { tags, security, summary: 'One video, full record', params: idParams, response: { 200: videoSchema, ...errorResponses } } }, async (request) =>
    toVideoDto(await library.get(request.params.id)),
  );

  r.patch('/api/videos/:id', { ...admin, schema: { tags, security, summary: 'Edit a video (a new directoryType moves its file)', params: idParams, body: patchBody, response: { 200: videoSchema, ...errorResponses } } }, async (request) =>
    toVideoDto(await library.update(request.params.id, request.body)),
  );

  r.delete('/api/videos/:id', { ...admin, schema: { tags, security, summary: 'Remove a video record (and its file with deleteFile=true)', params: idParams, querystring: deleteQuery, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await library.remove(request.params.id, { deleteFile: request.query.deleteFile });
    return reply.status(204).send(null);
  });

  r.post('/api/videos/bulk', { ...admin, schema: { tags, security, summary: 'Lock, unlock, publish, unpublish, delete or move several videos', body: bulkBody, response: { 200: bulkResponse, ...errorResponses } } }, async (request) =>
    library.bulk(request.body),
  );

  r.post(
    '/api/videos/upload',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Upload a video (multipart field "file", optional field "title")',
        consumes: ['multipart/form-data'],
        response: { 201: videoSchema, ...errorResponses, 413: errorSchema },
      },
    },
    async (request, reply) => {
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > ctx.config.maxUploadBytes + MULTIPART_SLACK) throw uploadTooLarge(ctx.config.maxUploadBytes);
      if (!request.isMultipart()) throw badRequest('file is required (multipart/form-data)', undefined, 'FILE_REQUIRED');
      const part = await request.file();
      if (!part) throw badRequest('file is required (multipart/form-data)', undefined, 'FILE_REQUIRED');
      const titleField = part.fields.title;
      const title = titleField && !Array.isArray(titleField) && 'value' in titleField ? String(titleField.value) : undefined;
      const video = await ingestUpload(ctx, { stream: part.file, filename: part.filename, userId: request.user.id, title });
      return reply.status(201).send(toVideoDto(video));
    },
  );

  // Resumable uploads: raw chunks, streamed straight to the partial file.
  app.addContentTypeParser('application/offset+octet-stream', (_request, payload, done) => done(null, payload));
  const uploadParams = z.object({ uploadId: z.string().uuid('uploadId must be an upload id') });

  r.post('/api/videos/uploads', { ...admin, schema: { tags, security, summary: 'Start a resumable upload', body: uploadSessionBody, response: { 201: uploadSessionSchema, ...errorResponses, 413: errorSchema } } }, async (request, reply) =>
    reply.status(201).send(await createUploadSession(ctx, request.body, request.user.id)),
  );

  r.get('/api/videos/uploads/:uploadId', { ...admin, schema: { tags, security, summary: 'Where a resumable upload stands (its offset)', params: uploadParams, response: { 200: uploadSessionSchema, ...errorResponses } } }, async (request) =>
    getUploadSession(ctx, request.params.uploadId),
  );

  r.patch(
    '/api/videos/uploads/:uploadId',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Send the next chunk (Content-Type application/offset+octet-stream, header Upload-Offset)',
        params: uploadParams,
        headers: z.object({ 'upload-offset': z.coerce.number({ error: 'Upload-Offset header is required' }).int().min(0, 'Upload-Offset must be 0 or more') }),
        response: { 200: uploadSessionSchema, 201: uploadSessionSchema.extend({ video: videoSchema }), ...errorResponses, 413: errorSchema },
      },
    },
    async (request, reply) => {
      if (request.headers['content-type'] !== 'application/offset+octet-stream') throw badRequest('Content-Type must be application/offset+octet-stream', undefined, 'BAD_CONTENT_TYPE');
      const { session, video } = await appendUploadChunk(ctx, request.params.uploadId, request.headers['upload-offset'], request.body as Readable);
      reply.header('Upload-Offset', String(session.offset));
      return video ? reply.status(201).send({ ...session, video: toVideoDto(video) }) : reply.status(200).send(session);
    },
  );

  r.delete('/api/videos/uploads/:uploadId', { ...admin, schema: { tags, security, summary: 'Abandon a resumable upload', params: uploadParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await cancelUploadSession(ctx, request.params.uploadId);
    return reply.status(204).send(null);
  });

  // Scans are jobs (type `scan`): 202 with the job's id; progress, log and summary are the
  // job's (GET /api/jobs/:id, `job:updated`). The scans routes are a view of those jobs.
  r.post(
    '/api/library/scan',
    { ...admin, schema: { tags, security, summary: 'Enqueue a scan job for the library roots (or given roots inside them)', body: scanBody, response: { 202: scanStatusSchema, ...errorResponses } } },
    async (request, reply) => reply.status(202).send(await scans.start(request.body?.roots)),
  );

  r.get('/api/library/scans', { ...admin, schema: { tags, security, summary: 'Recent scan jobs, newest first', querystring: scansQuery, response: { 200: z.object({ scans: z.array(scanStatusSchema) }), ...errorResponses } } }, async (request) => ({
    scans: await scans.list(request.query.limit, request.query.offset),
  }));

  r.get('/api/library/scans/:scanId', { ...admin, schema: { tags, security, summary: 'A scan job (by job id): progress and summary', params: scanIdParams, response: { 200: scanStatusSchema, ...errorResponses } } }, async (request) =>
    scans.get(request.params.scanId),
  );
};
