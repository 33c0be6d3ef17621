// Admin API of the job queue (SPEC §3 Jobs): jobs, the queue view, workers, pipelines and
// compilations. Live progress goes out as `job.updated` events on ctx.events.
import { z } from 'zod';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses } from '../../http/schemas.js';
import {
  compilationSchema,
  compilationsQuery,
  createJobBody,
  createPipelineBody,
  jobIdParams,
  jobSchema,
  jobWithLogSchema,
  listJobsQuery,
  listJobsResponse,
  pipelineSchema,
  queueResponse,
  workersResponse,
} from './jobs.schemas.js';
import { createJobsUseCases, registerQueueMetrics } from './jobs.usecases.js';

export const jobsRoutes: RouteModule = async (app, ctx) => {
  const jobs = createJobsUseCases(ctx);
  registerQueueMetrics(ctx);
  const r = zodRoutes(app);
  const admin = { onRequest: app.requireAdmin };
  const doc = (summary: string, tags = ['jobs']) => ({ tags, summary, security: [{ bearerAuth: [] }] });
  const stripLog = <T extends { log?: string }>(j: T) => {
    const { log: _log, ...rest } = j;
    return rest;
  };

  r.get('/api/jobs', { ...admin, schema: { ...doc('List jobs'), querystring: listJobsQuery, response: { 200: listJobsResponse, ...errorResponses } } }, async (req) => {
    const { jobs: rows, total } = await jobs.list(req.query);
    return { jobs: rows.map(stripLog), total, limit: req.query.limit, offset: req.query.offset };
  });

  r.get('/api/jobs/queue', { ...admin, schema: { ...doc('Waiting jobs with their queue position and waiting reason'), response: { 200: queueResponse, ...errorResponses } } }, async () => jobs.queueView());

  r.get('/api/jobs/:id', { ...admin, schema: { ...doc('A job with its log'), params: jobIdParams, response: { 200: jobWithLogSchema, ...errorResponses } } }, async (req) => jobs.get(req.params.id));

  r.post('/api/jobs', { ...admin, schema: { ...doc('Create a job'), body: createJobBody, response: { 201: jobSchema, ...errorResponses } } }, async (req, reply) => {
    const job = await jobs.create(req.body);
    return reply.status(201).send(stripLog(job));
  });

  r.post('/api/jobs/:id/cancel', { ...admin, schema: { ...doc('Cancel a waiting or running job'), params: jobIdParams, response: { 200: jobSchema, ...errorResponses } } }, async (req) =>
    stripLog(await jobs.cancel(req.params.id)),
  );

  r.post('/api/jobs/:id/retry', { ...admin, schema: { ...doc('Queue a failed or cancelled job again'), params: jobIdParams, response: { 200: jobSchema, ...errorResponses } } }, async (req) =>
    stripLog(await jobs.retry(req.params.id)),
  );

  r.get('/api/workers', { ...admin, schema: { ...doc('Worker nodes, their capacity and what they run'), response: { 200: workersResponse, ...errorResponses } } }, async () => jobs.workers());

  r.post('/api/pipelines', { ...admin, schema: { ...doc('Create a pipeline of job steps run in order', ['pipelines']), body: createPipelineBody, response: { 201: pipelineSchema, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await jobs.createPipeline(req.body)),
  );

  r.get('/api/pipelines/:id', { ...admin, schema: { ...doc('A pipeline and its steps', ['pipelines']), params: jobIdParams, response: { 200: pipelineSchema, ...errorResponses } } }, async (req) => jobs.getPipeline(req.params.id));

  r.post('/api/pipelines/:id/cancel', { ...admin, schema: { ...doc('Cancel a pipeline and its running step', ['pipelines']), params: jobIdParams, response: { 200: pipelineSchema, ...errorResponses } } }, async (req) =>
    jobs.cancelPipeline(req.params.id),
  );

  r.get('/api/compilations', { ...admin, schema: { ...doc('Compilations, newest first', ['compilations']), querystring: compilationsQuery, response: { 200: z.object({ compilations: z.array(compilationSchema) }), ...errorResponses } } }, async (req) =>
    jobs.listCompilations(req.query.limit, req.query.offset),
  );

  r.get('/api/compilations/:id', { ...admin, schema: { ...doc('A compilation', ['compilations']), params: jobIdParams, response: { 200: compilationSchema, ...errorResponses } } }, async (req) => jobs.getCompilation(req.params.id));
};
