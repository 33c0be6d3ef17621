// The reads of the batched write path: ONE statement per batch, whatever its size (the
// writes are one more, in engagement.batch-statement.ts). Each round trip costs PGlite
// main-thread time and PostgreSQL a wait on the event loop, so the visibility gates, the
// viewed videos' details rows and the watch sessions' states come back together.
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import type { WatchState } from './watch-time.js';
import { detailsManyQuery, type GalleryRow } from '../gallery/gallery.repository.js';
import { rawQuery } from './engagement.raw-query.js';

export type VideoGate = { id: number; published: boolean; locked: boolean; durationSeconds: number | null; row?: GalleryRow };
export type BatchRead = { gates: Map<number, VideoGate>; sessions: Map<string, WatchState> };

const k2 = (a: number | string, b: number | string) => `${a}\u0000${b}`;
const intArray = (xs: number[]) => `{${xs.join(',')}}`;
/** A PostgreSQL text[] literal (quoted, so any session id is safe in it). */
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const parsed = <T>(v: unknown): T[] => (v === null || v === undefined ? [] : ((typeof v === 'string' ? JSON.parse(v) : v) as T[]));

export function createEngagementBatchRepository(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>) {
  const q = rawQuery(database);

  return {
    /**
     * The batch's videos (what the visibility check and the watch caps need, plus the full
     * gallery row for viewed ones: their details answer) and the states of its watch
     * sessions (the write checks they are unchanged: see engagement.batch-statement.ts).
     */
    async read(ids: number[], viewedIds: number[], watchKeys: Array<{ videoId: number; sessionId: string }>, tx?: DbOrTx): Promise<BatchRead> {
      const viewed = new Set(viewedIds);
      const others = ids.filter((id) => !viewed.has(id));
      // unnest of two arrays: the planner sees how many keys there are and probes the
      // primary key for each, instead of scanning every session ever recorded.
      const [row] = await q<{ g: unknown; v: unknown; w: unknown }>(
        sql`select
          ${others.length ? sql`(select json_agg(json_build_object('id', id, 'p', published, 'l', locked, 'd', duration_seconds))
             from videos where id = any(${intArray(others)}::int[]))` : sql`null::json`} as g,
          ${viewed.size ? sql`(select json_agg(d) from (${detailsManyQuery([...viewed])}) d)` : sql`null::json`} as v,
          ${watchKeys.length ? sql`(select json_agg(json_build_object('v', video_id, 's', session_id, 't', t, 'n', total_seconds, 'b', buckets)) from (
             select s.video_id, s.session_id, floor(extract(epoch from s.last_report_at) * 1000)::float8 as t, s.total_seconds, s.buckets
             from unnest(${intArray(watchKeys.map((k) => k.videoId))}::int[], ${textArray(watchKeys.map((k) => k.sessionId))}::text[]) as x(video_id, session_id)
             join video_watch_sessions s on s.video_id = x.video_id and s.session_id = x.session_id
             ) w)` : sql`null::json`} as w`,
        tx,
      );
      const gates = new Map<number, VideoGate>();
      for (const g of parsed<{ id: number; p: boolean; l: boolean; d: number | null }>(row?.g)) {
        gates.set(g.id, { id: g.id, published: g.p, locked: g.l, durationSeconds: g.d });
      }
      for (const r of parsed<GalleryRow>(row?.v)) {
        gates.set(r.id, { id: r.id, published: r.published, locked: r.locked, durationSeconds: r.duration_seconds, row: r });
      }
      const sessions = new Map<string, WatchState>();
      for (const s of parsed<{ v: number; s: string; t: number; n: number | string; b: string }>(row?.w)) {
        sessions.set(k2(s.v, s.s), { lastReportAt: Number(s.t), totalSeconds: Number(s.n), buckets: s.b });
      }
      return { gates, sessions };
    },
  };
}
