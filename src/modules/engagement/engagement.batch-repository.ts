// The reads of the batched write path (one multi-row statement each, whatever the batch
// size); the writes are one statement, in engagement.batch-statement.ts.
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import type { WatchState } from './watch-time.js';
import { createGalleryRepository, type GalleryRow } from '../gallery/gallery.repository.js';

export type VideoGate = { id: number; published: boolean; locked: boolean; durationSeconds: number | null; row: GalleryRow };

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;
const k2 = (a: number | string, b: number | string) => `${a}\u0000${b}`;

export function createEngagementBatchRepository(database: Pick<Database, 'query'>) {
  const q = <T>(query: ReturnType<typeof sql>, tx?: DbOrTx) => database.query<T>(query, tx);
  const gallery = createGalleryRepository(database);

  return {
    /**
     * The batch's videos, with everything the gallery shows of them: one read serves the
     * visibility check of every op and the details answer of every view.
     */
    async gates(ids: number[], tx?: DbOrTx): Promise<Map<number, VideoGate>> {
      const rows = await gallery.detailsMany(ids, tx);
      return new Map(rows.map((r) => [r.id, { id: r.id, published: r.published, locked: r.locked, durationSeconds: r.duration_seconds, row: r }]));
    },

    /** Reads and locks the watch sessions of a batch (FOR UPDATE: other instances wait). */
    async lockWatchSessions(keys: Array<{ videoId: number; sessionId: string }>, tx: DbOrTx): Promise<Map<string, WatchState>> {
      const rows = await q<{ video_id: number; session_id: string; last_report_at: string | Date; total_seconds: string | number; buckets: string }>(
        sql`select s.video_id, s.session_id, s.last_report_at, s.total_seconds, s.buckets
            from video_watch_sessions s
            join json_to_recordset(${json(keys)}) as x("videoId" int, "sessionId" text)
              on s.video_id = x."videoId" and s.session_id = x."sessionId"
            order by s.video_id, s.session_id
            for update of s`,
        tx,
      );
      return new Map(
        rows.map((r) => [
          k2(r.video_id, r.session_id),
          { lastReportAt: new Date(r.last_report_at).getTime(), totalSeconds: Number(r.total_seconds), buckets: r.buckets },
        ]),
      );
    },

  };
}
