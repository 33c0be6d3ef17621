// Admin library API: list/search/filter, bulk actions, duplicates, scans, edits.
import { del, get, patch, post } from '../../api/client';
import type { BulkBody, BulkResult, DuplicateGroups, LibraryList, LibraryScan, LibraryVideo, LockResponse, VideoPatch } from '../../api/types';

export const DIRECTORY_TYPES = ['studios', 'gifs', 'private', 'inbox', 'curated', 'playback', 'compilations', 'videos', 'highlights'] as const;
export const BULK_ACTIONS = ['publish', 'unpublish', 'lock', 'unlock', 'delete'] as const satisfies readonly BulkBody['action'][];
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type LibraryQuery = { search?: string; directoryType?: string; published?: string; locked?: string; limit: number; offset: number };

export const fetchLibrary = (q: LibraryQuery, signal?: AbortSignal) => get<LibraryList>('/api/videos', q, { signal });
export const bulkAction = (ids: number[], action: BulkAction) => post<BulkResult>('/api/videos/bulk', { ids, action } satisfies BulkBody);
export const fetchDuplicates = (signal?: AbortSignal) => get<DuplicateGroups>('/api/videos/duplicates', undefined, { signal });
/** Enqueues a `scan` job for the configured roots; follow it by its jobId. */
export const startScan = () => post<LibraryScan>('/api/library/scan', {});
export const updateVideo = (id: number, body: VideoPatch) => patch<LibraryVideo>(`/api/videos/${id}`, body);
export const deleteVideo = (id: number) => del<unknown>(`/api/videos/${id}`);
export const lockVideo = (id: number, reason: string) => post<LockResponse>(`/api/media/public/${id}/lock`, reason ? { reason } : {});
export const unlockVideo = (id: number) => post<LockResponse>(`/api/media/public/${id}/unlock`, {});
