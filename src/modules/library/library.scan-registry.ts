// Background scans started through the API, run in this process: one at a time, progress
// readable by id, aborted at shutdown. (A job type can call the same scan use case; this
// registry is only what the API needs to answer 202 and report progress.)
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { scanNotFound, scanRunning } from './library.errors.js';
import { scanLibrary, type ScanProgress, type ScanSummary } from './library.scan.js';

export type ScanStatus = {
  id: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  roots: string[];
  progress: { phase: string; done: number; total: number };
  summary: ScanSummary | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};

const KEEP = 20;
const registries = new WeakMap<AppContext, ReturnType<typeof build>>();

function build(ctx: AppContext) {
  const scans = new Map<string, ScanStatus>();
  let running: { id: string; abort: AbortController; done: Promise<void> } | undefined;
  ctx.onStop(async () => {
    running?.abort.abort();
    await running?.done;
  });

  const snapshot = (s: ScanStatus): ScanStatus => ({ ...s, progress: { ...s.progress }, roots: [...s.roots] });

  return {
    start(roots: string[]): ScanStatus {
      if (running) throw scanRunning(running.id);
      const id = randomUUID();
      const status: ScanStatus = {
        id, status: 'running', roots, progress: { phase: 'walking', done: 0, total: 0 }, summary: null, error: null,
        startedAt: ctx.clock.now().toISOString(), finishedAt: null,
      };
      scans.set(id, status);
      for (const old of [...scans.keys()].slice(0, Math.max(0, scans.size - KEEP))) scans.delete(old);
      const abort = new AbortController();
      const onProgress = (p: ScanProgress) => {
        status.progress = { phase: p.phase, done: p.done, total: p.total };
      };
      const done = scanLibrary(ctx, { roots, onProgress, signal: abort.signal }).then(
        (summary) => {
          status.status = 'completed';
          status.summary = summary;
        },
        (err: unknown) => {
          status.status = abort.signal.aborted ? 'cancelled' : 'failed';
          status.error = err instanceof Error ? err.message : String(err);
          ctx.logger.error({ err, scanId: id }, 'library scan failed');
        },
      ).finally(() => {
        status.finishedAt = ctx.clock.now().toISOString();
        running = undefined;
      });
      running = { id, abort, done };
      return snapshot(status);
    },

    get(id: string): ScanStatus {
      const s = scans.get(id);
      if (!s) throw scanNotFound();
      return snapshot(s);
    },

    list(): ScanStatus[] {
      return [...scans.values()].reverse().map(snapshot);
    },

    /** Resolves when the running scan (if any) has finished; for tests and shutdown. */
    async idle(): Promise<void> {
      await running?.done;
    },
  };
}

export function createScanRegistry(ctx: AppContext) {
  let r = registries.get(ctx);
  if (!r) {
    r = build(ctx);
    registries.set(ctx, r);
  }
  return r;
}
