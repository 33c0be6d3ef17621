// The engagement write path: views, upvotes, finishes, watch time and progress from many
// concurrent requests are written as one transaction per batch (see group-commit.ts), one
// multi-row statement per table, counters and rollups updated in the same transaction
// as the event rows so they can never drift from them.
import type { AppContext } from '../../app/context.js';
import { Gauge, Histogram } from 'prom-client';
import { GroupCommit, type FlushOutcome } from './group-commit.js';
import { createEngagementBatchRepository, type VideoFacts } from './engagement.batch-repository.js';
import { isStalePlan, writeBatch } from './engagement.batch-statement.js';
import { preparedQuery } from '../../db/prepared-query.js';
import { pgErrorCode } from '../../db/errors.js';
import { pairKey } from './engagement.keys.js';
import { gateError } from './engagement.errors.js';
import { reactableError, timestampOutsideVideo } from '../reactions/reactions.errors.js';
import type { GalleryRow } from '../gallery/gallery.repository.js';
import { planWatchReports, type WatchState } from './watch-time.js';
import { LRUCache } from 'lru-cache';

export type ViewOp = { kind: 'view'; videoId: number; viewer: string; admin?: boolean };
export type UpvoteOp = { kind: 'upvote'; videoId: number; sessionId: string; on: boolean };
export type FinishOp = { kind: 'finish'; videoId: number; sessionId: string };
export type WatchOp = { kind: 'watch'; videoId: number; sessionId: string; seconds: number; position: number | undefined; at: number };
export type ProgressOp = {
  kind: 'progress';
  videoId: number;
  userId: number;
  admin: boolean;
  watchedSeconds: number;
  durationSeconds: number;
  lastPosition: number;
  completed: boolean | undefined;
};
/** A moment reaction (seed 003): its type already checked against the catalogue. */
export type MomentOp = { kind: 'moment'; videoId: number; userId: number; admin: boolean; type: string; videoTimestamp: number };
export type EngagementOp = ViewOp | UpvoteOp | FinishOp | WatchOp | ProgressOp | MomentOp;

export type Counts = { viewCount: number; upvoteCount: number; commentCount: number; finishCount: number; totalWatchTime: number };
export type ProgressState = { watched_seconds: number; last_position: number; completed: boolean; duration_seconds: number };
export type OpResult =
  | { kind: 'view'; counted: boolean; counts: Counts; row: GalleryRow }
  | { kind: 'upvote'; upvoted: boolean; counts: Counts }
  | { kind: 'finish'; counted: boolean; counts: Counts }
  | { kind: 'watch'; creditedSeconds: number; counts: Counts }
  | { kind: 'progress'; progress: ProgressState }
  | { kind: 'moment'; id: number; second: number; createdAt: Date };

/** What makes two ops of a kind the same: (video, viewer), (user, video) or (video, session). Moments never merge. */
const opKeyOf = (o: EngagementOp) =>
  o.kind === 'view'
    ? pairKey(o.videoId, o.viewer)
    : o.kind === 'progress' || o.kind === 'moment'
      ? pairKey(o.userId, o.videoId)
      : pairKey(o.videoId, o.sessionId);
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

export function createEngagementWriter(ctx: Pick<AppContext, 'database' | 'config' | 'clock' | 'metrics' | 'logger'>) {
  const repo = createEngagementBatchRepository(ctx.database);
  const query = preparedQuery(ctx.database);
  const windowSeconds = ctx.config.viewDedupeWindowSeconds;
  // What batches are planned from, remembered between them: a batch whose videos and
  // sessions are all known here is ONE statement (the write), which checks that none of it
  // changed meanwhile (another instance, an admin's lock) and fails whole if it did; the
  // batch is then read and planned again. Sessions not known here are taken to be new,
  // which that same check confirms.
  const knownFacts = new LRUCache<number, VideoFacts>({ max: 200_000 });
  const knownSessions = new LRUCache<string, WatchState>({ max: 100_000 });

  async function flush(ops: EngagementOp[]): Promise<FlushOutcome<OpResult>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await plan(ops, attempt > 0);
      } catch (err) {
        if (!isStalePlan(err) || attempt >= 5) throw err;
        for (const op of ops) {
          knownFacts.delete(op.videoId);
          if (op.kind === 'watch') knownSessions.delete(opKeyOf(op));
        }
      }
    }
  }

  /**
   * What the batch is planned from: its videos' facts and its watch sessions' states, as
   * remembered, after reading what is not (or, when `fresh`, everything) in one statement.
   */
  async function recall(ops: EngagementOp[], fresh: boolean) {
    const ids = unique(ops.map((o) => o.videoId));
    const watched = new Map<string, { videoId: number; sessionId: string }>();
    for (const o of ops) if (o.kind === 'watch') watched.set(opKeyOf(o), { videoId: o.videoId, sessionId: o.sessionId });
    const unknownIds = fresh ? ids : ids.filter((id) => !knownFacts.has(id));
    if (unknownIds.length || (fresh && watched.size)) {
      const read = await repo.read(unknownIds, fresh ? [...watched.values()] : []);
      for (const id of unknownIds) remember(knownFacts, id, read.facts.get(id));
      if (fresh) for (const k of watched.keys()) remember(knownSessions, k, read.sessions.get(k));
    }
    return { facts: known(knownFacts, ids), sessions: known(knownSessions, [...watched.keys()]) };
  }

  /** One batch: at most one read (see recall), one write. */
  async function plan(ops: EngagementOp[], fresh: boolean): Promise<FlushOutcome<OpResult>> {
    const now = ctx.clock.now();
    const out: FlushOutcome<OpResult> = new Array(ops.length);
    const { facts, sessions } = await recall(ops, fresh);

    const live: number[] = [];
    ops.forEach((op, i) => {
      const problem = opError(op, facts.get(op.videoId));
      if (problem) out[i] = problem;
      else live.push(i);
    });
    const idxOf = (kind: EngagementOp['kind']) => live.filter((i) => ops[i]!.kind === kind);
    const views = idxOf('view');
    const upvotes = idxOf('upvote');
    const finishes = idxOf('finish');
    const watches = idxOf('watch');
    const progress = idxOf('progress');
    const moments = idxOf('moment');
    const opKey = (i: number) => opKeyOf(ops[i]!);
    const firstPerKey = (idx: number[]) => {
      const first = new Map<string, number>();
      for (const i of idx) if (!first.has(opKey(i))) first.set(opKey(i), i);
      return first;
    };

    // Views: within the dedupe window only the first read of a (video, viewer) in the
    // batch is a candidate; with no window every read counts.
    const firstView = firstPerKey(views);
    const viewCandidates = windowSeconds === 0 ? views : [...firstView.values()];
    // Upvotes on one (video, session) in one batch: the last decides the stored state, as
    // if they had run one after another in arrival order.
    const lastUpvote = new Map<string, UpvoteOp>();
    for (const i of upvotes) lastUpvote.set(opKey(i), ops[i] as UpvoteOp);
    const firstFinish = firstPerKey(finishes);

    let watchPlan: ReturnType<typeof planWatchReports> | undefined;
    if (watches.length) {
      watchPlan = planWatchReports(
        watches.map((i) => ({ ...(ops[i] as WatchOp), durationSeconds: facts.get(ops[i]!.videoId)!.durationSeconds })),
        sessions,
      );
      watchPlan.results.forEach((r, j) => {
        if (r instanceof Error) out[watches[j]!] = r;
      });
    }
    const mergedProgress = new Map<string, ProgressOp>();
    for (const i of progress) {
      const op = ops[i] as ProgressOp;
      const prev = mergedProgress.get(opKey(i));
      mergedProgress.set(
        opKey(i),
        prev ? { ...op, watchedSeconds: Math.max(prev.watchedSeconds, op.watchedSeconds), completed: prev.completed || op.completed } : op,
      );
    }

    const momentRows = moments.map((i) => {
      const op = ops[i] as MomentOp;
      const second = Math.floor(op.videoTimestamp);
      const duration = facts.get(op.videoId)!.durationSeconds;
      return { videoId: op.videoId, userId: op.userId, type: op.type, second, sliceOf: duration && duration > 0 ? duration : null };
    });

    const result = await writeBatch(query, {
      at: now,
      day: utcDay(now),
      facts: [...facts].map(([id, f]) => ({ id, ...f })),
      detailIds: unique(views.map((i) => ops[i]!.videoId)),
      views: viewCandidates.map((i) => ({ videoId: ops[i]!.videoId, viewer: (ops[i] as ViewOp).viewer })),
      viewWindowSeconds: windowSeconds,
      upvoteAdds: [...lastUpvote.values()].filter((o) => o.on).map(({ videoId, sessionId }) => ({ videoId, sessionId })),
      upvoteRemoves: [...lastUpvote.values()].filter((o) => !o.on).map(({ videoId, sessionId }) => ({ videoId, sessionId })),
      finishes: [...firstFinish.values()].map((i) => ({ videoId: ops[i]!.videoId, sessionId: (ops[i] as FinishOp).sessionId })),
      watch: watchPlan,
      watchBefore: sessions,
      progress: [...mergedProgress.values()],
      moments: momentRows,
      touched: unique([...views, ...upvotes, ...finishes, ...watches].map((i) => ops[i]!.videoId)),
    });
    for (const s of watchPlan?.sessions ?? []) {
      knownSessions.set(pairKey(s.videoId, s.sessionId), {
        lastReportAt: s.lastReportAt.getTime(),
        totalSeconds: s.totalSeconds,
        buckets: s.buckets,
      });
    }

    const counts = (i: number) => result.counts.get(ops[i]!.videoId)!;
    for (const i of views) {
      const counted = windowSeconds === 0 || (firstView.get(opKey(i)) === i && result.countedViews.has(opKey(i)));
      out[i] = { kind: 'view', counted, counts: counts(i), row: result.rows.get(ops[i]!.videoId)! };
    }
    for (const i of upvotes) out[i] = { kind: 'upvote', upvoted: (ops[i] as UpvoteOp).on, counts: counts(i) };
    for (const i of finishes) out[i] = { kind: 'finish', counted: firstFinish.get(opKey(i)) === i && result.countedFinishes.has(opKey(i)), counts: counts(i) };
    watches.forEach((i, j) => {
      const r = watchPlan!.results[j]!;
      if (!(r instanceof Error)) out[i] = { kind: 'watch', creditedSeconds: r.creditedSeconds, counts: counts(i) };
    });
    for (const i of progress) out[i] = { kind: 'progress', progress: result.progress.get(opKey(i))! };
    moments.forEach((i, j) => {
      out[i] = { kind: 'moment', id: result.momentIds[j]!, second: momentRows[j]!.second, createdAt: now };
    });
    return out;
  }

  const lag = new Histogram({
    name: 'reel_counter_flush_lag_seconds',
    help: 'Time from an engagement write being received to its batch committing (counter flush lag)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [ctx.metrics],
  });
  const batchSize = new Histogram({
    name: 'reel_counter_flush_batch_size',
    help: 'Engagement writes committed per batch',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
    registers: [ctx.metrics],
  });

  const committer = new GroupCommit<EngagementOp, OpResult>({
    flush,
    // Write once writes stop arriving rather than after a fixed linger (a burst of requests
    // is read in one event-loop turn), waiting at most this long. PGlite has one engine (on
    // its own thread): a fuller batch costs it less per write than two half-full ones, as
    // planning and committing are per statement. On PostgreSQL 2 ms measured ~7% more
    // throughput than the 1 ms linger (bench/engagement.ts, two A/B pairs).
    gatherMs: ctx.database.kind === 'pglite' ? 5 : 2,
    maxBatch: 2000,
    // A batch that holds every waiting request makes this thread and the database take
    // turns: requests are read, then the thread idles while the batch is written, then
    // everything is answered at once (measured ~50% busy each, PGlite's engine thread or
    // PostgreSQL). A batch starts as soon as 16 ops wait and one of two writers is free, and
    // a finishing batch hands straight to the next when 16 wait: requests split into groups
    // that alternate, one answered here while the other is written (bench/engagement.ts:
    // PGlite ~0.25× → ~0.39-0.44× the bare route, PostgreSQL ~0.38× → ~0.41-0.46×). Two
    // writers, not more: batches written at once on PostgreSQL wait on each other's counter
    // rows (locked in id order, see engagement.batch-statement.ts, so they never deadlock).
    concurrency: 2,
    startAt: 16,
    // This process never writes one watch session from two batches at once.
    exclusiveKey: (op) => (op.kind === 'watch' ? opKeyOf(op) : undefined),
    // Serialization failures and deadlocks: the batch is written again whole.
    isRetryable: (err) => ['40001', '40P01'].includes(pgErrorCode(err) ?? ''),
    onCommitted: ({ size, oldestWaitSeconds }) => {
      lag.observe(oldestWaitSeconds);
      batchSize.observe(size);
    },
  });

  new Gauge({
    name: 'reel_counter_flush_pending_age_seconds',
    help: 'Age of the oldest engagement write not yet committed (0 when none wait)',
    registers: [ctx.metrics],
    collect() {
      this.set(committer.oldestPendingSeconds());
    },
  });

  return {
    /** Resolves once the op's batch has committed, with the result of the op's own kind. */
    submit: <O extends EngagementOp>(op: O) => committer.submit(op) as Promise<Extract<OpResult, { kind: O['kind'] }>>,
    close: () => committer.close(),
    get pending() {
      return committer.pending;
    },
  };
}

export type EngagementWriter = ReturnType<typeof createEngagementWriter>;

const writers = new WeakMap<object, EngagementWriter>();

/** The process's writer for this context (created on first use, closed with the context). */
export function engagementWriterFor(ctx: Pick<AppContext, 'database' | 'config' | 'clock' | 'metrics' | 'logger' | 'onStop'>): EngagementWriter {
  let w = writers.get(ctx.database);
  if (!w) {
    w = createEngagementWriter(ctx);
    writers.set(ctx.database, w);
    const writer = w;
    ctx.onStop(() => writer.close());
  }
  return w;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Stores what was read, or forgets the key when nothing was (a deleted video, a new session). */
function remember<K extends string | number, V extends object>(cache: LRUCache<K, V>, key: K, value: V | undefined): void {
  if (value) cache.set(key, value);
  else cache.delete(key);
}

/** The entries of `keys` the cache holds. */
function known<K extends string | number, V extends object>(cache: LRUCache<K, V>, keys: K[]): Map<K, V> {
  const out = new Map<K, V>();
  for (const k of keys) {
    const v = cache.get(k);
    if (v) out.set(k, v);
  }
  return out;
}

/** Why an op may not be written on this video (seed rules per kind), or nothing. */
function opError(op: EngagementOp, facts: VideoFacts | undefined): Error | undefined {
  if (op.kind === 'moment') {
    // A moment must also lie within the video.
    const problem = reactableError(facts, op.admin);
    if (problem || !facts) return problem;
    const duration = facts.durationSeconds;
    return duration !== null && op.videoTimestamp > duration ? timestampOutsideVideo(duration) : undefined;
  }
  return gateError(facts, op.kind === 'progress' ? { progress: true, admin: op.admin } : { admin: op.kind === 'view' && op.admin === true });
}
