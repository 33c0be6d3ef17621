// Opaque keyset cursors for the gallery: the sort keys of the last row of a page plus a
// fingerprint of the filters, base64url-encoded. A cursor from another sort or filter set
// is refused rather than silently giving a wrong page.
import { createHash } from 'node:crypto';
import { badRequest } from '../../shared/errors.js';

export const GALLERY_SORTS = ['recent', 'popular', 'most_viewed'] as const;
export type GallerySort = (typeof GALLERY_SORTS)[number];

/** The last row's keys: [count (absent for recent), createdAt (µs since epoch as a string), id]. */
export type CursorKeys = { count?: number; createdAt: string; id: number };

export type GalleryFilters = { category?: string; orientation?: string; search?: string; sort: GallerySort };

const fingerprint = (f: GalleryFilters) =>
  createHash('sha1')
    .update(JSON.stringify([f.sort, f.category ?? '', f.orientation ?? '', f.search?.trim().toLowerCase() ?? '']))
    .digest('base64url')
    .slice(0, 8);

export function encodeCursor(filters: GalleryFilters, keys: CursorKeys): string {
  const body = [fingerprint(filters), keys.count ?? '', keys.createdAt, keys.id].join('.');
  return Buffer.from(body, 'utf8').toString('base64url');
}

export const invalidCursor = () => badRequest('cursor is invalid or belongs to another sort or filter', undefined, 'INVALID_CURSOR');

export function decodeCursor(filters: GalleryFilters, cursor: string): CursorKeys {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (parts.length !== 4 || parts[0] !== fingerprint(filters)) throw invalidCursor();
  const [, count, createdAt, id] = parts as [string, string, string, string];
  const needsCount = filters.sort !== 'recent';
  if (needsCount !== (count !== '')) throw invalidCursor();
  if (!/^\d{1,20}$/.test(createdAt) || !/^\d{1,10}$/.test(id) || (count && !/^\d{1,18}$/.test(count))) throw invalidCursor();
  return { count: count ? Number(count) : undefined, createdAt, id: Number(id) };
}
