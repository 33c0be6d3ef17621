// Reaction data: toggle rows, moment rows and the per-second pre-aggregate. Drizzle only;
// every method takes an optional transaction.
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';
import { momentReactions, momentReactionTimeline, REACTION_SLOTS, videoReactions, type MomentReactionRow } from './reactions.table.js';
import type { BucketCount, SecondCount } from './reactions.timeline.js';

/** The 1-based array index of a type in the pre-aggregate (see REACTION_SLOTS). */
export function slotOf(type: string): number {
  const i = (REACTION_SLOTS as readonly string[]).indexOf(type);
  if (i < 0) throw new Error(`reaction type "${type}" has no slot in REACTION_SLOTS`);
  return i + 1;
}

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
      const k = slotOf(type);
      const initial = `{${REACTION_SLOTS.map((_, i) => (i + 1 === k ? 1 : 0)).join(',')}}`;
      const t = momentReactionTimeline;
      // Assigning one element (PostgreSQL pads a shorter array with nulls, hence coalesce).
      await database.query(
        sql`insert into ${t} (video_id, second, counts) values (${videoId}, ${second}, ${initial}::int[])
            on conflict (video_id, second) do update
            set counts[${sql.raw(String(k))}] = coalesce(${t.counts}[${sql.raw(String(k))}], 0) + 1`,
        tx,
      );
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
    /** Pre-aggregated counts per bucket and type: a range read of ≤ one row per second. */
    async bucketCounts(videoId: number, buckets: number, durationSeconds: number, tx?: DbOrTx): Promise<BucketCount[]> {
      // Same arithmetic as bucketOf() in reactions.timeline.ts (float8 like JS numbers).
      const t = momentReactionTimeline;
      const bucket = sql`least(${buckets - 1}, greatest(0, floor(${t.second} * ${buckets}::float8 / ${durationSeconds}::float8)))::int`;
      const sums = sql.join(REACTION_SLOTS.map((_, i) => sql.raw(`coalesce(sum(counts[${i + 1}]), 0)::int as c${i + 1}`)), sql`, `);
      const rows = await database.query<Record<string, number>>(
        sql`select ${bucket} as bucket, ${sums} from ${t} where ${t.videoId} = ${videoId} group by 1`,
        tx,
      );
      const out: BucketCount[] = [];
      for (const r of rows)
        REACTION_SLOTS.forEach((type, i) => {
          const count = Number(r[`c${i + 1}`]);
          if (count > 0) out.push({ bucket: Number(r.bucket), type, count });
        });
      return out;
    },
    async secondCounts(videoId: number, tx: DbOrTx = db): Promise<SecondCount[]> {
      const rows = await tx
        .select({ second: momentReactionTimeline.second, counts: momentReactionTimeline.counts })
        .from(momentReactionTimeline)
        .where(eq(momentReactionTimeline.videoId, videoId));
      const out: SecondCount[] = [];
      for (const r of rows)
        r.counts.forEach((count, i) => {
          if (count && count > 0 && REACTION_SLOTS[i]) out.push({ second: r.second, type: REACTION_SLOTS[i]!, count });
        });
      return out;
    },
    async lastReactedSecond(videoId: number, tx: DbOrTx = db): Promise<number | null> {
      const [row] = await tx
        .select({ s: sql<number | null>`max(${momentReactionTimeline.second})` })
        .from(momentReactionTimeline)
        .where(eq(momentReactionTimeline.videoId, videoId));
      return row?.s ?? null;
    },
    async durationOf(videoId: number, tx: DbOrTx = db): Promise<{ durationSeconds: number | null } | undefined> {
      const [row] = await tx.select({ durationSeconds: videos.durationSeconds }).from(videos).where(eq(videos.id, videoId));
      return row;
    },
  };
}
