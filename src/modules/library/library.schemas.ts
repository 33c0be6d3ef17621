// Request and response shapes of the admin library API and media routes (SPEC §3).
import { mediaUrls } from './library.media-urls.js';
import { z } from 'zod';
import { idParam, limitQuery, offsetQuery, queryBool } from '../../http/schemas.js';
import { JOB_STATUSES } from '../jobs/jobs.table.js';
import { DIRECTORY_TYPES, ORIENTATIONS, type VideoRow } from './library.table.js';

const directoryType = z.enum(DIRECTORY_TYPES, { error: `directoryType must be one of ${DIRECTORY_TYPES.join(', ')}` });

export const videoSchema = z
  .object({
    id: z.number(),
    path: z.string(),
    filename: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    producer: z.string().nullable(),
    creator: z.string().nullable(),
    tags: z.array(z.string()),
    durationSeconds: z.number().nullable(),
    quality: z.string().nullable(),
    orientation: z.enum(ORIENTATIONS).nullable(),
    hasAudio: z.boolean(),
    fileSize: z.number().nullable(),
    fileHash: z.string().nullable(),
    partialHash: z.string().nullable(),
    phash: z.string().nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    videoCodec: z.string().nullable(),
    audioCodec: z.string().nullable(),
    container: z.string().nullable(),
    bitrate: z.number().nullable(),
    fps: z.number().nullable(),
    isValid: z.boolean(),
    invalidReason: z.string().nullable(),
    lastValidated: z.string().nullable(),
    directoryType: z.enum(DIRECTORY_TYPES).nullable(),
    originalFilename: z.string().nullable(),
    originalPath: z.string().nullable(),
    standardizedAt: z.string().nullable(),
    published: z.boolean(),
    publishedAt: z.string().nullable(),
    categoryId: z.number().nullable(),
    isHero: z.boolean(),
    locked: z.boolean(),
    lockedAt: z.string().nullable(),
    lockedReason: z.string().nullable(),
    uploadedBy: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    thumbnailUrl: z.string().nullable(),
    streamUrl: z.string(),
    hlsUrl: z.string().nullable(),
    captionsUrl: z.string().nullable(),
  })
  .meta({ id: 'Video' });
export type VideoDto = z.infer<typeof videoSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API shape of a row: dates as ISO strings, file-system locations of derived files as URLs. */
export function toVideoDto(v: VideoRow): VideoDto {
  return {
    id: v.id, path: v.path, filename: v.filename, title: v.title, description: v.description, producer: v.producer,
    creator: v.creator, tags: v.tags ?? [], durationSeconds: v.durationSeconds, quality: v.quality, orientation: v.orientation,
    hasAudio: v.hasAudio, fileSize: v.fileSize, fileHash: v.fileHash, partialHash: v.partialHash, phash: v.phash, width: v.width,
    height: v.height, videoCodec: v.videoCodec, audioCodec: v.audioCodec, container: v.container, bitrate: v.bitrate, fps: v.fps,
    isValid: v.isValid, invalidReason: v.invalidReason, lastValidated: iso(v.lastValidated), directoryType: v.directoryType,
    originalFilename: v.originalFilename, originalPath: v.originalPath, standardizedAt: iso(v.standardizedAt),
    published: v.published, publishedAt: iso(v.publishedAt), categoryId: v.categoryId, isHero: v.isHero, locked: v.locked,
    lockedAt: iso(v.lockedAt), lockedReason: v.lockedReason, uploadedBy: v.uploadedBy, createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    thumbnailUrl: v.thumbnailPath ? mediaUrls.thumbnail(v.id) : null,
    streamUrl: mediaUrls.stream(v.id),
    hlsUrl: v.hlsPath ? mediaUrls.hlsMaster(v.id) : null,
    captionsUrl: v.captionPath ? mediaUrls.captions(v.id) : null,
  };
}

export const listQuery = z.object({
  limit: limitQuery(50, 100),
  offset: offsetQuery,
  search: z.string().trim().max(200, 'search must be at most 200 characters').optional(),
  directoryType: directoryType.optional(),
  orientation: z.enum(ORIENTATIONS, { error: `orientation must be one of ${ORIENTATIONS.join(', ')}` }).optional(),
  isValid: queryBool.optional(),
  published: queryBool.optional(),
  locked: queryBool.optional(),
});

export const listResponse = z.object({ videos: z.array(videoSchema), total: z.number(), limit: z.number(), offset: z.number() });

const text = (name: string, max: number) => z.string().max(max, `${name} must be at most ${max} characters`).nullable().optional();

export const patchBody = z
  .object({
    title: text('title', 500),
    description: text('description', 10_000),
    producer: text('producer', 200),
    creator: text('creator', 200),
    tags: z.array(z.string().trim().min(1).max(64)).max(100, 'tags must have at most 100 entries').optional(),
    categoryId: idParam('categoryId').nullable().optional(),
    published: z.boolean().optional(),
    isHero: z.boolean().optional(),
    directoryType: directoryType.optional(),
    standardizeName: z.boolean().optional(),
  })
  .strict();
export type PatchVideoInput = z.infer<typeof patchBody>;

export const deleteQuery = z.object({ deleteFile: queryBool.optional() });

export const BULK_ACTIONS = ['lock', 'unlock', 'publish', 'unpublish', 'delete', 'move'] as const;
export const bulkBody = z
  .object({
    ids: z.array(idParam('ids')).min(1, 'ids must list at least one video').max(1000, 'ids must list at most 1000 videos'),
    action: z.enum(BULK_ACTIONS, { error: `action must be one of ${BULK_ACTIONS.join(', ')}` }),
    reason: z.string().max(500).optional(),
    directoryType: directoryType.optional(),
    standardizeName: z.boolean().optional(),
    deleteFiles: z.boolean().optional(),
  })
  .refine((b) => b.action !== 'move' || b.directoryType || b.standardizeName, { message: 'directoryType is required for move', path: ['directoryType'] });
export type BulkInput = z.infer<typeof bulkBody>;

export const bulkResponse = z.object({
  action: z.enum(BULK_ACTIONS),
  succeeded: z.array(z.number()),
  failed: z.array(z.object({ id: z.number(), error: z.string() })),
});

export const duplicatesResponse = z.object({
  exact: z.array(z.object({ fileHash: z.string(), videos: z.array(videoSchema) })),
  near: z.array(z.object({ distance: z.number(), bits: z.number(), videos: z.array(videoSchema) })),
});

export const scanBody = z.object({ roots: z.array(z.string().min(1).max(4096)).max(50).optional() }).optional();
// A scan is a `scan` job: this is a view of its row (GET /api/jobs/:id has the same data raw).
export const scanSummarySchema = z
  .object({
    roots: z.array(z.string()),
    found: z.number(),
    new: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    moved: z.number(),
    duplicates: z.number(),
    invalid: z.number(),
    vanished: z.number(),
    skipped: z.number(),
    thumbnails: z.number(),
    errors: z.number(),
    errorList: z.array(z.object({ path: z.string(), error: z.string() })),
    elapsedMs: z.number(),
  })
  .partial()
  .meta({ id: 'LibraryScanSummary' });
export const scanStatusSchema = z
  .object({
    jobId: z.number(),
    status: z.enum(JOB_STATUSES),
    roots: z.array(z.string()),
    progress: z.number().meta({ description: 'Percent, 0–100' }),
    summary: scanSummarySchema.nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'LibraryScan' });
export const scanIdParams = z.object({ scanId: idParam('scanId') });
export const scansQuery = z.object({ limit: limitQuery(20, 100), offset: offsetQuery });

export const uploadSessionBody = z.object({
  filename: z.string().min(1, 'filename is required').max(255, 'filename must be at most 255 characters'),
  size: z.number().int().positive('size must be a positive number of bytes'),
  title: z.string().max(500).optional(),
});
export const uploadSessionSchema = z
  .object({ uploadId: z.string(), filename: z.string(), size: z.number(), offset: z.number(), title: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'UploadSession' });
