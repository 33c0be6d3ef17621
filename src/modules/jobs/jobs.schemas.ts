// Request and response shapes of the jobs API (seed 003 field names, camelCase).
import { z } from 'zod';
import { idParam, limitQuery, offsetQuery } from '../../http/schemas.js';
import { JOB_STATUSES, RESOURCE_CATEGORIES } from './jobs.table.js';

const date = z.date().or(z.string());
const category = z.enum(RESOURCE_CATEGORIES, { error: `resourceCategory must be one of: ${RESOURCE_CATEGORIES.join(', ')}` });

export const jobSchema = z
  .object({
    id: z.number(),
    type: z.string(),
    status: z.enum(JOB_STATUSES),
    progress: z.number(),
    params: z.record(z.string(), z.unknown()),
    result: z.unknown().nullable(),
    error: z.string().nullable(),
    priority: z.number(),
    resourceCategory: category,
    vramRequired: z.number(),
    queuePosition: z.number().nullable(),
    waitingReason: z.string().nullable(),
    attempts: z.number(),
    maxAttempts: z.number(),
    runAt: date,
    workerName: z.string().nullable(),
    cancelRequested: z.boolean(),
    pipelineId: z.number().nullable(),
    pipelineStepId: z.number().nullable(),
    startedAt: date.nullable(),
    completedAt: date.nullable(),
    createdAt: date,
    updatedAt: date,
  })
  .meta({ id: 'Job' });

export const jobWithLogSchema = jobSchema.extend({ log: z.string() }).meta({ id: 'JobWithLog' });

export const listJobsQuery = z.object({
  status: z.enum(JOB_STATUSES, { error: `status must be one of: ${JOB_STATUSES.join(', ')}` }).optional(),
  type: z.string().min(1).max(100).optional(),
  resourceCategory: category.optional(),
  limit: limitQuery(50, 200),
  offset: offsetQuery,
});

export const listJobsResponse = z.object({ jobs: z.array(jobSchema), total: z.number(), limit: z.number(), offset: z.number() });

export const createJobBody = z.object({
  type: z.string({ error: 'type is required' }).min(1, 'type is required'),
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }).default({}),
  priority: z.number({ error: 'priority must be an integer' }).int('priority must be an integer').min(-100, 'priority must be between -100 and 100').max(100, 'priority must be between -100 and 100').optional(),
  resourceCategory: category.optional(),
  vramRequired: z.number({ error: 'vramRequired must be an integer' }).int('vramRequired must be an integer').min(0, 'vramRequired must be 0 or more').max(1_000_000).optional(),
});

export const queueResponse = z.object({
  jobs: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      status: z.string(),
      priority: z.number(),
      resourceCategory: category,
      vramRequired: z.number(),
      queuePosition: z.number(),
      waitingReason: z.string(),
      attempts: z.number(),
      runAt: date,
      createdAt: date,
    }),
  ),
  depth: z.record(z.string(), z.object({ waiting: z.number(), running: z.number() })),
});

export const workersResponse = z.object({
  workers: z.array(
    z.object({
      name: z.string(),
      hostname: z.string(),
      pid: z.number(),
      cpuSlots: z.number(),
      encodeSlots: z.number(),
      gpuVramMb: z.number(),
      gpuSource: z.string(),
      alive: z.boolean(),
      startedAt: date,
      heartbeatAt: date,
      free: z.object({ cpuSlots: z.number(), encodeSlots: z.number(), gpuVramMb: z.number() }),
      running: z.array(z.object({ id: z.number(), type: z.string(), resourceCategory: category, vramRequired: z.number(), progress: z.number() })),
    }),
  ),
});

const stepInput = z.object({
  type: z.string({ error: 'type is required' }).min(1, 'type is required'),
  params: z.record(z.string(), z.unknown()).default({}),
  priority: z.number().int().min(-100).max(100).optional(),
  resourceCategory: category.optional(),
  vramRequired: z.number().int().min(0).optional(),
});

export const createPipelineBody = z.object({
  name: z.string().min(1).max(200).default('pipeline'),
  steps: z.array(stepInput, { error: 'steps must be a list of job steps' }).min(1, 'steps must have at least one step').max(50, 'steps may have at most 50 steps'),
});

export const pipelineSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    status: z.string(),
    error: z.string().nullable(),
    createdAt: date,
    completedAt: date.nullable(),
    steps: z.array(
      z.object({
        id: z.number(),
        position: z.number(),
        type: z.string(),
        params: z.record(z.string(), z.unknown()),
        status: z.string(),
        jobId: z.number().nullable(),
        progress: z.number(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Pipeline' });

export const compilationSchema = z
  .object({
    id: z.number(),
    filename: z.string(),
    path: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    videoIds: z.array(z.number()),
    settings: z.record(z.string(), z.unknown()),
    videoId: z.number().nullable(),
    jobId: z.number().nullable(),
    createdAt: date,
  })
  .meta({ id: 'Compilation' });

export const compilationsQuery = z.object({ limit: limitQuery(50, 200), offset: offsetQuery });
export const jobIdParams = z.object({ id: idParam('id') });
