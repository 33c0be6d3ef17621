// The library: one row per video file. Publication and lock state live here too, so the
// gallery, engagement, sharing and chat all refer to the same id (SPEC §2).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../users/users.table.js';

export const DIRECTORY_TYPES = [
  'studios',
  'gifs',
  'private',
  'inbox',
  'curated',
  'playback',
  'compilations',
  'videos',
  'highlights',
] as const;
export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

export const ORIENTATIONS = ['landscape', 'portrait', 'square'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const videoCategories = pgTable(
  'video_categories',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('video_categories_slug_uq').on(t.slug), index('video_categories_sort_idx').on(t.sortOrder)],
);

export const videos = pgTable(
  'videos',
  {
    id: serial('id').primaryKey(),
    path: text('path').notNull(),
    filename: text('filename').notNull(),
    title: text('title'),
    description: text('description'),
    producer: text('producer'),
    creator: text('creator'),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    durationSeconds: doublePrecision('duration_seconds'),
    quality: text('quality'),
    orientation: text('orientation').$type<Orientation>(),
    hasAudio: boolean('has_audio').notNull().default(false),
    fileSize: bigint('file_size', { mode: 'number' }),
    fileMtimeMs: bigint('file_mtime_ms', { mode: 'number' }),
    // Two-stage de-duplication (seed 003): a cheap partial hash of head+tail narrows the
    // candidates, the full content hash confirms; phash finds re-encodes.
    partialHash: text('partial_hash'),
    fileHash: text('file_hash'),
    phash: text('phash'),
    width: integer('width'),
    height: integer('height'),
    videoCodec: text('video_codec'),
    audioCodec: text('audio_codec'),
    container: text('container'),
    bitrate: integer('bitrate'),
    fps: doublePrecision('fps'),
    isValid: boolean('is_valid').notNull().default(true),
    invalidReason: text('invalid_reason'),
    lastValidated: timestamp('last_validated', { withTimezone: true }),
    thumbnailPath: text('thumbnail_path'),
    captionPath: text('caption_path'),
    hlsPath: text('hls_path'),
    streamPath: text('stream_path'),
    directoryType: text('directory_type').$type<DirectoryType>(),
    originalFilename: text('original_filename'),
    originalPath: text('original_path'),
    standardizedAt: timestamp('standardized_at', { withTimezone: true }),
    // Publication (gallery)
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    categoryId: integer('category_id').references(() => videoCategories.id, { onDelete: 'set null' }),
    isHero: boolean('is_hero').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedReason: text('locked_reason'),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('videos_path_uq').on(t.path),
    index('videos_fingerprint_idx').on(t.fileSize, t.partialHash),
    index('videos_file_hash_idx').on(t.fileHash),
    index('videos_directory_valid_orientation_idx').on(t.directoryType, t.isValid, t.orientation),
    index('videos_created_idx').on(t.createdAt, t.id),
    index('videos_title_trgm_idx').using('gin', sql`lower(coalesce(${t.title}, '') || ' ' || ${t.filename}) gin_trgm_ops`),
  ],
);

export type VideoRow = typeof videos.$inferSelect;
export type NewVideoRow = typeof videos.$inferInsert;

/**
 * Folders that were scanned from the CLI or the API besides LIBRARY_ROOTS. Media is only
 * ever served from under a known root (or the data dir), so `reel scan ~/Videos` records it.
 */
export const libraryRoots = pgTable('library_roots', {
  path: text('path').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastScannedAt: timestamp('last_scanned_at', { withTimezone: true }),
});
