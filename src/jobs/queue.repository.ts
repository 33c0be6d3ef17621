// The queue's SQL. Claims are one statement (`FOR UPDATE SKIP LOCKED` in a CTE) that takes a
// batch; completions are batched into one UPDATE; leases use the database clock so nodes
// with skewed clocks agree. `attempts` is the lease token (see jobs.table.ts).
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { JobRow, JobStatus, ResourceCategory } from '../modules/jobs/jobs.table.js';
import { WAKE_CHANNEL } from './signals.js';

export type NewJob = {
  type: string;
  params: Record<string, unknown>;
  priority: number;
  resourceCategory: ResourceCategory;
  vramRequired: number;
  maxAttempts: number;
  pipelineId?: number | null;
  pipelineStepId?: number | null;
};

type RawJob = Record<string, unknown>;

export function toJob(r: RawJob): JobRow {
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    id: Number(r.id),
    type: String(r.type),
    status: r.status as JobStatus,
    progress: Number(r.progress),
    log: String(r.log ?? ''),
    params: (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, unknown>,
    result: (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) ?? null,
    error: (r.error as string | null) ?? null,
    priority: Number(r.priority),
    resourceCategory: r.resource_category as ResourceCategory,
    vramRequired: Number(r.vram_required),
    queuePosition: r.queue_position == null ? null : Number(r.queue_position),
    waitingReason: (r.waiting_reason as string | null) ?? null,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: date(r.run_at)!,
    leaseExpiresAt: date(r.lease_expires_at),
    workerName: (r.worker_name as string | null) ?? null,
    cancelRequested: Boolean(r.cancel_requested),
    pipelineId: r.pipeline_id == null ? null : Number(r.pipeline_id),
    pipelineStepId: r.pipeline_step_id == null ? null : Number(r.pipeline_step_id),
    startedAt: date(r.started_at),
    completedAt: date(r.completed_at),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

const json = (v: unknown) => JSON.stringify(v ?? null);

/** What workers and events need of a row: everything but the log and result, which can be large. */
const RUN_COLUMN_NAMES = ['id', 'type', 'status', 'progress', 'params', 'error', 'priority', 'resource_category', 'vram_required', 'attempts', 'max_attempts', 'run_at', 'worker_name', 'cancel_requested', 'pipeline_id', 'pipeline_step_id', 'started_at', 'completed_at', 'created_at', 'updated_at'];
const RUN_COLUMNS = sql.raw(RUN_COLUMN_NAMES.map((c) => `j.${c}`).join(', '));
const RUN_COLUMNS_PLAIN = sql.raw(RUN_COLUMN_NAMES.join(', '));

type ClaimOptions = { category: ResourceCategory; limit: number; maxVram: number; worker: string; leaseMs: number; types: string[] };

/** The claim: a CTE that locks up to `limit` runnable rows (priority desc, then age) and an UPDATE that leases them. */
function claimSql(o: ClaimOptions) {
  return sql`
    picked as (
      select id from jobs
      where status in ('pending', 'queued') and resource_category = ${o.category}
        and run_at <= now() and vram_required <= ${o.maxVram}
        and type = any(string_to_array(${o.types.join(',')}, ','))
      order by priority desc nulls last, created_at, id
      limit ${o.limit}
      for update skip locked
    ),
    claimed as (
      update jobs j set status = 'running', attempts = j.attempts + 1, worker_name = ${o.worker},
        lease_expires_at = now() + ${o.leaseMs} * interval '1 millisecond',
        started_at = now(), progress = 0, queue_position = null, waiting_reason = null, updated_at = now()
      from picked where j.id = picked.id
      returning ${RUN_COLUMNS}
    )`;
}

function insertSql(jobs: NewJob[], withRows: boolean) {
  const rows = jobs.map((j) => ({
    type: j.type,
    params: j.params,
    priority: j.priority,
    category: j.resourceCategory,
    vram: j.vramRequired,
    max_attempts: j.maxAttempts,
    pipeline_id: j.pipelineId ?? null,
    pipeline_step_id: j.pipelineStepId ?? null,
  }));
  return sql`
    with ins as (
      insert into jobs (type, params, priority, resource_category, vram_required, max_attempts, pipeline_id, pipeline_step_id, status)
      select v.type, v.params, v.priority, v.category, v.vram, v.max_attempts, v.pipeline_id, v.pipeline_step_id, 'queued'
      from jsonb_to_recordset(${json(rows)}::jsonb)
        as v(type text, params jsonb, priority int, category text, vram int, max_attempts int, pipeline_id int, pipeline_step_id int)
      returning ${withRows ? RUN_COLUMNS_PLAIN : sql.raw('id')}
    )
    ${withRows ? sql`select ins.* from ins` : sql`select count(*)::int as count from ins`}, (select pg_notify(${WAKE_CHANNEL}, '')) as wake`;
}

const byClaimOrder = (a: JobRow, b: JobRow) => b.priority - a.priority || +a.createdAt - +b.createdAt || a.id - b.id;
const noLog = (r: RawJob) => ({ log: '', result: null, queue_position: null, waiting_reason: null, lease_expires_at: null, ...r });

export function createQueueRepository(database: Database) {
  const q = database.query;
  return {
    /**
     * Inserts jobs in one statement that also wakes workers listening on PostgreSQL (NOTIFY
     * is delivered at commit, so a woken worker always sees the rows).
     */
    async insertJobs(jobs: NewJob[]): Promise<JobRow[]> {
      if (!jobs.length) return [];
      const rows = await q<RawJob>(insertSql(jobs, true));
      return rows.map((r) => toJob(noLog(r)));
    },

    /** The same for bulk producers that need no rows back; returns how many were inserted. */
    async insertJobsCount(jobs: NewJob[]): Promise<number> {
      if (!jobs.length) return 0;
      const [row] = await q<{ count: number }>(insertSql(jobs, false));
      return Number(row?.count ?? 0);
    },

    /**
     * Takes up to `limit` runnable jobs of one category that fit in `maxVram`, highest
     * priority first then oldest, and marks them running under this node's lease.
     */
    async claim(opts: ClaimOptions): Promise<JobRow[]> {
      if (opts.limit <= 0) return [];
      const rows = await q<RawJob>(sql`with ${claimSql(opts)} select * from claimed`);
      return rows.map((r) => toJob(noLog(r))).sort(byClaimOrder);
    },

    /**
     * Completes finished attempts and, in the same statement, claims their successors: one
     * round trip and one commit where a busy worker would otherwise need two.
     */
    async completeAndClaim(done: Array<{ id: number; attempt: number; result: unknown; log: string }>, claim: ClaimOptions): Promise<{ completed: JobRow[]; claimed: JobRow[] }> {
      const rows = await q<RawJob & { kind: string }>(sql`
        with done as (
          update jobs j set status = 'completed', progress = 100, result = v.result, log = j.log || v.log,
            completed_at = now(), lease_expires_at = null, updated_at = now()
          from jsonb_to_recordset(${json(done)}::jsonb) as v(id int, attempt int, result jsonb, log text)
          where j.id = v.id and j.attempts = v.attempt and j.status = 'running'
          returning ${RUN_COLUMNS}
        ), ${claimSql(claim)}
        select 'done' as kind, * from done
        union all
        select 'claimed' as kind, * from claimed`);
      const parse = (r: RawJob) => toJob(noLog(r));
      return {
        completed: rows.filter((r) => r.kind === 'done').map(parse),
        claimed: rows.filter((r) => r.kind === 'claimed').map(parse).sort(byClaimOrder),
      };
    },

    /** Renews the leases this node still holds; returns them with their cancel flag. */
    async renewLeases(held: Array<{ id: number; attempt: number }>, leaseMs: number): Promise<Array<{ id: number; cancelRequested: boolean }>> {
      if (!held.length) return [];
      const rows = await q<{ id: number; cancel_requested: boolean }>(sql`
        update jobs j set lease_expires_at = now() + ${leaseMs} * interval '1 millisecond'
        from jsonb_to_recordset(${json(held)}::jsonb) as v(id int, attempt int)
        where j.id = v.id and j.attempts = v.attempt and j.status = 'running'
        returning j.id, j.cancel_requested`);
      return rows.map((r) => ({ id: Number(r.id), cancelRequested: Boolean(r.cancel_requested) }));
    },

    async saveProgress(id: number, attempt: number, progress: number, logLines: string): Promise<void> {
      await q(sql`update jobs set progress = ${progress}, log = log || ${logLines}, updated_at = now()
        where id = ${id} and attempts = ${attempt} and status = 'running'`);
    },

    /** Finishes many running attempts at once; only rows still held by that attempt change. */
    async completeMany(done: Array<{ id: number; attempt: number; result: unknown; log: string }>): Promise<JobRow[]> {
      if (!done.length) return [];
      const rows = await q<RawJob>(sql`
        update jobs j set status = 'completed', progress = 100, result = v.result, log = j.log || v.log,
          completed_at = now(), lease_expires_at = null, updated_at = now()
        from jsonb_to_recordset(${json(done)}::jsonb) as v(id int, attempt int, result jsonb, log text)
        where j.id = v.id and j.attempts = v.attempt and j.status = 'running'
        returning ${RUN_COLUMNS}`);
      return rows.map((r) => toJob(noLog(r)));
    },

    /** Ends an attempt that threw: back to pending with a delay, or failed / cancelled for good. */
    async finishAttempt(opts: { id: number; attempt: number; status: 'pending' | 'failed' | 'cancelled'; error: string | null; log: string; delayMs: number }): Promise<JobRow | undefined> {
      const [row] = await q<RawJob>(sql`
        update jobs set status = ${opts.status}, error = ${opts.error}, log = log || ${opts.log},
          run_at = case when ${opts.status} = 'pending' then now() + ${opts.delayMs} * interval '1 millisecond' else run_at end,
          completed_at = case when ${opts.status} = 'pending' then null else now() end,
          lease_expires_at = null, worker_name = case when ${opts.status} = 'pending' then null else worker_name end,
          updated_at = now()
        where id = ${opts.id} and attempts = ${opts.attempt} and status = 'running'
        returning *`);
      return row && toJob(row);
    },

    /** Jobs whose worker stopped renewing: re-queued, or failed/cancelled when that is final. */
    async reapExpiredLeases(): Promise<JobRow[]> {
      const rows = await q<RawJob>(sql`
        update jobs set
          status = case when cancel_requested then 'cancelled' when attempts >= max_attempts then 'failed' else 'queued' end,
          error = case when cancel_requested then null when attempts >= max_attempts
            then 'worker ' || coalesce(worker_name, '?') || ' stopped renewing its lease (attempt ' || attempts || ' of ' || max_attempts || ')' else error end,
          log = log || '[lease expired on worker ' || coalesce(worker_name, '?') || ']' || chr(10),
          completed_at = case when cancel_requested or attempts >= max_attempts then now() else null end,
          lease_expires_at = null, worker_name = null, run_at = now(), updated_at = now()
        where status = 'running' and lease_expires_at < now()
        returning *`);
      return rows.map(toJob);
    },

    async requestCancel(id: number): Promise<JobRow | undefined> {
      // Waiting jobs are cancelled at once; a running one is flagged and its worker aborts it.
      const [row] = await q<RawJob>(sql`
        update jobs set
          status = case when status = 'running' then status else 'cancelled' end,
          cancel_requested = true,
          completed_at = case when status = 'running' then completed_at else now() end,
          queue_position = null, waiting_reason = null, updated_at = now()
        where id = ${id} and status in ('pending', 'queued', 'running')
        returning *`);
      return row && toJob(row);
    },

    /**
     * Puts a failed or cancelled job back in the queue and, if it is a pipeline's step,
     * revives that step and its pipeline in the same statement: a worker may claim the job
     * the moment it commits, and its outcome must find the pipeline running again.
     */
    async requeue(id: number, note: string): Promise<JobRow | undefined> {
      const [row] = await q<RawJob>(sql`
        with j as (
          update jobs set status = 'queued', attempts = 0, progress = 0, error = null, cancel_requested = false,
            run_at = now(), started_at = null, completed_at = null, worker_name = null, lease_expires_at = null,
            log = log || ${note}, updated_at = now()
          where id = ${id} and status in ('failed', 'cancelled')
          returning *),
        step as (update pipeline_steps set status = 'queued' where id = (select pipeline_step_id from j)),
        pipeline as (update pipelines set status = 'running', error = null, completed_at = null where id = (select pipeline_id from j))
        select * from j`);
      return row && toJob(row);
    },

    async releaseAttempt(id: number, attempt: number, note: string): Promise<void> {
      await q(sql`update jobs set status = 'queued', worker_name = null, lease_expires_at = null, run_at = now(),
        log = log || ${note}, updated_at = now()
        where id = ${id} and attempts = ${attempt} and status = 'running'`);
    },

    async pruneCompleted(olderThanMs: number): Promise<number> {
      const rows = await q(sql`delete from jobs where id in (
        select id from jobs where status = 'completed' and completed_at < now() - ${olderThanMs} * interval '1 millisecond'
          and (pipeline_id is null or pipeline_id not in (select id from pipelines where status = 'running'))
        limit 5000) returning id`);
      return rows.length;
    },

    async get(id: number): Promise<JobRow | undefined> {
      const [row] = await q<RawJob>(sql`select * from jobs where id = ${id}`);
      return row && toJob(row);
    },

    async list(f: { status?: string; type?: string; resourceCategory?: string; limit: number; offset: number }) {
      const where = sql`(${f.status ?? null}::text is null or status = ${f.status ?? null})
        and (${f.type ?? null}::text is null or type = ${f.type ?? null})
        and (${f.resourceCategory ?? null}::text is null or resource_category = ${f.resourceCategory ?? null})`;
      const rows = await q<RawJob>(sql`select * from jobs where ${where} order by id desc limit ${f.limit} offset ${f.offset}`);
      const [count] = await q<{ total: number }>(sql`select count(*)::int as total from jobs where ${where}`);
      return { jobs: rows.map(toJob), total: Number(count?.total ?? 0) };
    },

    /** Waiting jobs of each category in claim order, with their 1-based position. */
    async waiting(limitPerCategory: number): Promise<Array<JobRow & { position: number }>> {
      const rows = await q<RawJob>(sql`
        select * from (
          select j.*, row_number() over (partition by resource_category order by priority desc, created_at, id) as position
          from jobs j where status in ('pending', 'queued')
        ) w where position <= ${limitPerCategory}
        order by resource_category, position`);
      return rows.map((r) => ({ ...toJob(r), position: Number(r.position) }));
    },

    async saveQueueView(rows: Array<{ id: number; position: number; reason: string }>): Promise<void> {
      if (!rows.length) return;
      await q(sql`update jobs j set queue_position = v.position, waiting_reason = v.reason
        from jsonb_to_recordset(${json(rows)}::jsonb) as v(id int, position int, reason text)
        where j.id = v.id and j.status in ('pending', 'queued')`);
    },

    async depthByCategory(): Promise<Array<{ category: string; status: string; count: number }>> {
      const rows = await q<{ resource_category: string; status: string; count: number }>(sql`
        select resource_category, status, count(*)::int as count from jobs
        where status in ('pending', 'queued', 'running') group by 1, 2`);
      return rows.map((r) => ({ category: r.resource_category, status: r.status, count: Number(r.count) }));
    },

    async runningByWorker(): Promise<Array<{ workerName: string; id: number; type: string; category: ResourceCategory; vram: number; progress: number }>> {
      const rows = await q<RawJob>(sql`select id, type, worker_name, resource_category, vram_required, progress from jobs where status = 'running'`);
      return rows.map((r) => ({
        workerName: String(r.worker_name),
        id: Number(r.id),
        type: String(r.type),
        category: r.resource_category as ResourceCategory,
        vram: Number(r.vram_required),
        progress: Number(r.progress),
      }));
    },
  };
}

export type QueueRepository = ReturnType<typeof createQueueRepository>;
