// Request/response schemas for both kinds of reactions. Reaction types are checked against
// the configured catalogue in the use cases (the catalogue is configuration, not code), so
// here a type is any short string and an unknown one gets seed 003's "Invalid reaction type".
import { z } from 'zod';
import { idParam, limitQuery } from '../../http/schemas.js';

const reactionTypeField = (name: string) =>
  z.string({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a string`) }).max(50, 'Invalid reaction type');

const requiredId = (name: string) =>
  z.number({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a positive integer`) })
    .int(`${name} must be a positive integer`)
    .positive(`${name} must be a positive integer`)
    .max(2_147_483_647, `${name} is out of range`);

export const reactionCounts = z.record(z.string(), z.number().int());

// ── toggle reactions (seed 001, snake_case bodies) ──────────────────────────────────────
export const toggleBody = z.object({ video_id: requiredId('video_id'), type: reactionTypeField('type') });
export const toggleResponse = z.object({
  action: z.enum(['added', 'changed', 'removed']),
  type: z.string().optional(),
  reaction_counts: reactionCounts,
});
export const toggleQuery = z.object({ video_id: idParam('video_id') });
export const toggleStateResponse = z.object({ reaction_counts: reactionCounts, user_reaction: z.string().nullable() });

// ── moment reactions (seed 003, camelCase) ──────────────────────────────────────────────
export const momentBody = z.object({
  mediaId: requiredId('mediaId'),
  reactionType: reactionTypeField('reactionType'),
  videoTimestamp: z
    .number({ error: (i) => (i.input === undefined ? 'videoTimestamp is required' : 'videoTimestamp must be a number of seconds') })
    .min(0, 'videoTimestamp must be 0 or more')
    .max(1_000_000_000, 'videoTimestamp is out of range'),
});

export const momentSchema = z
  .object({
    id: z.number().int(),
    mediaId: z.number().int(),
    userId: z.number().int(),
    reactionType: z.string(),
    videoTimestamp: z.number().int(),
    emoji: z.string(),
    formattedTime: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'MomentReaction' });

export const momentCreatedResponse = z.object({ success: z.literal(true), reaction: momentSchema });

export const momentListQuery = z.object({
  mediaId: idParam('mediaId').optional(),
  userId: idParam('userId').optional(),
  limit: limitQuery(50, 200),
  // With mediaId, reactions come in timeline order; from/to narrow to a stretch of it.
  from: z.coerce.number().min(0, 'from must be 0 or more').max(1_000_000_000).optional(),
  to: z.coerce.number().min(0, 'to must be 0 or more').max(1_000_000_000).optional(),
});
export const momentListResponse = z.object({ reactions: z.array(momentSchema) });

export const catalogueResponse = z.object({
  reactions: z.array(z.object({ type: z.string(), emoji: z.string(), label: z.string() })),
});

export const heatmapQuery = z.object({
  mediaId: idParam('mediaId'),
  buckets: z.coerce.number().int('buckets must be an integer').min(1, 'buckets must be between 1 and 1000').max(1000, 'buckets must be between 1 and 1000').default(100),
});

export const heatmapSchema = z
  .object({
    mediaId: z.number().int(),
    durationSeconds: z.number(),
    bucketCount: z.number().int(),
    bucketSeconds: z.number(),
    total: z.number().int(),
    maxBucketTotal: z.number().int(),
    totals: reactionCounts,
    buckets: z.array(
      z.object({ index: z.number().int(), start: z.number(), end: z.number(), total: z.number().int(), counts: reactionCounts }),
    ),
  })
  .meta({ id: 'ReactionHeatmap' });
