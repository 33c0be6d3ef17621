// The reads of the batched write path, ONE statement whatever the batch's size, and only
// for what the writer does not already hold (see engagement.writer.ts): the visibility
// facts of videos it has not seen, and the states of watch sessions after a write found
// them changed by someone else. Each round trip costs PGlite engine time and PostgreSQL
// a wait, so both come back together.
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import type { WatchState } from './watch-time.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { pairKey } from './engagement.keys.js';

/** What the visibility check and the watch caps need to know of a video. */
export type VideoFacts = { published: boolean; locked: boolean; durationSeconds: number | null };
export type BatchRead = { facts: Map<number, VideoFacts>; sessions: Map<string, WatchState> };

const intArray = (xs: number[]) => `{${xs.join(',')}}`;
/** A PostgreSQL text[] literal (quoted, so any session id is safe in it). */
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const parsed = <T>(v: unknown): T[] => (v === null || v === undefined ? [] : ((typeof v === 'string' ? JSON.parse(v) : v) as T[]));

export function createEngagementBatchRepository(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>) {
  const q = preparedQuery(database);

  return {
    /** The facts of `ids` (absent: no such video) and the stored states of `watchKeys`. */
    async read(ids: number[], watchKeys: Array<{ videoId: number; sessionId: string }>, tx?: DbOrTx): Promise<BatchRead> {
      // unnest of two arrays: the planner sees how many keys there are and probes the
      // primary key for each, instead of scanning every session ever recorded.
      const [row] = await q<{ g: unknown; w: unknown }>(
        sql`select
          ${ids.length ? sql`(select json_agg(json_build_object('id', id, 'p', published, 'l', locked, 'd', duration_seconds))
             from videos where id = any(${intArray(ids)}::int[]))` : sql`null::json`} as g,
          ${watchKeys.length ? sql`(select json_agg(json_build_object('v', video_id, 's', session_id, 't', t, 'n', total_seconds, 'b', buckets)) from (
             select s.video_id, s.session_id, floor(extract(epoch from s.last_report_at) * 1000)::float8 as t, s.total_seconds, s.buckets
             from unnest(${intArray(watchKeys.map((k) => k.videoId))}::int[], ${textArray(watchKeys.map((k) => k.sessionId))}::text[]) as x(video_id, session_id)
             join video_watch_sessions s on s.video_id = x.video_id and s.session_id = x.session_id
             ) w)` : sql`null::json`} as w`,
        tx,
      );
      const facts = new Map<number, VideoFacts>();
      for (const g of parsed<{ id: number; p: boolean; l: boolean; d: number | null }>(row?.g)) {
        facts.set(g.id, { published: g.p, locked: g.l, durationSeconds: g.d });
      }
      const sessions = new Map<string, WatchState>();
      for (const s of parsed<{ v: number; s: string; t: number; n: number | string; b: string }>(row?.w)) {
        sessions.set(pairKey(s.v, s.s), { lastReportAt: Number(s.t), totalSeconds: Number(s.n), buckets: s.b });
      }
      return { facts, sessions };
    },
  };
}
