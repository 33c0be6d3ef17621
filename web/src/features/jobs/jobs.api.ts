// Job queue admin API and the live updates the server pushes to admins.
import { useCallback, useEffect, useRef, useState } from 'react';
import { get, post } from '../../api/client';
import type { Job, JobList } from '../../api/types';
import { useSocket, useSocketEvent } from '../realtime/socket';

export const JOB_STATUSES = ['pending', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const RESOURCE_CATEGORIES = ['cpu', 'gpu_encode', 'gpu_ai'] as const;
// SPEC §4: the job types that do real work.
export const JOB_TYPES = [
  'scan', 'public_scan', 'organize', 'organize_studio', 'reencode_streaming', 'generate_gif', 'clip_generate', 'clip_extract_only',
  'scene_extract', 'highlight_generate', 'compile_random', 'compile_quad', 'compile_quad_horizontal', 'compilation', 'fetch',
  'tag_generation', 'auto_organize_publish', 'digest',
] as const;

export const JOB_UPDATED = 'job:updated';

export const fetchJob = (id: number, signal?: AbortSignal) => get<Job>(`/api/jobs/${id}`, undefined, { signal });
export const fetchJobs = (q: { status?: string; type?: string; resourceCategory?: string; limit?: number }, signal?: AbortSignal) =>
  get<JobList>('/api/jobs', { ...q, limit: q.limit ?? 100 }, { signal });
export const cancelJob = (id: number) => post<Job>(`/api/jobs/${id}/cancel`);
export const retryJob = (id: number) => post<Job>(`/api/jobs/${id}/retry`);
export const createJob = (body: { type: string; params: Record<string, unknown>; priority?: number; resourceCategory?: string; vramRequired?: number }) =>
  post<Job | { job: Job }>('/api/jobs', body).then((r) => ('job' in r ? r.job : r));

export type JobUpdate = Partial<Job> & { id: number };

export const isFinished = (status: string | undefined) => status === 'completed' || status === 'failed' || status === 'cancelled';

/**
 * Follows one job until it finishes: live socket updates, with a slow poll as a safety
 * net (a missed event or a reconnect must not leave the bar stuck).
 */
export function useJobProgress(jobId: number | undefined): { job: Job | undefined; error: unknown } {
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const { socket } = useSocket();
  const idRef = useRef(jobId);
  idRef.current = jobId;

  const onUpdate = useCallback((u: JobUpdate | { job: JobUpdate }) => {
    const update = 'job' in u ? u.job : u;
    if (update.id !== idRef.current) return;
    setJob((j) => (j ? { ...j, ...update } : (update as Job)));
  }, []);
  useSocketEvent(socket, JOB_UPDATED, onUpdate);

  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    if (!jobId) return;
    let stopped = false;
    const tick = async () => {
      try {
        const j = await fetchJob(jobId);
        if (stopped) return;
        setJob((prev) => (prev && isFinished(prev.status) && !isFinished(j.status) ? prev : j));
        if (isFinished(j.status)) return;
      } catch (err) {
        if (!stopped) setError(err);
      }
      if (!stopped) timer = setTimeout(tick, 1500);
    };
    let timer = setTimeout(tick, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, error };
}
