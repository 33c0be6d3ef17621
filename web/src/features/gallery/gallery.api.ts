// Public gallery reads: list (offset or keyset cursor), categories, browse rows.
import { get } from '../../api/client';
import type { BrowseResponse, CategoriesResponse, Category, GallerySort, PublicList } from '../../api/types';

export type GalleryQuery = { category?: string; sort: GallerySort; search?: string; limit?: number };

export function fetchGalleryPage(q: GalleryQuery, cursor: string | undefined, offset: number, signal?: AbortSignal) {
  return get<PublicList>(
    '/api/media/public',
    { category: q.category, sort: q.sort, search: q.search, limit: q.limit ?? 24, ...(cursor ? { cursor } : { offset }) },
    { signal },
  );
}

/** The cursor for the page after `page`, wherever the server put it. */
export function nextCursorOf(page: PublicList): string | undefined {
  return page.nextCursor ?? undefined;
}

export async function fetchCategories(signal?: AbortSignal): Promise<Category[]> {
  const res = await get<CategoriesResponse>('/api/categories', undefined, { signal });
  return res.categories;
}

export const fetchBrowse = (signal?: AbortSignal) => get<BrowseResponse>('/api/media/browse', undefined, { signal });
