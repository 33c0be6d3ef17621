// Request and response shapes for share tracking (seed 004 fixes `video_id`, `alreadyShared`, `lastSharedAt`).
import { z } from 'zod';
import { idParam, limitQuery } from '../../http/schemas.js';
import { SHARE_MODES } from './sharing.usecases.js';

export const shareParams = z.object({ id: idParam('id') });

export const shareBody = z.object({
  platforms: z
    .array(z.string({ error: 'platforms must be a list of platform names' }).max(64, 'platform names are at most 64 characters'), {
      error: 'platforms must be a list of platform names',
    })
    .min(1, 'platforms must name at least one platform')
    .max(20, 'platforms may name at most 20 platforms'),
  mode: z.enum(SHARE_MODES, { error: 'mode must be "track_only" or "server_post"' }).default('track_only'),
});

export const shareResponse = z
  .object({
    video_id: z.number(),
    results: z.array(z.object({ platform: z.string(), status: z.literal('success'), alreadyShared: z.boolean() })),
  })
  .meta({ id: 'ShareResult' });

export const shareStatusResponse = z
  .object({
    video_id: z.number(),
    platforms: z.array(
      z.object({
        platform: z.string(),
        shared: z.boolean(),
        lastSharedAt: z.string().optional(),
        shareCount: z.number(),
        sharedByMe: z.boolean().optional(),
      }),
    ),
  })
  .meta({ id: 'ShareStatus' });

export const platformsQuery = z.object({ videoId: idParam('videoId').optional() });

export const platformsResponse = z
  .object({
    video_id: z.number().optional(),
    watchUrl: z.string().optional(),
    title: z.string().optional(),
    platforms: z.array(z.object({ platform: z.string(), label: z.string(), shareUrl: z.string().nullable() })),
  })
  .meta({ id: 'SharePlatforms' });

export const auditQuery = z.object({ limit: limitQuery(100, 500) });

export const auditResponse = z
  .object({
    video_id: z.number(),
    entries: z.array(
      z.object({
        id: z.number(),
        record_id: z.number().nullable(),
        platform: z.string(),
        user_id: z.number(),
        mode: z.string(),
        status: z.string(),
        alreadyShared: z.boolean(),
        error_message: z.string().nullable(),
        created_at: z.string(),
      }),
    ),
  })
  .meta({ id: 'ShareAudit' });
