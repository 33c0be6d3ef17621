// Reaction data: toggle rows, and reads of moment rows and their pre-aggregates (moments are
// written by the engagement writer, see engagement.batch-statement.ts). Drizzle only;
// every method takes an optional transaction.
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { videos } from '../library/library.table.js';
import { users } from '../users/users.table.js';
import {
  HEATMAP_SLICES,
  momentReactions,
  momentReactionSlices,
  momentReactionTimeline,
  REACTION_SLOTS,
  videoReactions,
  type MomentReactionRow,
} from './reactions.table.js';
import type { BucketCount, SecondCount } from './reactions.timeline.js';

/** The 1-based array index of a type in the pre-aggregate (see REACTION_SLOTS). */
export function slotOf(type: string): number {
  const i = (REACTION_SLOTS as readonly string[]).indexOf(type);
  if (i < 0) throw new Error(`reaction type "${type}" has no slot in REACTION_SLOTS`);
  return i + 1;
}

/** Rows of (bucket, c1…cN) into one BucketCount per non-zero type; a null bucket = no data. */
function countsFromRows(rows: Array<Record<string, unknown>>): BucketCount[] {
  const out: BucketCount[] = [];
  for (const r of rows) {
    if (r.bucket === null || r.bucket === undefined) continue;
    REACTION_SLOTS.forEach((type, i) => {
      const count = Number(r[`c${i + 1}`]);
      if (count > 0) out.push({ bucket: Number(r.bucket), type, count });
    });
  }
  return out;
}

export type ReactionsRepository = ReturnType<typeof createReactionsRepository>;

export function createReactionsRepository(database: Pick<Database, 'kind' | 'db' | 'query' | 'pglite'>) {
  const { db } = database;
  // The heatmap is read on every player load: its two statements are prepared.
  const prepared = preparedQuery(database);
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
    /**
     * A video's heatmap counts per bucket and type, and the timeline length they span (its
     * duration, else just past the last reacted second — see timelineLength). The default
     * resolution comes straight from the slices (≤ HEATMAP_SLICES rows); any other, or
     * slices cut for an older duration, from the per-second rows (≤ one per second).
     * Undefined when the video does not exist.
     */
    async heatmapCounts(videoId: number, buckets: number, tx?: DbOrTx): Promise<{ length: number; counts: BucketCount[] } | undefined> {
      if (buckets === HEATMAP_SLICES) {
        const s = momentReactionSlices;
        const cols = sql.join(REACTION_SLOTS.map((_, i) => sql.raw(`coalesce(s.counts[${i + 1}], 0) as c${i + 1}`)), sql`, `);
        const rows = await prepared<Record<string, number | boolean | null>>(
          sql`with v as materialized (
                select id, duration_seconds,
                  exists (select 1 from ${s} o where o.video_id = ${videoId} and o.duration_seconds <> videos.duration_seconds) as stale
                from ${videos} where id = ${videoId})
              select v.duration_seconds as len, v.stale, s.slice as bucket, ${cols}
              from v left join ${s} s on s.video_id = v.id and s.duration_seconds = v.duration_seconds`,
          tx,
        );
        if (rows.length === 0) return undefined;
        const len = Number(rows[0]!.len ?? 0);
        if (len > 0 && !rows[0]!.stale) return { length: len, counts: countsFromRows(rows) };
      }
      const t = momentReactionTimeline;
      // Same arithmetic as bucketOf() in reactions.timeline.ts (float8 like JS numbers).
      const sums = sql.join(REACTION_SLOTS.map((_, i) => sql.raw(`coalesce(sum(t.counts[${i + 1}]), 0)::int as c${i + 1}`)), sql`, `);
      const rows = await prepared<Record<string, number | null>>(
        sql`with v as materialized (
              select id, coalesce(
                case when duration_seconds > 0 then duration_seconds end,
                (select max(second) + 1 from ${t} where video_id = ${videoId})::float8,
                0)::float8 as len
              from ${videos} where id = ${videoId})
            select v.len, least(${buckets - 1}, greatest(0, floor(t.second * ${buckets}::float8 / v.len)))::int as bucket, ${sums}
            from v left join ${t} t on t.video_id = v.id and v.len > 0
            group by 1, 2`,
        tx,
      );
      if (rows.length === 0) return undefined;
      return { length: Number(rows[0]!.len), counts: countsFromRows(rows) };
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
    async durationOf(videoId: number, tx: DbOrTx = db): Promise<{ durationSeconds: number | null } | undefined> {
      const [row] = await tx.select({ durationSeconds: videos.durationSeconds }).from(videos).where(eq(videos.id, videoId));
      return row;
    },
  };
}
