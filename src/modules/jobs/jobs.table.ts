// The job queue's tables (seed 003): jobs, worker nodes with their capacity, pipelines and
// their ordered steps, and compilations. The queue engine in src/jobs owns the behaviour.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The unique index that lets one scan job at a time wait or run (see the jobs table). */
export const ONE_ACTIVE_SCAN_INDEX = 'jobs_one_active_scan_idx';

export const RESOURCE_CATEGORIES = ['gpu_ai', 'gpu_encode', 'cpu'] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

export const JOB_STATUSES = ['pending', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    // pending: waiting for its run time (retry backoff); queued: runnable, waiting for a worker.
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    log: text('log').notNull().default(''),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    priority: integer('priority').notNull().default(5),
    resourceCategory: text('resource_category').$type<ResourceCategory>().notNull().default('cpu'),
    vramRequired: integer('vram_required').notNull().default(0),
    queuePosition: integer('queue_position'),
    waitingReason: text('waiting_reason'),
    // Attempts doubles as the lease token: a claim increments it, and a worker may only
    // renew or finish the attempt it claimed, so a job never runs twice at once.
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    workerName: text('worker_name'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    pipelineId: integer('pipeline_id'),
    pipelineStepId: integer('pipeline_step_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The claim: runnable jobs of one category, priority desc then age.
    index('jobs_claim_idx')
      .on(t.resourceCategory, t.priority.desc(), t.createdAt, t.id)
      .where(sql`status in ('pending', 'queued')`),
    index('jobs_lease_idx').on(t.leaseExpiresAt).where(sql`status = 'running'`),
    // Partial indexes only: each state change of a busy queue touches as few index entries
    // as possible (the listing and pruning read finished jobs by completion time).
    index('jobs_finished_idx').on(t.completedAt).where(sql`status in ('completed', 'failed', 'cancelled')`),
    index('jobs_pipeline_idx').on(t.pipelineId).where(sql`pipeline_id is not null`),
    // One scan at a time (library.scan-jobs.ts): two walks over the same folders would race
    // to index the same new files. Enforced here, not by a read before the insert.
    uniqueIndex(ONE_ACTIVE_SCAN_INDEX)
      .on(t.type)
      .where(sql`type = 'scan' and status in ('pending', 'queued', 'running')`),
  ],
);

export const workerNodes = pgTable(
  'worker_nodes',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    hostname: text('hostname').notNull(),
    pid: integer('pid').notNull(),
    cpuSlots: integer('cpu_slots').notNull(),
    encodeSlots: integer('encode_slots').notNull(),
    gpuVramMb: integer('gpu_vram_mb').notNull().default(0),
    gpuSource: text('gpu_source').notNull().default('config'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('worker_nodes_name_uq').on(t.name)],
);

export const pipelines = pgTable('pipelines', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status').$type<'running' | 'completed' | 'failed' | 'cancelled'>().notNull().default('running'),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

export const pipelineSteps = pgTable(
  'pipeline_steps',
  {
    id: serial('id').primaryKey(),
    pipelineId: integer('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: text('type').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    priority: integer('priority'),
    resourceCategory: text('resource_category').$type<ResourceCategory>(),
    vramRequired: integer('vram_required'),
    // pending (not yet enqueued) → queued/running (its job) → completed | failed | cancelled
    status: text('status').notNull().default('pending'),
    jobId: integer('job_id'),
  },
  (t) => [uniqueIndex('pipeline_steps_position_uq').on(t.pipelineId, t.position)],
);

export const compilations = pgTable('compilations', {
  id: serial('id').primaryKey(),
  filename: text('filename').notNull(),
  path: text('path'),
  durationSeconds: doublePrecision('duration_seconds'),
  videoIds: jsonb('video_ids').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  videoId: integer('video_id'),
  jobId: integer('job_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type JobRow = typeof jobs.$inferSelect;
export type WorkerNodeRow = typeof workerNodes.$inferSelect;
export type PipelineRow = typeof pipelines.$inferSelect;
export type PipelineStepRow = typeof pipelineSteps.$inferSelect;
export type CompilationRow = typeof compilations.$inferSelect;
