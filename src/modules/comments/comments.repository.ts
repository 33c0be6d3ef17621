// Comment rows and the comment counter. Drizzle only; every method takes an optional
// transaction. Locks are always taken parent first, then reply, so no two writers deadlock.
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, not, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../db/client.js';
import { videoStats } from '../engagement/engagement.table.js';
import { comments, type CommentRow } from './comments.table.js';

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;

export function createCommentsRepository({ db }: { db: Db }) {
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
    async recountVisible(videoId: number, tx: DbOrTx = db): Promise<number> {
      const parent = alias(comments, 'parent');
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(comments)
        .leftJoin(parent, eq(parent.id, comments.parentId))
        .where(and(eq(comments.videoId, videoId), not(comments.hidden), sql`(${parent.id} is null or not ${parent.hidden})`));
      return row?.n ?? 0;
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
