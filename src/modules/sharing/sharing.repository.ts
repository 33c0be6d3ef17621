// Share records and their audit trail: Drizzle only, optional transaction.
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { shareAudit, shareRecords, type ShareStatus } from './sharing.table.js';

export type AuditEntry = {
  recordId: number | null;
  videoId: number;
  platform: string;
  userId: number;
  mode: string;
  status: ShareStatus;
  alreadyShared?: boolean;
  errorMessage?: string | null;
};

export type PlatformStatusRow = { platform: string; lastSharedAt: Date | null; shareCount: number; sharedByMe: boolean };

export function createSharingRepository({ db }: { db: Db }) {
  return {
    /** Inserts a success row for each platform that has none yet; returns only the new rows. */
    async insertSuccessIfAbsent(videoId: number, userId: number, platforms: string[], tx: DbOrTx = db) {
      if (platforms.length === 0) return [];
      return tx
        .insert(shareRecords)
        .values(platforms.map((platform) => ({ videoId, userId, platform, status: 'success' as const })))
        .onConflictDoNothing({ target: [shareRecords.videoId, shareRecords.platform, shareRecords.userId] })
        .returning({ id: shareRecords.id, platform: shareRecords.platform });
    },

    async findRecords(videoId: number, userId: number, platforms: string[], tx: DbOrTx = db) {
      if (platforms.length === 0) return [];
      return tx
        .select({ id: shareRecords.id, platform: shareRecords.platform, status: shareRecords.status })
        .from(shareRecords)
        .where(and(eq(shareRecords.videoId, videoId), eq(shareRecords.userId, userId), inArray(shareRecords.platform, platforms)));
    },

    /** Turns earlier pending/failed records into successes (a new attempt); success rows stay untouched. */
    async markSucceeded(ids: number[], tx: DbOrTx = db) {
      if (ids.length === 0) return;
      await tx
        .update(shareRecords)
        .set({
          status: 'success',
          errorMessage: null,
          attemptCount: sql`${shareRecords.attemptCount} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(inArray(shareRecords.id, ids), ne(shareRecords.status, 'success')));
    },

    async appendAudit(entries: AuditEntry[], tx: DbOrTx = db) {
      if (entries.length === 0) return;
      await tx.insert(shareAudit).values(
        entries.map((e) => ({ ...e, alreadyShared: e.alreadyShared ?? false, errorMessage: e.errorMessage ?? null })),
      );
    },

    /** One row per platform that has records for the video: when it was last shared, by how many. */
    async platformStatus(videoId: number, viewerId: number | undefined, tx: DbOrTx = db): Promise<PlatformStatusRow[]> {
      const success = sql`${shareRecords.status} = 'success'`;
      return tx
        .select({
          platform: shareRecords.platform,
          lastSharedAt: sql<Date | null>`max(${shareRecords.updatedAt}) filter (where ${success})`.mapWith((v) =>
            v === null ? null : new Date(v as string),
          ),
          shareCount: sql<number>`(count(*) filter (where ${success}))::int`,
          sharedByMe: sql<boolean>`coalesce(bool_or(${shareRecords.userId} = ${viewerId ?? 0} and ${success}), false)`,
        })
        .from(shareRecords)
        .where(eq(shareRecords.videoId, videoId))
        .groupBy(shareRecords.platform);
    },

    /** Newest first. */
    async auditForVideo(videoId: number, limit: number, tx: DbOrTx = db) {
      return tx.select().from(shareAudit).where(eq(shareAudit.videoId, videoId)).orderBy(desc(shareAudit.id)).limit(limit);
    },
  };
}
