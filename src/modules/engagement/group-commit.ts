// Group commit: concurrent requests are collected while the previous batch is being
// written (or for `lingerMs` when idle, or until `startAt` of them wait) and written
// together by one call of `flush`, which writes them atomically. Each request's promise
// settles only after its batch has committed, so an answered request is durable.

export type FlushOutcome<R> = Array<R | Error>;

export type GroupCommitOptions<Op, R> = {
  /** Writes a batch in one transaction; returns one result or Error per op, in order. */
  flush(ops: Op[]): Promise<FlushOutcome<R>>;
  /** How long an idle batcher waits for company before writing (ms). */
  lingerMs?: number;
  /**
   * After a batch, wait up to this long (ms) for more ops while they keep arriving (one
   * event-loop turn at a time) before writing the next. For a database on this thread
   * (PGlite): fewer, fuller batches cost it less time than many half-full ones. 0: at once.
   */
  gatherMs?: number;
  /** Upper bound on one batch; the rest wait for the next one. */
  maxBatch?: number;
  /**
   * A batch this full starts at once, without lingering or gathering, when a writer is free,
   * and a finishing batch hands straight to the next one if this many wait. With two writers
   * the next batch fills while one is written, so this thread answers one group of requests
   * while the database writes another instead of the two taking turns. Default: never.
   */
  startAt?: number;
  /** Batches written at once (default 1). */
  concurrency?: number;
  /**
   * Ops with the same key are never in two batches being written at once: an op whose key
   * a running batch holds waits for the next batch (in order). Ops without a key never wait.
   */
  exclusiveKey?(op: Op): string | undefined;
  /** Whole-batch failures worth retrying (deadlocks, serialization failures). */
  isRetryable?(err: unknown): boolean;
  /** Called after each committed batch with how long its oldest op waited (s). */
  onCommitted?(info: { size: number; oldestWaitSeconds: number }): void;
};

type Pending<Op, R> = { op: Op; enqueuedAt: number; resolve(r: R): void; reject(e: unknown): void };

export class GroupCommitClosedError extends Error {
  constructor() {
    super('The engagement writer is shutting down');
    this.name = 'GroupCommitClosedError';
  }
}

export class GroupCommit<Op, R> {
  private queue: Pending<Op, R>[] = [];
  private flushes = new Set<Promise<void>>();
  private held = new Set<string>();
  private gathering = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: GroupCommitOptions<Op, R>) {}

  /** Resolves with the op's result once its batch has committed. */
  submit(op: Op): Promise<R> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ op, enqueuedAt: performance.now(), resolve, reject });
      if (this.full && this.flushes.size < this.concurrency) this.start();
      else this.schedule();
    });
  }

  /** Age of the oldest op not yet committed (s): the counter flush lag. */
  oldestPendingSeconds(): number {
    const first = this.queue[0];
    return first ? (performance.now() - first.enqueuedAt) / 1000 : 0;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes everything already submitted, then refuses new ops. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushes.size || this.queue.length) {
      this.start();
      if (this.flushes.size) await Promise.race(this.flushes);
    }
  }

  /** Enough ops wait for a batch to start without lingering or gathering (see startAt). */
  private get full(): boolean {
    return this.queue.length >= (this.opts.startAt ?? Infinity);
  }

  private get concurrency(): number {
    return Math.max(1, this.opts.concurrency ?? 1);
  }

  private schedule(): void {
    // With every writer busy the queue waits: a finishing batch starts the next at once
    // (or after gathering, see gatherMs).
    if (this.timer || this.gathering || this.flushes.size >= this.concurrency) return;
    if (this.opts.gatherMs) return this.gather();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.opts.lingerMs ?? 1);
  }

  private start(): void {
    while (this.queue.length && this.flushes.size < this.concurrency) {
      const { batch, keys } = this.take();
      if (!batch.length) return; // every queued op waits on a running batch's key
      const running: Promise<void> = this.write(batch).finally(() => {
        for (const k of keys) this.held.delete(k);
        this.flushes.delete(running);
        if (this.closed || !this.queue.length) return;
        if (this.full) this.start();
        else this.gather();
      });
      this.flushes.add(running);
    }
  }

  /**
   * Starts the next batch once ops stop arriving: after two event-loop turns in a row that
   * added none (answers go out in one turn, the requests they prompt come in a later one),
   * or after gatherMs.
   */
  private gather(): void {
    const limit = this.opts.gatherMs ?? 0;
    if (!limit) return this.start();
    if (this.gathering) return;
    this.gathering = true;
    const since = performance.now();
    let seen = this.queue.length;
    let quiet = 0;
    const turn = () => {
      quiet = this.queue.length > seen ? 0 : quiet + 1;
      seen = this.queue.length;
      if (this.closed || quiet >= 2 || performance.now() - since >= limit) {
        this.gathering = false;
        this.start();
      } else setImmediate(turn);
    };
    setImmediate(turn);
  }

  /** The next batch: queued ops in order, up to maxBatch, skipping those whose key is held. */
  private take(): { batch: Pending<Op, R>[]; keys: string[] } {
    const max = this.opts.maxBatch ?? 2000;
    const keyOf = this.opts.exclusiveKey;
    if (!keyOf) return { batch: this.queue.splice(0, max), keys: [] };
    const batch: Pending<Op, R>[] = [];
    const rest: Pending<Op, R>[] = [];
    const keys = new Set<string>();
    for (const p of this.queue) {
      const k = batch.length < max ? keyOf(p.op) : undefined;
      if (batch.length >= max || (k !== undefined && this.held.has(k))) {
        rest.push(p);
        continue;
      }
      if (k !== undefined) keys.add(k);
      batch.push(p);
    }
    this.queue = rest;
    for (const k of keys) this.held.add(k);
    return { batch, keys: [...keys] };
  }

  private async write(batch: Pending<Op, R>[]): Promise<void> {
    const ops = batch.map((p) => p.op);
    let results: FlushOutcome<R> | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        results = await this.opts.flush(ops);
        break;
      } catch (err) {
        if (attempt < 5 && this.opts.isRetryable?.(err)) {
          await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
          continue;
        }
        for (const p of batch) p.reject(err);
        return;
      }
    }
    this.opts.onCommitted?.({ size: batch.length, oldestWaitSeconds: (performance.now() - batch[0]!.enqueuedAt) / 1000 });
    batch.forEach((p, i) => {
      const r = results![i];
      if (r instanceof Error) p.reject(r);
      else p.resolve(r as R);
    });
  }
}
