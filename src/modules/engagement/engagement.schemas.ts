// Request/response schemas of the engagement routes (seed 003 gallery writes, seed 001 progress).
import { z } from 'zod';
import { sessionIdSchema } from '../../shared/session-id.js';

const finiteNumber = (name: string, max: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a number`) })
    .min(0, `${name} must be 0 or more`)
    .max(max, `${name} must be at most ${max}`);

const progressInt = (name: string) =>
  z
    .number({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a number`) })
    .int(`${name} must be an integer`)
    .min(0, `${name} must be 0 or more`)
    .max(10_000_000, `${name} must be at most 10000000`);

export const sessionBody = z.object({ sessionId: sessionIdSchema });
export const sessionQuery = z.object({ sessionId: sessionIdSchema });

export const watchTimeBody = z.object({
  sessionId: sessionIdSchema,
  seconds: finiteNumber('seconds', 86_400),
  position: finiteNumber('position', 10_000_000).optional(),
});

export const progressBody = z.object({
  watched_seconds: progressInt('watched_seconds'),
  duration_seconds: progressInt('duration_seconds'),
  last_position: progressInt('last_position'),
  completed: z.boolean({ error: 'completed must be a boolean' }).optional(),
});

export const upvoteResponse = z.object({ success: z.boolean(), upvoted: z.boolean(), upvoteCount: z.number() });
export const finishResponse = z.object({ success: z.boolean(), counted: z.boolean(), finishCount: z.number() });
export const watchTimeResponse = z.object({ success: z.boolean(), creditedSeconds: z.number(), totalWatchTime: z.number() });
export const progressResponse = z.object({
  watched_seconds: z.number(),
  last_position: z.number(),
  completed: z.boolean(),
  duration_seconds: z.number(),
});

export const continueWatchingQuery = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(20),
});
export const continueWatchingResponse = z.object({
  items: z.array(
    progressResponse.omit({ completed: true }).extend({
      updated_at: z.string(),
      video: z.object({
        id: z.number(),
        title: z.string(),
        filename: z.string(),
        durationSeconds: z.number().nullable(),
        thumbnailUrl: z.string().nullable(),
      }),
    }),
  ),
});

export const statsQuery = z.object({
  days: z.coerce.number().int().min(1, 'days must be between 1 and 366').max(366, 'days must be between 1 and 366').default(30),
});

const countsSchema = z.object({
  viewCount: z.number(),
  upvoteCount: z.number(),
  commentCount: z.number(),
  finishCount: z.number(),
  totalWatchTime: z.number(),
});

export const statsResponse = z.object({
  videoId: z.number(),
  durationSeconds: z.number().nullable(),
  totals: countsSchema,
  finishRate: z.number(),
  daily: z.array(z.object({ day: z.string(), views: z.number(), watchSeconds: z.number(), finishes: z.number(), upvotes: z.number() })),
  retention: z.object({
    sessions: z.number(),
    points: z.array(z.object({ point: z.number(), second: z.number().nullable(), viewers: z.number(), share: z.number() })),
  }),
  heatmap: z.unknown().optional(),
});
