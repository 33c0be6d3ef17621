// Scans started through the API are `scan` jobs: any worker runs them, and their progress,
// log and summary live in the jobs table, so every instance answers for them (and the
// admin UI follows them through GET /api/jobs/:id and `job:updated`). What is here is the
// API's side: checking the roots before enqueueing, and a view of scan jobs.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../app/context.js';
import { createJobsUseCases } from '../jobs/jobs.usecases.js';
import { jobs, ONE_ACTIVE_SCAN_INDEX, type JobRow, type JobStatus } from '../jobs/jobs.table.js';
import { scanNotFound, scanRunning } from './library.errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ScanSummary } from './library.scan.js';
import { createLibraryUseCases } from './library.usecases.js';

const WAITING_OR_RUNNING: JobStatus[] = ['pending', 'queued', 'running'];

export type ScanView = {
  jobId: number;
  status: JobStatus;
  roots: string[];
  progress: number;
  summary: Partial<ScanSummary> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export function toScanView(job: JobRow): ScanView {
  const summary = job.status === 'completed' && job.result && typeof job.result === 'object' ? (job.result as Partial<ScanSummary>) : null;
  const roots = Array.isArray(job.params.roots) ? job.params.roots.map(String) : (summary?.roots ?? []);
  return {
    jobId: job.id,
    status: job.status,
    roots,
    progress: job.status === 'completed' ? 100 : job.progress,
    summary,
    error: job.error,
    createdAt: iso(job.createdAt)!,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.completedAt),
  };
}

export function createScanJobs(ctx: AppContext) {
  const jobsUseCases = createJobsUseCases(ctx);
  const library = createLibraryUseCases(ctx);

  /** The scan that is waiting or running, which the refusal of another one names. */
  const activeScans = () =>
    ctx.database.db
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.type, 'scan'), inArray(jobs.status, WAITING_OR_RUNNING)))
      .orderBy(jobs.id)
      .limit(1);

  return {
    /**
     * Checks the roots (existing directories inside the library, compared on real paths) and
     * enqueues one `scan` job for them. One scan at a time (a unique index decides between
     * racing requests): two walks over the same folders would race to index the same files.
     */
    async start(roots?: string[]): Promise<ScanView> {
      const checked = await library.checkScanRoots(roots, { insideLibrary: true });
      // The checked roots are stored, so the view names them and a retry scans the same folders.
      try {
        return toScanView(await jobsUseCases.create({ type: 'scan', params: { roots: checked } }));
      } catch (err) {
        if (!isUniqueViolation(err, ONE_ACTIVE_SCAN_INDEX)) throw err;
        const [active] = await activeScans();
        throw scanRunning(active?.id ?? 0, active?.status ?? 'queued');
      }
    },

    async get(jobId: number): Promise<ScanView> {
      const [job] = await ctx.database.db.select().from(jobs).where(and(eq(jobs.id, jobId), eq(jobs.type, 'scan')));
      if (!job) throw scanNotFound();
      return toScanView(job);
    },

    async list(limit: number, offset: number): Promise<ScanView[]> {
      const rows = await ctx.database.db.select().from(jobs).where(eq(jobs.type, 'scan')).orderBy(desc(jobs.id)).limit(limit).offset(offset);
      return rows.map(toScanView);
    },
  };
}
