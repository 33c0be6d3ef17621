// Library data access: videos and scanned roots. Drizzle only; every function takes an
// optional transaction.
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { libraryRoots, videoCategories, videos, type NewVideoRow, type VideoRow } from './library.table.js';

export type VideoListFilters = {
  search?: string;
  directoryType?: string;
  orientation?: string;
  isValid?: boolean;
  published?: boolean;
  locked?: boolean;
  limit: number;
  offset: number;
};

/** The columns a scan compares against the disk. */
export type IndexedFile = Pick<
  VideoRow,
  'id' | 'path' | 'fileSize' | 'fileMtimeMs' | 'isValid' | 'invalidReason' | 'partialHash' | 'fileHash' | 'thumbnailPath' | 'durationSeconds'
>;

const indexedColumns = {
  id: videos.id,
  path: videos.path,
  fileSize: videos.fileSize,
  fileMtimeMs: videos.fileMtimeMs,
  isValid: videos.isValid,
  invalidReason: videos.invalidReason,
  partialHash: videos.partialHash,
  fileHash: videos.fileHash,
  thumbnailPath: videos.thumbnailPath,
  durationSeconds: videos.durationSeconds,
};

/**
 * `id = any(array)` with the ids as ONE parameter: a list of parameters stops at 65,535,
 * which a large library's scan reaches.
 */
export const anyId = (ids: number[], column: SQL | typeof videos.id = videos.id): SQL =>
  sql`${column} = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createLibraryRepository(database: Pick<Database, 'db' | 'query'>) {
  const q = (tx?: DbOrTx) => tx ?? database.db;
  const under = (roots: string[]): SQL | undefined => or(...roots.map((r) => like(videos.path, `${escapeLike(r.endsWith('/') ? r : r + '/')}%`)));

  return {
    /** In pages by id: on PGlite one huge result would hold its one engine, and every request, for its duration. */
    async listIndexedUnder(roots: string[], tx?: DbOrTx): Promise<IndexedFile[]> {
      if (!roots.length) return [];
      const all: IndexedFile[] = [];
      for (let after = 0; ; ) {
        const page = await q(tx).select(indexedColumns).from(videos).where(and(under(roots), gt(videos.id, after))).orderBy(asc(videos.id)).limit(5000);
        all.push(...page);
        if (page.length < 5000) return all;
        after = page[page.length - 1]!.id;
      }
    },

    async byFingerprints(prints: Array<{ size: number; partialHash: string }>, tx?: DbOrTx): Promise<IndexedFile[]> {
      if (!prints.length) return [];
      const sizes = [...new Set(prints.map((p) => p.size))];
      const hashes = [...new Set(prints.map((p) => p.partialHash))];
      return q(tx).select(indexedColumns).from(videos).where(and(inArray(videos.fileSize, sizes), inArray(videos.partialHash, hashes)));
    },

    /**
     * Inserts rows through one JSON parameter: a multi-row VALUES with ~25 parameters per
     * row is parsed slowly by PGlite (hundreds of ms per 200 rows), the JSON form is not.
     * Columns absent from every row keep their defaults. A path another scan inserted
     * meanwhile is left alone (only rows actually inserted are returned).
     */
    async insert(rows: NewVideoRow[], tx?: DbOrTx): Promise<Array<{ id: number; path: string }>> {
      if (!rows.length) return [];
      const columns = getTableColumns(videos);
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined)))].filter((k) => k in columns);
      const names = keys.map((k) => columns[k as keyof typeof columns].name);
      const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], (r as Record<string, unknown>)[k] ?? null]))));
      const list = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
      const result = await database.query<{ id: number; path: string }>(
        sql`insert into ${videos} (${list}) select ${list} from json_populate_recordset(null::videos, ${json}::json)
            on conflict (path) do nothing returning id, path`,
        tx,
      );
      return result.map((r) => ({ id: Number(r.id), path: r.path }));
    },

    async update(id: number, fields: Partial<NewVideoRow>, tx?: DbOrTx): Promise<VideoRow | undefined> {
      const [row] = await q(tx).update(videos).set({ ...fields, updatedAt: new Date() }).where(eq(videos.id, id)).returning();
      return row;
    },

    /** One change to many videos (bulk actions). */
    async updateMany(ids: number[], fields: Partial<NewVideoRow>, tx?: DbOrTx): Promise<void> {
      if (!ids.length) return;
      await q(tx).update(videos).set({ ...fields, updatedAt: new Date() }).where(anyId(ids));
    },

    /** Publishes many videos; ones already published keep their first publication time. */
    async publishMany(ids: number[], now: Date, tx?: DbOrTx): Promise<void> {
      if (!ids.length) return;
      await q(tx)
        .update(videos)
        .set({ published: true, publishedAt: sql`coalesce(case when ${videos.published} then ${videos.publishedAt} end, ${now.toISOString()}::timestamptz)`, updatedAt: now })
        .where(anyId(ids));
    },

    async categoryExists(id: number, tx?: DbOrTx): Promise<boolean> {
      const [row] = await q(tx).select({ id: videoCategories.id }).from(videoCategories).where(eq(videoCategories.id, id)).limit(1);
      return Boolean(row);
    },

    /** Many content hashes in one statement. */
    async setFileHashes(rows: Array<{ id: number; fileHash: string }>, tx?: DbOrTx): Promise<void> {
      if (!rows.length) return;
      await database.query(
        sql`update ${videos} set file_hash = v.h, updated_at = now()
            from unnest(${`{${rows.map((r) => r.id).join(',')}}`}::int[], ${`{${rows.map((r) => r.fileHash).join(',')}}`}::text[]) as v(id, h)
            where ${videos.id} = v.id`,
        tx,
      );
    },

    async markVanished(ids: number[], now: Date, tx?: DbOrTx): Promise<void> {
      if (!ids.length) return;
      await q(tx)
        .update(videos)
        .set({ isValid: false, invalidReason: 'file not found', lastValidated: now, updatedAt: now })
        .where(anyId(ids));
    },

    /** Fingerprints (size + partial hash) shared by more than one valid file: exact-duplicate candidates. */
    async sharedFingerprintsMissingHash(tx?: DbOrTx): Promise<Array<Pick<VideoRow, 'id' | 'path'>>> {
      return database.query<Pick<VideoRow, 'id' | 'path'>>(sql`
        select v.id, v.path from ${videos} v
        join (select file_size, partial_hash from ${videos}
              where is_valid and partial_hash is not null
              group by file_size, partial_hash having count(*) > 1) g
          on g.file_size = v.file_size and g.partial_hash = v.partial_hash
        where v.is_valid and v.file_hash is null`, tx);
    },

    /** Of the given ids, those whose content hash another valid video shares. */
    async idsWithExactCopies(ids: number[], tx?: DbOrTx): Promise<number[]> {
      if (!ids.length) return [];
      const rows = await database.query<{ id: number }>(sql`
        select v.id from ${videos} v
        where ${anyId(ids, sql`v.id`)} and v.file_hash is not null
          and exists (select 1 from ${videos} w where w.file_hash = v.file_hash and w.id <> v.id and w.is_valid)`, tx);
      return rows.map((r) => Number(r.id));
    },

    async missingThumbnailsUnder(roots: string[], tx?: DbOrTx): Promise<Array<Pick<VideoRow, 'id' | 'path' | 'durationSeconds' | 'width' | 'height'>>> {
      const scope = roots.length ? under(roots) : undefined;
      return q(tx)
        .select({ id: videos.id, path: videos.path, durationSeconds: videos.durationSeconds, width: videos.width, height: videos.height })
        .from(videos)
        .where(and(eq(videos.isValid, true), isNull(videos.thumbnailPath), scope))
        .orderBy(asc(videos.id));
    },

    async list(f: VideoListFilters, tx?: DbOrTx): Promise<{ rows: VideoRow[]; total: number }> {
      const conditions = [
        // The same expression as videos_title_trgm_idx, so the trigram index answers it.
        f.search ? sql`lower(coalesce(${videos.title}, '') || ' ' || ${videos.filename}) like ${`%${escapeLike(f.search.toLowerCase())}%`}` : undefined,
        f.directoryType ? eq(videos.directoryType, f.directoryType as VideoRow['directoryType'] & string) : undefined,
        f.orientation ? eq(videos.orientation, f.orientation as VideoRow['orientation'] & string) : undefined,
        f.isValid !== undefined ? eq(videos.isValid, f.isValid) : undefined,
        f.published !== undefined ? eq(videos.published, f.published) : undefined,
        f.locked !== undefined ? eq(videos.locked, f.locked) : undefined,
      ];
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        q(tx).select().from(videos).where(where).orderBy(desc(videos.createdAt), desc(videos.id)).limit(f.limit).offset(f.offset),
        q(tx).select({ n: count() }).from(videos).where(where),
      ]);
      return { rows, total: Number(total?.n ?? 0) };
    },

    async byIds(ids: number[], tx?: DbOrTx): Promise<VideoRow[]> {
      if (!ids.length) return [];
      return q(tx).select().from(videos).where(anyId(ids));
    },

    /** Ids of valid videos, oldest first (pools for compilations). */
    async validIds(limit: number, tx?: DbOrTx): Promise<number[]> {
      const rows = await q(tx).select({ id: videos.id }).from(videos).where(eq(videos.isValid, true)).orderBy(asc(videos.id)).limit(limit);
      return rows.map((r) => r.id);
    },

    async validIdsByProducer(producer: string, tx?: DbOrTx): Promise<number[]> {
      const rows = await q(tx).select({ id: videos.id }).from(videos).where(and(eq(videos.producer, producer), eq(videos.isValid, true)));
      return rows.map((r) => r.id);
    },

    async publishedPaths(tx?: DbOrTx): Promise<string[]> {
      return (await q(tx).select({ path: videos.path }).from(videos).where(eq(videos.published, true))).map((r) => r.path);
    },

    async countPublishedInvalid(tx?: DbOrTx): Promise<number> {
      const [row] = await q(tx).select({ n: count() }).from(videos).where(and(eq(videos.published, true), eq(videos.isValid, false)));
      return row?.n ?? 0;
    },

    async byPath(path: string, tx?: DbOrTx): Promise<VideoRow | undefined> {
      const [row] = await q(tx).select().from(videos).where(eq(videos.path, path)).limit(1);
      return row;
    },

    async delete(id: number, tx?: DbOrTx): Promise<VideoRow | undefined> {
      const [row] = await q(tx).delete(videos).where(eq(videos.id, id)).returning();
      return row;
    },

    /** Exact-duplicate groups: valid videos sharing a full content hash. */
    async exactDuplicateRows(tx?: DbOrTx): Promise<VideoRow[]> {
      return q(tx)
        .select()
        .from(videos)
        .where(
          and(
            eq(videos.isValid, true),
            inArray(
              videos.fileHash,
              q(tx).select({ h: videos.fileHash }).from(videos).where(and(eq(videos.isValid, true), isNotNull(videos.fileHash))).groupBy(videos.fileHash).having(sql`count(*) > 1`),
            ),
          ),
        )
        .orderBy(asc(videos.fileHash), asc(videos.id));
    },

    async perceptualHashes(tx?: DbOrTx): Promise<Array<Pick<VideoRow, 'id' | 'phash' | 'durationSeconds' | 'fileHash'>>> {
      return q(tx)
        .select({ id: videos.id, phash: videos.phash, durationSeconds: videos.durationSeconds, fileHash: videos.fileHash })
        .from(videos)
        .where(and(eq(videos.isValid, true), isNotNull(videos.phash), isNotNull(videos.durationSeconds)))
        .orderBy(asc(videos.durationSeconds));
    },

    async rememberRoots(paths: string[], now: Date, tx?: DbOrTx): Promise<void> {
      if (!paths.length) return;
      await q(tx)
        .insert(libraryRoots)
        .values(paths.map((p) => ({ path: p, lastScannedAt: now })))
        .onConflictDoUpdate({ target: libraryRoots.path, set: { lastScannedAt: now } });
    },

    async knownRoots(tx?: DbOrTx): Promise<string[]> {
      return (await q(tx).select({ path: libraryRoots.path }).from(libraryRoots)).map((r) => r.path);
    },
  };
}

export type LibraryRepository = ReturnType<typeof createLibraryRepository>;
