// Gallery reads. Pages are walked on video_stats' partial indexes (listed = published and
// not locked, kept by the videos_sync_stats trigger), joined to videos only for the page's
// rows; a keyset cursor makes page 2,000 as cheap as page 1.
import { sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { preparedQuery } from '../../db/prepared-query.js';
import type { CursorKeys, GallerySort } from './gallery.cursor.js';

/** A details row; list queries fill only the card's columns (see LIST_COLUMNS). */
export type GalleryRow = {
  id: number;
  filename: string;
  title: string | null;
  path: string;
  description: string | null;
  tags: string[];
  category: string | null;
  category_name: string | null;
  category_id: number | null;
  duration_seconds: number | null;
  quality: string | null;
  orientation: string | null;
  width: number | null;
  height: number | null;
  has_audio: boolean;
  has_thumbnail: boolean;
  has_hls: boolean;
  file_size: number | string | null;
  view_count: number | string;
  upvote_count: number | string;
  comment_count: number | string;
  finish_count: number | string;
  total_watch_seconds: number | string;
  published: boolean;
  locked: boolean;
  locked_reason: string | null;
  is_hero: boolean;
  created_at: string | Date;
  updated_at: string | Date;
  created_us: string;
};

export type ListQuery = {
  sort: GallerySort;
  categoryId?: number;
  orientation?: string;
  search?: string;
  limit: number;
  offset: number;
  after?: CursorKeys;
};

const COLUMNS = sql`s.video_id as id, v.filename, v.title, v.path, v.description, v.tags, c.slug as category, c.name as category_name,
  s.category_id, v.duration_seconds, v.quality, v.orientation, v.width, v.height, v.has_audio,
  v.thumbnail_path is not null as has_thumbnail, v.hls_path is not null as has_hls, v.file_size,
  s.view_count, s.upvote_count, s.comment_count, s.finish_count, s.total_watch_seconds,
  v.published, v.locked, v.locked_reason, v.is_hero, v.created_at, v.updated_at,
  ((extract(epoch from s.created_at) * 1000000)::bigint)::text as created_us`;

/** What a gallery card shows (and the cursor needs): fewer columns than details, for list pages. */
const LIST_COLUMNS = sql`s.video_id as id, v.filename, v.title, v.tags, c.slug as category, c.name as category_name,
  v.duration_seconds, v.quality, v.orientation, v.thumbnail_path is not null as has_thumbnail,
  s.view_count, s.upvote_count, s.comment_count, v.locked, v.is_hero, v.created_at,
  ((extract(epoch from s.created_at) * 1000000)::bigint)::text as created_us`;

const FROM = sql`video_stats s join videos v on v.id = s.video_id left join video_categories c on c.id = s.category_id`;

const searchText = sql`lower(coalesce(v.title, '') || ' ' || v.filename)`;

// One transposed letter in a 7-9 letter word still shares about half its trigrams.
const TYPO_SIMILARITY = 0.45;

/** Full text over title, filename and tags, plus trigram word similarity for typos. */
function searchCondition(q: string): SQL {
  const needle = q.trim().toLowerCase();
  const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(
    to_tsvector('simple', coalesce(v.title, '') || ' ' || v.filename || ' ' || v.tags::text) @@ plainto_tsquery('simple', ${needle})
    or ${searchText} like ${like}
    or word_similarity(${needle}, ${searchText}) >= ${TYPO_SIMILARITY}
    or word_similarity(${needle}, lower(v.tags::text)) >= ${TYPO_SIMILARITY}
  )`;
}

const microsToTs = (us: string) => sql`(timestamptz 'epoch' + (${us} || ' microseconds')::interval)`;

function orderKeys(sort: GallerySort): { order: SQL; keyset(after: CursorKeys): SQL } {
  const count = sort === 'popular' ? sql`s.upvote_count` : sort === 'most_viewed' ? sql`s.view_count` : undefined;
  if (!count) {
    return {
      order: sql`s.created_at desc nulls last, s.video_id desc nulls last`,
      keyset: (a) => sql`(s.created_at, s.video_id) < (${microsToTs(a.createdAt)}, ${a.id})`,
    };
  }
  return {
    order: sql`${count} desc nulls last, s.created_at desc nulls last, s.video_id desc nulls last`,
    keyset: (a) => sql`(${count}, s.created_at, s.video_id) < (${a.count ?? 0}, ${microsToTs(a.createdAt)}, ${a.id})`,
  };
}

function where(f: Omit<ListQuery, 'limit' | 'offset' | 'sort'>): SQL {
  const parts: SQL[] = [sql`s.listed`];
  if (f.categoryId !== undefined) parts.push(sql`s.category_id = ${f.categoryId}`);
  if (f.orientation) parts.push(sql`s.orientation = ${f.orientation}`);
  if (f.search?.trim()) parts.push(searchCondition(f.search));
  return sql.join(parts, sql` and `);
}

/**
 * The SQL of one gallery page. A keyset page reads its rows straight off the sort's index
 * on video_stats, with the counters the card shows, and joins only those rows to videos. An
 * offset page skips its offset on the index alone (the ids only, an index-only scan) and
 * joins video_stats again for the rows it keeps. LIMIT is inlined (a validated small
 * integer) and a keyset page has no OFFSET, so a cached generic plan (these statements are
 * prepared) still walks the index.
 */
export function pageQuery(f: ListQuery): SQL {
  const keys = orderKeys(f.sort);
  const join = f.search?.trim() ? sql`join videos v on v.id = s.video_id` : sql``;
  const limit = sql.raw(String(Math.trunc(f.limit)));
  if (f.after) {
    return sql`select ${LIST_COLUMNS} from (
        select s.video_id, s.view_count, s.upvote_count, s.comment_count, s.created_at, s.category_id
        from video_stats s ${join} where ${where(f)} and ${keys.keyset(f.after)} order by ${keys.order} limit ${limit}
      ) s
      join videos v on v.id = s.video_id left join video_categories c on c.id = s.category_id
      order by ${keys.order}`;
  }
  return sql`select ${LIST_COLUMNS} from (
      select s.video_id from video_stats s ${join} where ${where(f)} order by ${keys.order} limit ${limit} offset ${f.offset}
    ) page
    join ${FROM} on s.video_id = page.video_id
    order by ${keys.order}`;
}

/** The details rows of these videos (the engagement writer reads them inside its batch read). */
export const detailsManyQuery = (ids: number[]): SQL => sql`select ${COLUMNS} from ${FROM} where s.video_id = any(${`{${ids.join(',')}}`}::int[])`;

export function createGalleryRepository(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>) {
  const q = <T>(query: SQL, tx?: DbOrTx) => database.query<T>(query, tx);
  const prepared = preparedQuery(database);

  return {
    /**
     * One page in the sort's order; `after` (keyset) takes precedence over offset. Prepared
     * but for searches, whose best plan depends on the search text.
     */
    listPage: (f: ListQuery) => (f.search?.trim() ? q : prepared)<GalleryRow>(pageQuery(f)),

    async count(f: Omit<ListQuery, 'limit' | 'offset' | 'sort'>): Promise<number> {
      const join = f.search?.trim() ? sql`join videos v on v.id = s.video_id` : sql``;
      const [row] = await q<{ n: string | number }>(sql`select count(*) as n from video_stats s ${join} where ${where(f)}`);
      return Number(row?.n ?? 0);
    },

    async details(id: number, tx?: DbOrTx): Promise<GalleryRow | undefined> {
      const [row] = await q<GalleryRow>(sql`select ${COLUMNS} from ${FROM} where s.video_id = ${id}`, tx);
      return row;
    },

    async detailsMany(ids: number[], tx?: DbOrTx): Promise<GalleryRow[]> {
      return q<GalleryRow>(detailsManyQuery(ids), tx);
    },

    async related(video: { id: number; categoryId: number | null; tags: string[] }, limit: number): Promise<GalleryRow[]> {
      const tags = `{${video.tags.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
      // Candidates come from two bounded index walks (same category by views, shared tags),
      // then are ranked by shared tags, same category, views.
      return q<GalleryRow>(
        sql`with cand as (
              (select s.video_id from video_stats s where s.listed and s.category_id = ${video.categoryId} and s.video_id <> ${video.id}
               order by s.category_id, s.view_count desc nulls last, s.created_at desc nulls last, s.video_id desc nulls last limit 200)
              union
              (select v.id from videos v join video_stats s on s.video_id = v.id
               where s.listed and v.id <> ${video.id} and cardinality(${tags}::text[]) > 0 and v.tags ?| ${tags}::text[] limit 200)
            )
            select ${LIST_COLUMNS} from ${FROM} join cand on cand.video_id = s.video_id
            order by (select count(*) from jsonb_array_elements_text(v.tags) t where t = any(${tags}::text[])) desc,
                     (s.category_id is not distinct from ${video.categoryId}) desc, s.view_count desc, s.video_id desc
            limit ${limit}`,
      );
    },

    async hero(): Promise<GalleryRow | undefined> {
      const [row] = await q<GalleryRow>(
        sql`select ${COLUMNS} from ${FROM} where s.listed and s.is_hero order by s.created_at desc nulls last, s.video_id desc nulls last limit 1`,
      );
      if (row) return row;
      const [top] = await q<GalleryRow>(
        sql`select ${COLUMNS} from ${FROM} where s.listed order by s.view_count desc nulls last, s.created_at desc nulls last, s.video_id desc nulls last limit 1`,
      );
      return top;
    },

    /** Active categories in sort order, each with its most viewed listed videos. */
    async browseRows(perRow: number): Promise<Array<GalleryRow & { row_category_id: number; row_name: string; row_slug: string; row_sort: number }>> {
      return q(
        sql`select c2.id as row_category_id, c2.name as row_name, c2.slug as row_slug, c2.sort_order as row_sort, x.*
            from video_categories c2
            left join lateral (
              select ${LIST_COLUMNS} from ${FROM}
              where s.listed and s.category_id = c2.id
              order by s.category_id, s.view_count desc nulls last, s.created_at desc nulls last, s.video_id desc nulls last
              limit ${perRow}
            ) x on true
            where c2.is_active
            order by c2.sort_order, c2.id, x.view_count desc nulls last, x.created_at desc, x.id desc`,
      );
    },

    async setLock(id: number, locked: boolean, reason: string | null, at: Date) {
      const [row] = await q<{ id: number; locked: boolean; locked_at: string | Date | null; locked_reason: string | null }>(
        sql`update videos set locked = ${locked}, locked_at = ${locked ? at.toISOString() : null}::timestamptz,
              locked_reason = ${locked ? reason : null}, updated_at = now()
            where id = ${id} returning id, locked, locked_at, locked_reason`,
      );
      return row;
    },
  };
}

export type GalleryRepository = ReturnType<typeof createGalleryRepository>;
