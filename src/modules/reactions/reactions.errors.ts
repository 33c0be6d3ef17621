import { badRequest } from '../../shared/errors.js';
import { videoNotFound } from '../library/library.access.js';
import type { VideoRow } from '../library/library.table.js';
import { gateError } from '../engagement/engagement.errors.js';

// Seed 003's wording, kept word for word.
export const invalidReactionType = (allowed: readonly string[]) =>
  badRequest('Invalid reaction type', { allowed }, 'INVALID_REACTION_TYPE');

export const timestampOutsideVideo = (durationSeconds: number) =>
  badRequest(`videoTimestamp must be between 0 and the video's duration (${durationSeconds} s)`, { durationSeconds }, 'TIMESTAMP_OUT_OF_RANGE');

/**
 * Seed 003's rule for reacting to (or reading the reactions of) a video: an unknown id is
 * "Video not found", then SPEC's public rule (admins see all); the error, or nothing.
 */
export function reactableError(video: Pick<VideoRow, 'published' | 'locked'> | undefined, admin: boolean): Error | undefined {
  return video ? gateError(video, { admin }) : videoNotFound();
}
