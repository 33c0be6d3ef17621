// Job queue admin API and the live updates the server pushes to admins.
import { get, post } from '../../api/client';
import type { CreateJobBody, Job, JobList, JobStatus, JobType, JobUpdate, JobWithLog, ResourceCategory } from '../../api/types';

export const JOB_STATUSES = ['pending', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];
export const RESOURCE_CATEGORIES = ['cpu', 'gpu_encode', 'gpu_ai'] as const satisfies readonly ResourceCategory[];
// SPEC §4: the job types that do real work.
export const JOB_TYPES = [
  'scan', 'public_scan', 'organize', 'organize_studio', 'reencode_streaming', 'generate_gif', 'clip_generate', 'clip_extract_only',
  'scene_extract', 'highlight_generate', 'compile_random', 'compile_quad', 'compile_quad_horizontal', 'compilation', 'fetch',
  'tag_generation', 'auto_organize_publish', 'digest', 'publish',
] as const satisfies readonly JobType[];
// Fails to compile when the server registers a job type this list does not offer.
const everyTypeListed: Exclude<JobType, (typeof JOB_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;

export const fetchJob = (id: number, signal?: AbortSignal) => get<JobWithLog>(`/api/jobs/${id}`, undefined, { signal });
export const fetchJobs = (q: { status?: string; type?: string; resourceCategory?: string; limit?: number }, signal?: AbortSignal) =>
  get<JobList>('/api/jobs', { ...q, limit: q.limit ?? 100 }, { signal });
export const cancelJob = (id: number) => post<Job>(`/api/jobs/${id}/cancel`);
export const retryJob = (id: number) => post<Job>(`/api/jobs/${id}/retry`);
export const createJob = (body: CreateJobBody) => post<Job>('/api/jobs', body);

/** Applies a pushed update (status, progress and whatever else the server sent) to a job. */
export function mergeJobUpdate<T extends Job>(job: T, update: JobUpdate): T {
  return { ...job, ...(update as Partial<Job>) };
}

export const isFinished = (status: string | undefined) => status === 'completed' || status === 'failed' || status === 'cancelled';
