// Reaction data: toggle rows, moment rows and the per-second pre-aggregate. Drizzle only;
// every method takes an optional transaction.
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';
import { momentReactions, momentReactionSeconds, videoReactions, type MomentReactionRow } from './reactions.table.js';
import type { BucketCount, SecondCount } from './reactions.timeline.js';

export type ReactionsRepository = ReturnType<typeof createReactionsRepository>;

export function createReactionsRepository(database: Pick<Database, 'db' | 'query'>) {
  const { db } = database;
  return {
    // ── toggle reactions ──────────────────────────────────────────────────────────────
    /** Inserts the user's reaction unless one exists; true when this call created it. */
    async insertToggleIfAbsent(userId: number, videoId: number, type: string, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .insert(videoReactions)
        .values({ userId, videoId, reactionType: type })
        .onConflictDoNothing({ target: [videoReactions.userId, videoReactions.videoId] })
        .returning({ id: videoReactions.id });
      return rows.length === 1;
    },
    /**
     * Locks the user's row (FOR NO KEY UPDATE: foreign-key checks elsewhere still pass)
     * so one user's toggles run one at a time; false when the account is gone.
     */
    async lockUserForToggle(userId: number, tx: DbOrTx): Promise<boolean> {
      const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
      return rows.length === 1;
    },
    /** The user's reaction, row-locked until the transaction ends. */
    async lockToggle(userId: number, videoId: number, tx: DbOrTx) {
      const [row] = await tx
        .select({ id: videoReactions.id, type: videoReactions.reactionType })
        .from(videoReactions)
        .where(and(eq(videoReactions.userId, userId), eq(videoReactions.videoId, videoId)))
        .for('update');
      return row;
    },
    async setToggleType(id: number, type: string, tx: DbOrTx) {
      await tx.update(videoReactions).set({ reactionType: type, updatedAt: sql`now()` }).where(eq(videoReactions.id, id));
    },
    async deleteToggle(id: number, tx: DbOrTx) {
      await tx.delete(videoReactions).where(eq(videoReactions.id, id));
    },
    async toggleCounts(videoId: number, tx: DbOrTx = db): Promise<Array<{ type: string; count: number }>> {
      return tx
        .select({ type: videoReactions.reactionType, count: sql<number>`count(*)::int` })
        .from(videoReactions)
        .where(eq(videoReactions.videoId, videoId))
        .groupBy(videoReactions.reactionType);
    },
    async userToggle(userId: number, videoId: number, tx: DbOrTx = db): Promise<string | null> {
      const [row] = await tx
        .select({ type: videoReactions.reactionType })
        .from(videoReactions)
        .where(and(eq(videoReactions.userId, userId), eq(videoReactions.videoId, videoId)));
      return row?.type ?? null;
    },

    // ── moment reactions ──────────────────────────────────────────────────────────────
    async insertMoment(input: { userId: number; videoId: number; type: string; second: number }, tx: DbOrTx): Promise<MomentReactionRow> {
      const [row] = await tx
        .insert(momentReactions)
        .values({ userId: input.userId, videoId: input.videoId, reactionType: input.type, videoTimestamp: input.second })
        .returning();
      return row!;
    },
    /** Adds one to the pre-aggregate; called in the transaction that inserts the moment. */
    async bumpSecond(videoId: number, second: number, type: string, tx: DbOrTx) {
      await tx
        .insert(momentReactionSeconds)
        .values({ videoId, second, reactionType: type, count: 1 })
        .onConflictDoUpdate({
          target: [momentReactionSeconds.videoId, momentReactionSeconds.second, momentReactionSeconds.reactionType],
          set: { count: sql`${momentReactionSeconds.count} + 1` },
        });
    },
    /**
     * Moments newest first, or in timeline order for one video. Unless `includeHidden`,
     * only moments on published, unlocked videos.
     */
    async listMoments(
      f: { videoId?: number; userId?: number; from?: number; to?: number; limit: number; includeHidden: boolean },
      tx: DbOrTx = db,
    ): Promise<MomentReactionRow[]> {
      const where: SQL[] = [];
      if (f.videoId !== undefined) where.push(eq(momentReactions.videoId, f.videoId));
      if (f.userId !== undefined) where.push(eq(momentReactions.userId, f.userId));
      if (f.from !== undefined) where.push(gte(momentReactions.videoTimestamp, Math.ceil(f.from)));
      if (f.to !== undefined) where.push(lte(momentReactions.videoTimestamp, Math.floor(f.to)));
      if (!f.includeHidden) where.push(sql`${videos.published} and not ${videos.locked}`);
      const order =
        f.videoId !== undefined
          ? [asc(momentReactions.videoTimestamp), asc(momentReactions.id)]
          : [desc(momentReactions.createdAt), desc(momentReactions.id)];
      const rows = await tx
        .select({ m: momentReactions })
        .from(momentReactions)
        .innerJoin(videos, eq(videos.id, momentReactions.videoId))
        .where(and(...where))
        .orderBy(...order)
        .limit(f.limit);
      return rows.map((r) => r.m);
    },
    /** Pre-aggregated counts per bucket and type: a range read of ≤ duration × types rows. */
    async bucketCounts(videoId: number, buckets: number, durationSeconds: number, tx?: DbOrTx): Promise<BucketCount[]> {
      // Same arithmetic as bucketOf() in reactions.timeline.ts (float8 like JS numbers).
      const bucket = sql`least(${buckets - 1}, greatest(0, floor(${momentReactionSeconds.second} * ${buckets}::float8 / ${durationSeconds}::float8)))::int`;
      return database.query<BucketCount>(
        sql`select ${bucket} as bucket, ${momentReactionSeconds.reactionType} as type, sum(${momentReactionSeconds.count})::int as count
            from ${momentReactionSeconds} where ${momentReactionSeconds.videoId} = ${videoId}
            group by 1, 2`,
        tx,
      );
    },
    async secondCounts(videoId: number, tx: DbOrTx = db): Promise<SecondCount[]> {
      return tx
        .select({ second: momentReactionSeconds.second, type: momentReactionSeconds.reactionType, count: momentReactionSeconds.count })
        .from(momentReactionSeconds)
        .where(and(eq(momentReactionSeconds.videoId, videoId), sql`${momentReactionSeconds.count} > 0`));
    },
    async lastReactedSecond(videoId: number, tx: DbOrTx = db): Promise<number | null> {
      const [row] = await tx
        .select({ s: sql<number | null>`max(${momentReactionSeconds.second})` })
        .from(momentReactionSeconds)
        .where(eq(momentReactionSeconds.videoId, videoId));
      return row?.s ?? null;
    },
  };
}
