// The public gallery: listing (filters, sorts, offset or keyset cursor), details (which
// counts a view through the engagement writer), related videos, browse rows, categories,
// lock/unlock. Visibility follows library.access for every read.
import { mediaUrls } from '../library/library.media-urls.js';
import type { AppContext } from '../../app/context.js';
import { assertPublic, mediaNotFound, type Viewer } from '../library/library.access.js';
import type { VideoRow } from '../library/library.table.js';
import { createEngagementUseCases } from '../engagement/engagement.usecases.js';
import { conflict, notFound } from '../../shared/errors.js';
import { createGalleryRepository, type GalleryRow } from './gallery.repository.js';
import { createCategoriesRepository, type CategoryInput, type CategoryRow } from './categories.repository.js';
import { decodeCursor, encodeCursor, type GalleryFilters, type GallerySort } from './gallery.cursor.js';
import { createTotalsCache } from './gallery.totals.js';

type Deps = Parameters<typeof createEngagementUseCases>[0] & Pick<AppContext, 'clock'>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (v: string | Date) => new Date(v).toISOString();

export function toGalleryItem(r: GalleryRow) {
  return {
    id: r.id,
    filename: r.filename,
    title: r.title,
    category: r.category,
    categoryName: r.category_name,
    tags: Array.isArray(r.tags) ? r.tags : [],
    durationSeconds: num(r.duration_seconds),
    quality: r.quality,
    orientation: r.orientation,
    thumbnailPath: r.has_thumbnail ? mediaUrls.thumbnail(r.id) : null,
    viewCount: Number(r.view_count),
    upvoteCount: Number(r.upvote_count),
    commentCount: Number(r.comment_count),
    isLocked: r.locked,
    isHero: r.is_hero,
    createdAt: iso(r.created_at),
  };
}

export const toCategory = (c: CategoryRow) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  sortOrder: c.sortOrder,
  isActive: c.isActive,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'category';

const categoryNotFound = () => notFound('Category not found', 'CATEGORY_NOT_FOUND');
const slugTaken = (slug: string) => conflict(`A category with slug "${slug}" already exists`, undefined, 'CATEGORY_SLUG_TAKEN');

export type ListInput = GalleryFilters & { limit: number; offset: number; cursor?: string };

export function createGalleryUseCases(ctx: Deps) {
  const repo = createGalleryRepository(ctx.database);
  const categories = createCategoriesRepository(ctx.database);
  const engagement = createEngagementUseCases(ctx);
  const totals = createTotalsCache();

  /** Throws the seed's errors unless the row is visible to this viewer. */
  const visible = (row: GalleryRow | undefined, viewer: Viewer) =>
    assertPublic(row && ({ published: row.published, locked: row.locked } as VideoRow), viewer) && row!;

  return {
    async list(input: ListInput) {
      const filters: GalleryFilters = { sort: input.sort, category: input.category, orientation: input.orientation, search: input.search };
      const after = input.cursor ? decodeCursor(filters, input.cursor) : undefined;
      let categoryId: number | undefined;
      if (input.category) {
        const category = await categories.findBySlug(input.category);
        if (!category) return { videos: [], pagination: { total: 0, limit: input.limit, offset: input.offset, hasMore: false }, nextCursor: null };
        categoryId = category.id;
      }
      const query = { sort: input.sort, categoryId, orientation: input.orientation, search: input.search, offset: input.offset, after };
      // The total does not depend on the sort or the page: one count serves them all.
      const totalKey = JSON.stringify([categoryId ?? null, input.orientation ?? null, input.search?.trim().toLowerCase() ?? null]);
      const [rows, total] = await Promise.all([
        repo.listPage({ ...query, limit: input.limit + 1 }),
        totals.total(totalKey, after !== undefined, () => repo.count(query)),
      ]);
      const more = rows.length > input.limit;
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        videos: page.map(toGalleryItem),
        pagination: { total, limit: input.limit, offset: input.offset, hasMore: after ? more : input.offset + page.length < total },
        nextCursor: more && last ? encodeCursor(filters, cursorKeys(input.sort, last)) : null,
      };
    },

    /** Details of a public video; counts a view for `viewerKey` and returns the counters after it. */
    async details(id: number, viewerKey: string, viewer: Viewer) {
      // The visibility check, the read and the view all happen in the writer's batch.
      const { row, counts } = await engagement.recordView(id, viewerKey, viewer?.role === 'admin');
      return {
        ...toGalleryItem(row),
        ...counts,
        path: mediaUrls.stream(id),
        streamUrl: mediaUrls.stream(id),
        description: row.description,
        width: row.width,
        height: row.height,
        hasAudio: row.has_audio,
        hasHls: row.has_hls,
        fileSize: num(row.file_size),
        published: row.published,
        ...(viewer?.role === 'admin' ? { lockedReason: row.locked_reason } : {}),
        updatedAt: iso(row.updated_at),
      };
    },

    async related(id: number, limit: number, viewer: Viewer) {
      const row = visible(await repo.details(id), viewer);
      const rows = await repo.related({ id, categoryId: row.category_id, tags: Array.isArray(row.tags) ? row.tags : [] }, limit);
      return { videos: rows.map(toGalleryItem) };
    },

    async browse(perRow: number) {
      const [hero, rows] = await Promise.all([repo.hero(), repo.browseRows(perRow)]);
      const byCategory = new Map<number, { category: { id: number; name: string; slug: string }; videos: ReturnType<typeof toGalleryItem>[] }>();
      for (const r of rows) {
        let entry = byCategory.get(r.row_category_id);
        if (!entry) byCategory.set(r.row_category_id, (entry = { category: { id: r.row_category_id, name: r.row_name, slug: r.row_slug }, videos: [] }));
        if (r.id !== null) entry.videos.push(toGalleryItem(r));
      }
      return { hero: hero ? toGalleryItem(hero) : null, rows: [...byCategory.values()] };
    },

    async setLock(id: number, locked: boolean, reason?: string) {
      const row = await repo.setLock(id, locked, reason?.trim() || null, ctx.clock.now());
      if (!row) throw mediaNotFound();
      return {
        success: true,
        id: row.id,
        isLocked: row.locked,
        lockedAt: row.locked_at ? iso(row.locked_at) : null,
        lockedReason: row.locked_reason,
      };
    },

    categories: {
      list: async (all: boolean) => (await categories.list(!all)).map(toCategory),
      async create(input: { name: string; slug?: string; sortOrder?: number; isActive?: boolean }) {
        const slug = input.slug ?? slugify(input.name);
        const row = await categories.insert({ ...input, slug });
        if (!row) throw slugTaken(slug);
        return toCategory(row);
      },
      async update(id: number, patch: Partial<CategoryInput>) {
        const row = await categories.update(id, patch);
        if (row === 'conflict') throw slugTaken(patch.slug ?? '');
        if (!row) throw categoryNotFound();
        return toCategory(row);
      },
      async remove(id: number) {
        if (!(await categories.remove(id))) throw categoryNotFound();
      },
    },
  };
}

function cursorKeys(sort: GallerySort, r: GalleryRow) {
  const count = sort === 'popular' ? Number(r.upvote_count) : sort === 'most_viewed' ? Number(r.view_count) : undefined;
  return { count, createdAt: r.created_us, id: r.id };
}
