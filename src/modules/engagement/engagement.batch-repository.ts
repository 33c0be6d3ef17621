// The reads of the batched write path (one multi-row statement each, whatever the batch
// size); the writes are one statement, in engagement.batch-statement.ts.
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import type { WatchState } from './watch-time.js';
import { createGalleryRepository, type GalleryRow } from '../gallery/gallery.repository.js';

export type VideoGate = { id: number; published: boolean; locked: boolean; durationSeconds: number | null; row?: GalleryRow };

/** A PostgreSQL text[] literal (quoted, so any session id is safe in it). */
const pgTextArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const k2 = (a: number | string, b: number | string) => `${a}\u0000${b}`;

export function createEngagementBatchRepository(database: Pick<Database, 'query'>) {
  const q = <T>(query: ReturnType<typeof sql>, tx?: DbOrTx) => database.query<T>(query, tx);
  const gallery = createGalleryRepository(database);

  return {
    /**
     * The batch's videos: what the visibility check and the watch caps need for every op,
     * and the full gallery row for videos that are being viewed (their details answer).
     * Each id is read once; only viewed videos pay for the wide row.
     */
    async gates(ids: number[], viewedIds: number[], tx?: DbOrTx): Promise<Map<number, VideoGate>> {
      const viewed = new Set(viewedIds);
      const others = ids.filter((id) => !viewed.has(id));
      const out = new Map<number, VideoGate>();
      if (viewed.size) {
        for (const r of await gallery.detailsMany([...viewed], tx)) {
          out.set(r.id, { id: r.id, published: r.published, locked: r.locked, durationSeconds: r.duration_seconds, row: r });
        }
      }
      if (others.length) {
        const rows = await q<{ id: number; published: boolean; locked: boolean; duration_seconds: number | null }>(
          sql`select id, published, locked, duration_seconds from videos where id = any(${`{${others.join(',')}}`}::int[])`,
          tx,
        );
        for (const r of rows) out.set(r.id, { id: r.id, published: r.published, locked: r.locked, durationSeconds: r.duration_seconds });
      }
      return out;
    },

    /** Reads the watch sessions of a batch; inside a transaction it locks them (other instances wait). */
    async lockWatchSessions(keys: Array<{ videoId: number; sessionId: string }>, tx?: DbOrTx): Promise<Map<string, WatchState>> {
      const rows = await q<{ video_id: number; session_id: string; last_report_at: string | Date; total_seconds: string | number; buckets: string }>(
        // unnest of two arrays: the planner sees how many keys there are and probes the
        // primary key for each, instead of scanning every session ever recorded.
        sql`select s.video_id, s.session_id, s.last_report_at, s.total_seconds, s.buckets
            from unnest(${`{${keys.map((k) => k.videoId).join(',')}}`}::int[], ${pgTextArray(keys.map((k) => k.sessionId))}::text[]) as x(video_id, session_id)
            join video_watch_sessions s on s.video_id = x.video_id and s.session_id = x.session_id
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
