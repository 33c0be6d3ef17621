// The engagement write path: views, upvotes, finishes, watch time and progress from many
// concurrent requests are written as one transaction per batch (see group-commit.ts), one
// multi-row statement per table, counters and rollups updated in the same transaction
// as the event rows so they can never drift from them.
import type { AppContext } from '../../app/context.js';
import type { DbOrTx } from '../../db/client.js';
import { Gauge, Histogram } from 'prom-client';
import { GroupCommit, type FlushOutcome } from './group-commit.js';
import { createEngagementBatchRepository, type VideoGate } from './engagement.batch-repository.js';
import { gateError } from './engagement.errors.js';
import type { GalleryRow } from '../gallery/gallery.repository.js';
import { planWatchReports, type WatchState } from './watch-time.js';

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
export type EngagementOp = ViewOp | UpvoteOp | FinishOp | WatchOp | ProgressOp;

export type Counts = { viewCount: number; upvoteCount: number; commentCount: number; finishCount: number; totalWatchTime: number };
export type ProgressState = { watched_seconds: number; last_position: number; completed: boolean; duration_seconds: number };
export type OpResult =
  | { kind: 'view'; counted: boolean; counts: Counts; row: GalleryRow }
  | { kind: 'upvote'; upvoted: boolean; counts: Counts }
  | { kind: 'finish'; counted: boolean; counts: Counts }
  | { kind: 'watch'; creditedSeconds: number; counts: Counts }
  | { kind: 'progress'; progress: ProgressState };

type Delta = { views: number; upvotes: number; finishes: number; watch: number };

const key = (a: number, b: string | number) => `${a}\u0000${b}`;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

export function createEngagementWriter(ctx: Pick<AppContext, 'database' | 'config' | 'clock' | 'metrics' | 'logger'>) {
  const repo = createEngagementBatchRepository(ctx.database);
  const windowSeconds = ctx.config.viewDedupeWindowSeconds;

  async function flush(ops: EngagementOp[]): Promise<FlushOutcome<OpResult>> {
    const now = ctx.clock.now();
    return ctx.database.db.transaction(async (tx) => {
      const out: FlushOutcome<OpResult> = new Array(ops.length);
      const gates = await repo.gates(unique(ops.map((o) => o.videoId)), tx);
      const live: number[] = [];
      ops.forEach((op, i) => {
        const problem = gateError(gates.get(op.videoId), op.kind === 'progress' ? { progress: true, admin: op.admin } : { admin: op.kind === 'view' && op.admin === true });
        if (problem) out[i] = problem;
        else live.push(i);
      });

      const deltas = new Map<number, Delta>();
      const bump = (videoId: number, field: keyof Delta, n: number) => {
        if (!n) return;
        const d = deltas.get(videoId) ?? { views: 0, upvotes: 0, finishes: 0, watch: 0 };
        d[field] += n;
        deltas.set(videoId, d);
      };
      const pending: Array<(counts: Map<number, Counts>) => void> = [];
      const byKind = <K extends EngagementOp['kind']>(kind: K) =>
        live.filter((i) => ops[i]!.kind === kind) as number[];

      await writeViews(tx, byKind('view'), ops as ViewOp[], gates, now, bump, out, pending);
      await writeUpvotes(tx, byKind('upvote'), ops as UpvoteOp[], bump, out, pending);
      await writeFinishes(tx, byKind('finish'), ops as FinishOp[], bump, out, pending);
      await writeWatch(tx, byKind('watch'), ops as WatchOp[], gates, now, bump, out, pending);
      await writeProgress(tx, byKind('progress'), ops as ProgressOp[], out);

      const touched = unique(live.filter((i) => ops[i]!.kind !== 'progress').map((i) => ops[i]!.videoId));
      if (touched.length) {
        const counts = await repo.applyCounterDeltas(
          [...deltas].map(([videoId, d]) => ({ videoId, ...d })),
          touched,
          utcDay(now),
          tx,
        );
        for (const settle of pending) settle(counts);
      }
      return out;
    });

    // Each writer below fills `out` for its ops (directly, or through `pending` once the
    // batch's counters are known) and reports counter changes through `bump`.
    async function writeViews(tx: DbOrTx, idx: number[], all: ViewOp[], gates: Map<number, VideoGate>, at: Date, bump: Bump, out: Out, pending: Pending) {
      if (!idx.length) return;
      let counted: Set<number>;
      if (windowSeconds === 0) {
        counted = new Set(idx);
      } else {
        // The first read of a (video, viewer) in the batch is the candidate; repeats are not.
        const first = new Map<string, number>();
        for (const i of idx) if (!first.has(key(all[i]!.videoId, all[i]!.viewer))) first.set(key(all[i]!.videoId, all[i]!.viewer), i);
        const accepted = await repo.markViews(
          [...first.values()].map((i) => ({ videoId: all[i]!.videoId, viewer: all[i]!.viewer })),
          at,
          windowSeconds,
          tx,
        );
        counted = new Set([...first].filter(([k]) => accepted.has(k)).map(([, i]) => i));
      }
      const events = idx.filter((i) => counted.has(i)).map((i) => ({ videoId: all[i]!.videoId, viewer: all[i]!.viewer }));
      await repo.insertViewEvents(events, at, tx);
      for (const e of events) bump(e.videoId, 'views', 1);
      pending.push((counts) => {
        for (const i of idx) out[i] = { kind: 'view', counted: counted.has(i), counts: counts.get(all[i]!.videoId)!, row: gates.get(all[i]!.videoId)!.row };
      });
    }

    async function writeUpvotes(tx: DbOrTx, idx: number[], all: UpvoteOp[], bump: Bump, out: Out, pending: Pending) {
      if (!idx.length) return;
      // Ops on one (video, session) in one batch: the last one decides the stored state,
      // as if they had run one after another in arrival order.
      const last = new Map<string, UpvoteOp>();
      for (const i of idx) last.set(key(all[i]!.videoId, all[i]!.sessionId), all[i]!);
      const adds = [...last.values()].filter((o) => o.on);
      const removes = [...last.values()].filter((o) => !o.on);
      for (const videoId of await repo.insertUpvotes(adds, tx)) bump(videoId, 'upvotes', 1);
      for (const videoId of await repo.deleteUpvotes(removes, tx)) bump(videoId, 'upvotes', -1);
      pending.push((counts) => {
        for (const i of idx) out[i] = { kind: 'upvote', upvoted: all[i]!.on, counts: counts.get(all[i]!.videoId)! };
      });
    }

    async function writeFinishes(tx: DbOrTx, idx: number[], all: FinishOp[], bump: Bump, out: Out, pending: Pending) {
      if (!idx.length) return;
      const first = new Map<string, number>();
      for (const i of idx) if (!first.has(key(all[i]!.videoId, all[i]!.sessionId))) first.set(key(all[i]!.videoId, all[i]!.sessionId), i);
      const inserted = await repo.insertFinishes([...first.values()].map((i) => all[i]!), tx);
      const counted = new Set([...first].filter(([k]) => inserted.has(k)).map(([, i]) => i));
      for (const i of counted) bump(all[i]!.videoId, 'finishes', 1);
      pending.push((counts) => {
        for (const i of idx) out[i] = { kind: 'finish', counted: counted.has(i), counts: counts.get(all[i]!.videoId)! };
      });
    }

    async function writeWatch(tx: DbOrTx, idx: number[], all: WatchOp[], gates: Map<number, VideoGate>, at: Date, bump: Bump, out: Out, pending: Pending) {
      if (!idx.length) return;
      const keys = unique(idx.map((i) => key(all[i]!.videoId, all[i]!.sessionId)));
      const states: Map<string, WatchState> = await repo.lockWatchSessions(
        keys.map((k) => {
          const [v, s] = k.split('\u0000');
          return { videoId: Number(v), sessionId: s! };
        }),
        tx,
      );
      const plan = planWatchReports(
        idx.map((i) => ({ ...all[i]!, durationSeconds: gates.get(all[i]!.videoId)!.durationSeconds })),
        states,
      );
      plan.results.forEach((r, j) => {
        if (r instanceof Error) out[idx[j]!] = r;
      });
      await repo.saveWatchSessions(plan.sessions, tx);
      await repo.insertWatchEvents(plan.events, at, tx);
      await repo.addRetention(plan.retention, tx);
      for (const e of plan.events) bump(e.videoId, 'watch', e.creditedSeconds);
      pending.push((counts) => {
        plan.results.forEach((r, j) => {
          if (!(r instanceof Error)) out[idx[j]!] = { kind: 'watch', creditedSeconds: r.creditedSeconds, counts: counts.get(all[idx[j]!]!.videoId)! };
        });
      });
    }

    async function writeProgress(tx: DbOrTx, idx: number[], all: ProgressOp[], out: Out) {
      if (!idx.length) return;
      // seed 001: max of watched_seconds, always the latest last_position, completed one-way.
      const merged = new Map<string, ProgressOp>();
      for (const i of idx) {
        const op = all[i]!;
        const k = key(op.userId, op.videoId);
        const prev = merged.get(k);
        merged.set(
          k,
          prev
            ? { ...op, watchedSeconds: Math.max(prev.watchedSeconds, op.watchedSeconds), completed: prev.completed || op.completed }
            : op,
        );
      }
      const rows = await repo.upsertProgress([...merged.values()], tx);
      for (const i of idx) out[i] = { kind: 'progress', progress: rows.get(key(all[i]!.userId, all[i]!.videoId))! };
    }
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
    lingerMs: 1,
    maxBatch: 2000,
    isRetryable: (err) => ['40001', '40P01'].includes(String((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code)),
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
    submit: (op: EngagementOp) => committer.submit(op),
    close: () => committer.close(),
    get pending() {
      return committer.pending;
    },
  };
}

export type EngagementWriter = ReturnType<typeof createEngagementWriter>;
type Bump = (videoId: number, field: keyof Delta, n: number) => void;
type Out = FlushOutcome<OpResult>;
type Pending = Array<(counts: Map<number, Counts>) => void>;

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
