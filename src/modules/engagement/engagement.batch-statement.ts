// A whole batch of engagement writes as ONE SQL statement: data-modifying CTEs insert the
// event rows (views, upvotes, finishes, watch reports, progress), the counter deltas are
// summed from what those CTEs actually inserted or deleted, and video_stats plus the day's
// rollup are updated from them. One statement is atomic on its own, so counters can never
// disagree with their events, and PGlite pays one round trip per batch. What the batch was
// planned from (the videos' visibility and length, the watch sessions' states) is checked
// in the same statement, which fails as a whole if any of it changed meanwhile.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { PreparedQuery } from '../../db/prepared-query.js';
import { pairKey } from './engagement.keys.js';
import type { Counts, ProgressOp, ProgressState } from './engagement.writer.js';
import type { WatchPlan, WatchState } from './watch-time.js';
import type { VideoFacts } from './engagement.batch-repository.js';
import { detailsManyQuery, type GalleryRow } from '../gallery/gallery.repository.js';
import { slotOf } from '../reactions/reactions.repository.js';
import { HEATMAP_SLICES, REACTION_SLOTS } from '../reactions/reactions.table.js';
import { bucketOf } from '../reactions/reactions.timeline.js';

export type BatchWrite = {
  at: Date;
  day: string;
  /** The facts every op of the batch was checked against (all its videos that exist). */
  facts: Array<VideoFacts & { id: number }>;
  /** Videos whose gallery row the answers need (viewed ones). */
  detailIds: number[];
  /** View candidates; with a window > 0 only those outside it are counted. */
  views: Array<{ videoId: number; viewer: string }>;
  viewWindowSeconds: number;
  upvoteAdds: Array<{ videoId: number; sessionId: string }>;
  upvoteRemoves: Array<{ videoId: number; sessionId: string }>;
  finishes: Array<{ videoId: number; sessionId: string }>;
  watch: WatchPlan | undefined;
  /** The watch sessions' states the plan was made from (absent = a new session). */
  watchBefore: Map<string, WatchState>;
  progress: ProgressOp[];
  /** Moment reactions, in op order; `sliceOf` is the video's duration (null: no slices). */
  moments: Array<{ videoId: number; userId: number; type: string; second: number; sliceOf: number | null }>;
  /** Videos whose counters the answers need (changed or not). */
  touched: number[];
};

export type BatchOutcome = {
  countedViews: Set<string>;
  countedFinishes: Set<string>;
  counts: Map<number, Counts>;
  progress: Map<string, ProgressState>;
  rows: Map<number, GalleryRow>;
  /** The new moment reactions' ids, in the order of `moments`. */
  momentIds: number[];
};

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

/** What the statement fails with when a watch session changed since it was read (see ws). */
export const STALE_WATCH_SESSION = 'stale watch session';
/** … and when a video was published, locked, re-probed or deleted since it was read (see fx). */
export const STALE_VIDEO_FACTS = 'stale video facts';
/** The batch was planned from something that changed: plan it again from a fresh read. */
export const isStalePlan = (err: unknown) => {
  const message = String((err as { message?: unknown })?.message ?? '') + String((err as { cause?: { message?: unknown } })?.cause?.message ?? '');
  return message.includes(STALE_WATCH_SESSION) || message.includes(STALE_VIDEO_FACTS);
};

export async function writeBatch(query: PreparedQuery, b: BatchWrite, tx?: DbOrTx): Promise<BatchOutcome> {
  const at = sql`${b.at.toISOString()}::timestamptz`;
  const ctes: SQL[] = [];
  const deltas: SQL[] = [];
  const outputs: SQL[] = [];

  if (b.facts.length) {
    const rows = b.facts.map((f) => ({ id: f.id, p: f.published, l: f.locked, d: f.durationSeconds }));
    // The id array keeps the check on videos' primary key: fx's row count is a guess to the
    // planner, which would otherwise hash-join it against a scan of every video.
    ctes.push(sql`fx as materialized (select * from json_to_recordset(${json(rows)}) as x(id int, p boolean, l boolean, d float8))`);
    outputs.push(sql`select 'guard' as kind, null::json as r
      where cast(case when (select count(*) from fx join videos v on v.id = fx.id and v.published = fx.p and v.locked = fx.l
                            and v.duration_seconds is not distinct from fx.d
                            where v.id = any(${`{${rows.map((r) => r.id).join(',')}}`}::int[])) = ${rows.length}
                 then '0' else ${STALE_VIDEO_FACTS} end as int) = 1`);
  }
  if (b.detailIds.length) outputs.push(sql`select 'row' as kind, row_to_json(dr) as r from (${detailsManyQuery(b.detailIds)}) dr`);

  if (b.views.length) {
    ctes.push(sql`vin as (select * from json_to_recordset(${json(b.views)}) as x("videoId" int, viewer text))`);
    ctes.push(
      b.viewWindowSeconds > 0
        ? sql`vcount as (
            insert into video_view_marks (video_id, viewer, counted_at) select "videoId", viewer, ${at} from vin
            on conflict (video_id, viewer) do update set counted_at = excluded.counted_at
            where video_view_marks.counted_at <= excluded.counted_at - make_interval(secs => ${b.viewWindowSeconds})
            returning video_id, viewer)`
        : sql`vcount as (select "videoId" as video_id, viewer from vin)`,
    );
    ctes.push(sql`vev as (insert into video_view_events (video_id, viewer, created_at) select video_id, viewer, ${at} from vcount)`);
    deltas.push(sql`select video_id, 1 as views, 0 as upvotes, 0 as finishes, 0 as watch from vcount`);
    // Without a window every read counts: the answer needs no list of what was counted.
    if (b.viewWindowSeconds > 0) outputs.push(sql`select 'view' as kind, json_build_object('a', video_id, 'b', viewer) as r from vcount`);
  }
  if (b.upvoteAdds.length) {
    ctes.push(sql`upin as (
      insert into video_upvotes (video_id, session_id, created_at)
      select x."videoId", x."sessionId", ${at} from json_to_recordset(${json(b.upvoteAdds)}) as x("videoId" int, "sessionId" text)
      on conflict do nothing returning video_id)`);
    deltas.push(sql`select video_id, 0 as views, 1 as upvotes, 0 as finishes, 0 as watch from upin`);
  }
  if (b.upvoteRemoves.length) {
    ctes.push(sql`updel as (
      delete from video_upvotes u using json_to_recordset(${json(b.upvoteRemoves)}) as x("videoId" int, "sessionId" text)
      where u.video_id = x."videoId" and u.session_id = x."sessionId" returning u.video_id)`);
    deltas.push(sql`select video_id, 0 as views, -1 as upvotes, 0 as finishes, 0 as watch from updel`);
  }
  if (b.finishes.length) {
    ctes.push(sql`fin as (
      insert into video_finishes (video_id, session_id, created_at)
      select x."videoId", x."sessionId", ${at} from json_to_recordset(${json(b.finishes)}) as x("videoId" int, "sessionId" text)
      on conflict do nothing returning video_id, session_id)`);
    deltas.push(sql`select video_id, 0 as views, 0 as upvotes, 1 as finishes, 0 as watch from fin`);
    outputs.push(sql`select 'finish' as kind, json_build_object('a', video_id, 'b', session_id) as r from fin`);
  }
  const w = b.watch;
  if (w && w.sessions.length) {
    // No transaction holds the sessions between the read and this statement: each one is
    // written only if it is still as it was read (or still absent), and otherwise the whole
    // statement fails (STALE_WATCH_SESSION) and the batch is read and planned again. Another
    // instance may have written it; this process never has two batches on one session.
    const rows = w.sessions.map((x) => {
      const was = b.watchBefore.get(pairKey(x.videoId, x.sessionId));
      return { ...x, wasAt: was?.lastReportAt ?? null, wasTotal: was?.totalSeconds ?? null, wasBuckets: was?.buckets ?? null };
    });
    ctes.push(sql`wsx as materialized (
      select * from json_to_recordset(${json(rows)}) as x("videoId" int, "sessionId" text, "lastReportAt" timestamptz, "totalSeconds" bigint, buckets text,
        "wasAt" float8, "wasTotal" bigint, "wasBuckets" text))`);
    ctes.push(sql`ws as (
      insert into video_watch_sessions as s (video_id, session_id, last_report_at, total_seconds, buckets)
      select "videoId", "sessionId", "lastReportAt", "totalSeconds", buckets from wsx
      on conflict (video_id, session_id) do update set
        last_report_at = excluded.last_report_at, total_seconds = excluded.total_seconds, buckets = excluded.buckets
      where (floor(extract(epoch from s.last_report_at) * 1000)::float8, s.total_seconds, s.buckets) =
        (select x."wasAt", x."wasTotal", x."wasBuckets" from wsx x where x."videoId" = excluded.video_id and x."sessionId" = excluded.session_id)
      returning 1)`);
    outputs.push(sql`select 'guard' as kind, null::json as r
      where cast(case when (select count(*) from ws) = ${rows.length} then '0' else ${STALE_WATCH_SESSION} end as int) = 1`);
  }
  if (w && w.events.length) {
    ctes.push(sql`wev as (
      insert into video_watch_events (video_id, session_id, reported_seconds, credited_seconds, position, created_at)
      select x."videoId", x."sessionId", x."reportedSeconds", x."creditedSeconds", x.position, ${at}
      from json_to_recordset(${json(w.events)}) as x("videoId" int, "sessionId" text, "reportedSeconds" float8, "creditedSeconds" int, position float8)
      returning video_id, credited_seconds)`);
    deltas.push(sql`select video_id, 0 as views, 0 as upvotes, 0 as finishes, credited_seconds as watch from wev`);
  }
  if (w && w.retention.length) {
    ctes.push(sql`ret as (
      insert into video_retention (video_id, bucket, viewers)
      select x."videoId", x.bucket, x.n from json_to_recordset(${json(w.retention)}) as x("videoId" int, bucket smallint, n bigint)
      on conflict (video_id, bucket) do update set viewers = video_retention.viewers + excluded.viewers)`);
  }
  if (b.progress.length) {
    // seed 001: max of watched_seconds, always the latest last_position, completed one-way.
    ctes.push(sql`prog as (
      insert into video_progress as p (user_id, video_id, watched_seconds, duration_seconds, last_position, completed)
      select x."userId", x."videoId", x."watchedSeconds", x."durationSeconds", x."lastPosition", coalesce(x.completed, false)
      from json_to_recordset(${json(b.progress)}) as x("userId" int, "videoId" int, "watchedSeconds" int, "durationSeconds" int, "lastPosition" int, completed boolean)
      on conflict (user_id, video_id) do update set
        watched_seconds = greatest(p.watched_seconds, excluded.watched_seconds),
        duration_seconds = excluded.duration_seconds,
        last_position = excluded.last_position,
        completed = p.completed or excluded.completed,
        updated_at = now()
      returning user_id, video_id, watched_seconds, last_position, completed, duration_seconds)`);
    outputs.push(sql`select 'progress' as kind, row_to_json(prog) as r from prog`);
  }
  if (b.moments.length) {
    // Ids are drawn before the insert so each answer gets its own row's id (the order of
    // RETURNING is not promised). The pre-aggregates get one upsert per (video, second) and
    // per slice, summed here, in key order: concurrent batches lock them in the same order.
    const rows = b.moments.map((m, o) => ({ o, v: m.videoId, u: m.userId, t: m.type, s: m.second }));
    ctes.push(sql`mx as materialized (
      select x.o, x.v, x.u, x.t, x.s, nextval(pg_get_serial_sequence('moment_reactions', 'id')) as id
      from json_to_recordset(${json(rows)}) as x(o int, v int, u int, t text, s int))`);
    ctes.push(sql`mins as (insert into moment_reactions (id, user_id, video_id, reaction_type, video_timestamp, created_at)
      select id, u, v, t, s, ${at} from mx)`);
    const perSecond = sumCounts(b.moments.map((m) => ({ key: [m.videoId, m.second], type: m.type })));
    ctes.push(sql`mtl as (insert into moment_reaction_timeline as t (video_id, second, counts)
      select x.k0, x.k1, x.c::int[] from json_to_recordset(${json(perSecond)}) as x(k0 int, k1 int, c text) order by x.k0, x.k1
      on conflict (video_id, second) do update set counts = ${addCounts('t')})`);
    const perSlice = sumCounts(
      b.moments.filter((m) => m.sliceOf !== null).map((m) => ({ key: [m.videoId, m.sliceOf!, bucketOf(m.second, HEATMAP_SLICES, m.sliceOf!)], type: m.type })),
    );
    if (perSlice.length) {
      ctes.push(sql`msl as (insert into moment_reaction_slices as t (video_id, duration_seconds, slice, counts)
        select x.k0, x.k1, x.k2, x.c::int[] from json_to_recordset(${json(perSlice)}) as x(k0 int, k1 float8, k2 int, c text) order by x.k0, x.k1, x.k2
        on conflict (video_id, duration_seconds, slice) do update set counts = ${addCounts('t')})`);
    }
    outputs.push(sql`select 'moment' as kind, json_build_object('o', o, 'id', id) as r from mx`);
  }
  if (b.touched.length) {
    const touchedIds = `{${b.touched.join(',')}}`;
    const statsJson = (alias: string) =>
      sql.raw(`json_build_object('id', ${alias}.video_id, 'v', ${alias}.view_count, 'u', ${alias}.upvote_count, 'c', ${alias}.comment_count, 'f', ${alias}.finish_count, 'w', ${alias}.total_watch_seconds)`);
    if (deltas.length) {
      ctes.push(sql`d as (
        select video_id, sum(views)::bigint as views, sum(upvotes)::bigint as upvotes, sum(finishes)::bigint as finishes, sum(watch)::bigint as watch
        from (${sql.join(deltas, sql` union all `)}) z group by video_id)`);
      // Counter rows are locked in id order before they are updated, and the day's rollup
      // rows (read from upd, so after them) in the same order: concurrent batches (several
      // writers, several instances) queue on them instead of deadlocking.
      // The touched ids (a superset of d's, known before the statement) keep both on the
      // primary key: d's row estimate is a guess, and with it the planner would scan the
      // whole table.
      ctes.push(sql`lk as materialized (
        select video_id from video_stats where video_id = any(${touchedIds}::int[]) and video_id in (select video_id from d)
        order by video_id for update)`);
      ctes.push(sql`upd as (
        update video_stats s set
          view_count = s.view_count + d.views, upvote_count = s.upvote_count + d.upvotes,
          finish_count = s.finish_count + d.finishes, total_watch_seconds = s.total_watch_seconds + d.watch, updated_at = now()
        from d join lk on lk.video_id = d.video_id where s.video_id = d.video_id and s.video_id = any(${touchedIds}::int[])
        returning s.video_id, s.view_count, s.upvote_count, s.comment_count, s.finish_count, s.total_watch_seconds)`);
      ctes.push(sql`daily as (
        insert into video_daily_stats as r (video_id, day, views, watch_seconds, finishes, upvotes)
        select d.video_id, ${b.day}::date, d.views, d.watch, d.finishes, d.upvotes
        from d join upd on upd.video_id = d.video_id order by d.video_id
        on conflict (video_id, day) do update set
          views = r.views + excluded.views, watch_seconds = r.watch_seconds + excluded.watch_seconds,
          finishes = r.finishes + excluded.finishes, upvotes = r.upvotes + excluded.upvotes)`);
      outputs.push(sql`select 'stats' as kind, ${statsJson('upd')} as r from upd`);
    }
    outputs.push(
      sql`select 'stats' as kind, ${statsJson('s0')} as r from video_stats s0 where s0.video_id = any(${touchedIds}::int[])
          ${deltas.length ? sql`and s0.video_id not in (select video_id from d)` : sql``}`,
    );
  }
  if (!outputs.length) outputs.push(sql`select 'none' as kind, null::json as r`);

  const rows = await query<{ kind: string; r: Record<string, unknown> | string | null }>(
    sql`${ctes.length ? sql`with ${sql.join(ctes, sql`, `)}` : sql``} ${sql.join(outputs, sql` union all `)}`,
    tx,
  );
  const outcome: BatchOutcome = { countedViews: new Set(), countedFinishes: new Set(), counts: new Map(), progress: new Map(), rows: new Map(), momentIds: [] };
  for (const row of rows) {
    const r = (typeof row.r === 'string' ? JSON.parse(row.r) : row.r) as Record<string, string | number>;
    if (row.kind === 'view') outcome.countedViews.add(pairKey(r.a!, r.b!));
    else if (row.kind === 'finish') outcome.countedFinishes.add(pairKey(r.a!, r.b!));
    else if (row.kind === 'stats')
      outcome.counts.set(Number(r.id), {
        viewCount: Number(r.v),
        upvoteCount: Number(r.u),
        commentCount: Number(r.c),
        finishCount: Number(r.f),
        totalWatchTime: Number(r.w),
      });
    else if (row.kind === 'row') outcome.rows.set(Number(r.id), r as unknown as GalleryRow);
    else if (row.kind === 'moment') outcome.momentIds[Number(r.o)] = Number(r.id);
    else if (row.kind === 'progress')
      outcome.progress.set(pairKey(r.user_id!, r.video_id!), {
        watched_seconds: Number(r.watched_seconds),
        last_position: Number(r.last_position),
        completed: Boolean(r.completed),
        duration_seconds: Number(r.duration_seconds),
      });
  }
  return outcome;
}

/** Reactions per key as counts arrays (REACTION_SLOTS order), one entry per distinct key, sorted. */
function sumCounts(items: Array<{ key: number[]; type: string }>): Array<Record<string, number | string>> {
  const byKey = new Map<string, { key: number[]; counts: number[] }>();
  for (const { key, type } of items) {
    const k = key.join(':');
    let entry = byKey.get(k);
    if (!entry) byKey.set(k, (entry = { key, counts: REACTION_SLOTS.map(() => 0) }));
    entry.counts[slotOf(type) - 1]! += 1;
  }
  return [...byKey.values()]
    .sort((a, b) => a.key.reduce((d, v, i) => d || v - b.key[i]!, 0))
    .map(({ key, counts }) => ({ ...Object.fromEntries(key.map((v, i) => [`k${i}`, v])), c: `{${counts.join(',')}}` }));
}

/** counts + excluded.counts, slot by slot (a shorter stored array is padded with zeros). */
const addCounts = (alias: string) =>
  sql.raw(`array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${alias}.counts, excluded.counts) with ordinality as u(a, b, i) order by i)`);
