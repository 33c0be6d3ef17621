// Admin library API: list/search/filter, bulk actions, duplicates, scans, edits.
import { del, get, patch, post } from '../../api/client';
import type { DuplicateGroups, Job, LibraryList, LibraryVideo } from '../../api/types';

export const DIRECTORY_TYPES = ['studios', 'gifs', 'private', 'inbox', 'curated', 'playback', 'compilations', 'videos', 'highlights'] as const;
export const BULK_ACTIONS = ['publish', 'unpublish', 'lock', 'unlock', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type LibraryQuery = { search?: string; directoryType?: string; published?: string; locked?: string; limit: number; offset: number };

export const fetchLibrary = (q: LibraryQuery, signal?: AbortSignal) => get<LibraryList>('/api/videos', q, { signal });
export const bulkAction = (ids: number[], action: BulkAction) => post<unknown>('/api/videos/bulk', { ids, action });
export const fetchDuplicates = (signal?: AbortSignal) => get<DuplicateGroups>('/api/videos/duplicates', undefined, { signal });
export const startScan = () => post<Job | { job: Job } | { jobId: number }>('/api/library/scan', {});
export const updateVideo = (id: number, body: Record<string, unknown>) => patch<LibraryVideo>(`/api/videos/${id}`, body);
export const deleteVideo = (id: number) => del<unknown>(`/api/videos/${id}`);
export const lockVideo = (id: number, reason: string) => post<unknown>(`/api/media/public/${id}/lock`, { reason });
export const unlockVideo = (id: number) => post<unknown>(`/api/media/public/${id}/unlock`, {});

export function jobIdOf(res: Job | { job: Job } | { jobId: number }): number {
  if ('jobId' in res) return res.jobId;
  if ('job' in res) return res.job.id;
  return res.id;
}
