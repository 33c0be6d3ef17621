// Comment rows and the comment counter. Drizzle only; every method takes an optional
// transaction. Locks are always taken parent first, then reply, so no two writers deadlock.
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, not, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { videoStats } from '../engagement/engagement.table.js';
import { comments, type CommentRow } from './comments.table.js';

/**
 * The one definition of the public comment count of a video (`videoId` is an SQL
 * expression): comments not hidden whose parent, if any, is not hidden.
 */
const visibleCount = (videoId: SQL) =>
  sql`(select count(*) from ${comments} c left join ${comments} p on p.id = c.parent_id
       where c.video_id = ${videoId} and not c.hidden and (p.id is null or not p.hidden))`;

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;

export function createCommentsRepository(database: Pick<Database, 'db' | 'query'>) {
  const { db } = database;
  return {
    async findById(id: number, tx: DbOrTx = db): Promise<CommentRow | undefined> {
      const [row] = await tx.select().from(comments).where(eq(comments.id, id));
      return row;
    },
    async lock(id: number, mode: 'update' | 'share', tx: DbOrTx): Promise<CommentRow | undefined> {
      const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for(mode);
      return row;
    },
    async insert(
      input: { videoId: number; parentId: number | null; userId: number | null; sessionId: string | null; displayName: string; body: string },
      tx: DbOrTx,
    ): Promise<CommentRow> {
      const [row] = await tx.insert(comments).values(input).returning();
      return row!;
    },
    async delete(id: number, tx: DbOrTx): Promise<void> {
      await tx.delete(comments).where(eq(comments.id, id));
    },
    /** Sets the flag; returns the row only if it changed (so a repeated hide counts once). */
    async setHidden(id: number, hidden: boolean, by: number, tx: DbOrTx): Promise<CommentRow | undefined> {
      const [row] = await tx
        .update(comments)
        .set(hidden ? { hidden, hiddenAt: sql`now()`, hiddenBy: by } : { hidden, hiddenAt: null, hiddenBy: null })
        .where(and(eq(comments.id, id), eq(comments.hidden, !hidden)))
        .returning();
      return row;
    },
    async countVisibleReplies(parentId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(comments)
        .where(and(eq(comments.parentId, parentId), not(comments.hidden)));
      return row?.n ?? 0;
    },
    async countReplies(parentId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.parentId, parentId));
      return row?.n ?? 0;
    },
    /** Adds `delta` to video_stats.comment_count, creating the row if it is missing. */
    async addToCommentCount(videoId: number, delta: number, tx: DbOrTx): Promise<void> {
      if (delta === 0) return;
      await tx
        .insert(videoStats)
        .values({ videoId, commentCount: delta })
        .onConflictDoUpdate({
          target: videoStats.videoId,
          set: { commentCount: sql`${videoStats.commentCount} + ${delta}`, updatedAt: sql`now()` },
        });
    },
    async commentCount(videoId: number, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: videoStats.commentCount }).from(videoStats).where(eq(videoStats.videoId, videoId));
      return Number(row?.n ?? 0);
    },
    /** What the counter should be: visible comments whose parent, if any, is visible. */
    async recountVisible(videoId: number, tx?: DbOrTx): Promise<number> {
      const [row] = await database.query<{ n: number }>(sql`select ${visibleCount(sql`${videoId}::int`)}::int as n`, tx);
      return row?.n ?? 0;
    },
    /** Videos whose comment_count differs from the recount of what the public sees. */
    async findCountMismatches(videoIds?: number[], tx: DbOrTx = db): Promise<Array<{ videoId: number; counter: number; recount: number }>> {
      const only = videoIds ? sql`where s.video_id = any(${`{${videoIds.join(',')}}`}::int[])` : sql``;
      const rows = await database.query<Record<string, unknown>>(
        sql`select s.video_id as "videoId", s.comment_count as counter, ${visibleCount(sql`s.video_id`)} as recount
            from ${videoStats} s ${only}`,
        tx,
      );
      return rows
        .map((r) => ({ videoId: Number(r.videoId), counter: Number(r.counter), recount: Number(r.recount) }))
        .filter((r) => r.counter !== r.recount);
    },
    /**
     * Sets these videos' comment_count to the recount. The counter rows are locked first:
     * a comment write still in flight either commits before (and is recounted) or adds its
     * delta after.
     */
    async resetCommentCounts(videoIds: number[], tx: DbOrTx): Promise<void> {
      if (!videoIds.length) return;
      const ids = `{${videoIds.join(',')}}`;
      await database.query(sql`select video_id from ${videoStats} where video_id = any(${ids}::int[]) order by video_id for update`, tx);
      await database.query(
        sql`update ${videoStats} s set comment_count = ${visibleCount(sql`s.video_id`)}, updated_at = now()
            where s.video_id = any(${ids}::int[])`,
        tx,
      );
    },
    /** Top-level comments newest first (ids grow with time), strictly older than `beforeId`. */
    async listTopLevel(q: { videoId: number; beforeId?: number; limit: number; includeHidden: boolean }, tx: DbOrTx = db) {
      const where: SQL[] = [eq(comments.videoId, q.videoId), isNull(comments.parentId)];
      if (q.beforeId !== undefined) where.push(lt(comments.id, q.beforeId));
      if (!q.includeHidden) where.push(not(comments.hidden));
      return tx.select().from(comments).where(and(...where)).orderBy(desc(comments.id)).limit(q.limit);
    },
    /** One thread's replies oldest first, strictly after `afterId`. */
    async listReplies(q: { parentId: number; afterId?: number; limit: number; includeHidden: boolean }, tx: DbOrTx = db) {
      const where: SQL[] = [eq(comments.parentId, q.parentId)];
      if (q.afterId !== undefined) where.push(gt(comments.id, q.afterId));
      if (!q.includeHidden) where.push(not(comments.hidden));
      return tx.select().from(comments).where(and(...where)).orderBy(asc(comments.id)).limit(q.limit);
    },
    /** The first `perParent` replies of each parent (oldest first) and each parent's reply count. */
    async repliesOf(parentIds: number[], perParent: number, includeHidden: boolean, tx: DbOrTx = db) {
      if (parentIds.length === 0) return [];
      const ranked = tx
        .select({
          ...getTableColumns(comments),
          rank: sql<number>`row_number() over (partition by ${comments.parentId} order by ${comments.id})`.as('rank'),
          total: sql<number>`count(*) over (partition by ${comments.parentId})`.as('total'),
        })
        .from(comments)
        .where(and(inArray(comments.parentId, parentIds), includeHidden ? undefined : not(comments.hidden)))
        .as('ranked');
      const rows = await tx.select().from(ranked).where(sql`${ranked.rank} <= ${perParent}`);
      return rows.map(({ rank: _rank, total, ...row }) => ({ row: row as CommentRow, total: Number(total) }));
    },
  };
}
