// Request/response schemas of the public gallery (seed 003) and categories (seed 002).
import { z } from 'zod';
import { limitQuery, offsetQuery } from '../../http/schemas.js';
import { sessionIdSchema } from '../../shared/session-id.js';
import { ORIENTATIONS } from '../library/library.table.js';
import { GALLERY_SORTS } from './gallery.cursor.js';

export const listQuery = z.object({
  category: z.string().trim().min(1).max(100, 'category must be at most 100 characters').optional(),
  orientation: z.enum(ORIENTATIONS, { error: `orientation must be one of ${ORIENTATIONS.join(', ')}` }).optional(),
  search: z.string().max(200, 'search must be at most 200 characters').optional(),
  sort: z.enum(GALLERY_SORTS, { error: `sort must be one of ${GALLERY_SORTS.join(', ')}` }).default('recent'),
  limit: limitQuery(24, 100),
  offset: offsetQuery,
  cursor: z.string().min(1).max(200, 'cursor is invalid').optional(),
});

export const galleryItem = z.object({
  id: z.number(),
  filename: z.string(),
  title: z.string().nullable(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  tags: z.array(z.string()),
  durationSeconds: z.number().nullable(),
  quality: z.string().nullable(),
  orientation: z.string().nullable(),
  thumbnailPath: z.string().nullable(),
  viewCount: z.number(),
  upvoteCount: z.number(),
  commentCount: z.number(),
  isLocked: z.boolean(),
  isHero: z.boolean(),
  createdAt: z.string(),
});

export const listResponse = z.object({
  videos: z.array(galleryItem),
  pagination: z.object({ total: z.number(), limit: z.number(), offset: z.number(), hasMore: z.boolean() }),
  nextCursor: z.string().nullable(),
});

export const detailsQuery = z.object({ sessionId: sessionIdSchema.optional() });

export const detailsResponse = galleryItem.extend({
  path: z.string(),
  streamUrl: z.string(),
  description: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  hasAudio: z.boolean(),
  hasHls: z.boolean(),
  fileSize: z.number().nullable(),
  finishCount: z.number(),
  totalWatchTime: z.number(),
  published: z.boolean(),
  lockedReason: z.string().nullable().optional(),
  updatedAt: z.string(),
});

export const relatedQuery = z.object({ limit: limitQuery(12, 50) });
export const relatedResponse = z.object({ videos: z.array(galleryItem) });

export const browseQuery = z.object({ perRow: limitQuery(12, 50) });
export const browseResponse = z.object({
  hero: galleryItem.nullable(),
  rows: z.array(z.object({ category: z.object({ id: z.number(), name: z.string(), slug: z.string() }), videos: z.array(galleryItem) })),
});

export const lockBody = z.object({ reason: z.string().trim().max(500, 'reason must be at most 500 characters').optional() }).default({});
export const lockResponse = z.object({
  success: z.boolean(),
  id: z.number(),
  isLocked: z.boolean(),
  lockedAt: z.string().nullable(),
  lockedReason: z.string().nullable(),
});

const slugSchema = z
  .string()
  .trim()
  .min(1, 'slug is required')
  .max(80, 'slug must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single hyphens');

export const categoryBody = z.object({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(100, 'name must be at most 100 characters'),
  slug: slugSchema.optional(),
  sortOrder: z.number({ error: 'sortOrder must be an integer' }).int('sortOrder must be an integer').min(-1_000_000).max(1_000_000).optional(),
  isActive: z.boolean({ error: 'isActive must be a boolean' }).optional(),
});
export const categoryPatch = categoryBody.partial();
export const categoriesQuery = z.object({ all: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional() });

export const categorySchema = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  sortOrder: z.number(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const categoriesResponse = z.object({ categories: z.array(categorySchema) });
