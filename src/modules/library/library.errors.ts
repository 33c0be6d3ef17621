// The library's errors: stable codes, HTTP statuses, messages a user can act on.
import { AppError, badRequest, conflict, tooLarge } from '../../shared/errors.js';

export { videoNotFound, mediaNotFound, mediaLocked } from './library.access.js';

export const notAVideo = (detected: string | null) =>
  badRequest(`The file is not a video${detected ? ` (looks like ${detected})` : ''}`, undefined, 'NOT_A_VIDEO');
export const unreadableVideo = (reason: string) => badRequest(`The video cannot be read: ${reason}`, undefined, 'UNREADABLE_VIDEO');
export const duplicateUpload = (existingId: number) =>
  conflict('This video is already in the library', { existingId }, 'DUPLICATE_VIDEO');
export const uploadTooLarge = (limitBytes: number) =>
  tooLarge(`The file is larger than the upload limit of ${formatBytes(limitBytes)} (MAX_UPLOAD_SIZE_GB)`, 'UPLOAD_TOO_LARGE');
export const targetExists = (target: string) =>
  conflict(`A file already exists at ${target}; nothing was moved`, { target }, 'TARGET_EXISTS');
export const fileMissing = () => conflict('The video file is missing on disk', undefined, 'FILE_MISSING');
export const outsideRoots = (what: string) => badRequest(`${what} is not inside a library root`, undefined, 'OUTSIDE_LIBRARY');
export const notADirectory = (dir: string) => badRequest(`${dir} is not a readable directory`, undefined, 'NOT_A_DIRECTORY');
export const noRoots = () =>
  badRequest('No library roots are configured: set LIBRARY_ROOTS or give roots', undefined, 'NO_LIBRARY_ROOTS');
export const scanRunning = (jobId: number, status: string) =>
  conflict(`A scan is already ${status === 'running' ? 'running' : 'waiting to run'} (job ${jobId})`, { jobId }, 'SCAN_RUNNING');
export const scanNotFound = () => new AppError(404, 'SCAN_NOT_FOUND', 'Scan not found');

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Math.round(v * 10) / 10} ${units[u]}`;
}
