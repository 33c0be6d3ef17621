import { badRequest } from '../../shared/errors.js';

// Seed 003's wording, kept word for word.
export const invalidReactionType = (allowed: readonly string[]) =>
  badRequest('Invalid reaction type', { allowed }, 'INVALID_REACTION_TYPE');

export const timestampOutsideVideo = (durationSeconds: number) =>
  badRequest(`videoTimestamp must be between 0 and the video's duration (${durationSeconds} s)`, { durationSeconds }, 'TIMESTAMP_OUT_OF_RANGE');
