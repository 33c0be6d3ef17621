// A worker node: registers its capacity, claims batches of jobs that fit in its free slots
// and VRAM, runs their handlers with an AbortSignal, renews leases while they run, batches
// completions into one UPDATE, retries failures with exponential backoff, and re-queues
// jobs whose worker died once their lease expires.
import { hostname } from 'node:os';
import type { AppContext } from '../app/context.js';
import type { JobRow, ResourceCategory } from '../modules/jobs/jobs.table.js';
import { FfmpegError } from '../media/ffmpeg-runner.js';
import { describeZodError, jobDefaults, PermanentJobError, type JobRegistry } from './registry.js';
import { createJobQueue, type JobQueue } from './queue.js';
import { createPipelines, type Pipelines } from './pipelines.js';
import { createNodesRepository, type NodeCapacity } from './nodes.repository.js';
import { addUsage, detectGpuVramMb, emptyUsage, GPU_AI_MAX_CONCURRENT, type Usage } from './capacity.js';
import { subscribeSignals } from './signals.js';
import { AppError } from '../shared/errors.js';

/** Errors that a retry cannot fix: bad params, missing rows, 4xx domain errors. */
const isPermanent = (err: unknown) => err instanceof PermanentJobError || (err instanceof AppError && err.status < 500);

export type WorkerOptions = {
  name?: string;
  capacity?: Partial<NodeCapacity>;
  leaseMs?: number;
  /** Safety net for missed wake-ups and delayed retries on other nodes. */
  pollMs?: number;
  retentionMs?: number;
  /** Keep queue positions and waiting reasons on the rows fresh (one node is enough). */
  maintainQueueView?: boolean;
  queue?: JobQueue;
  pipelines?: Pipelines;
};

type StopReason = 'cancel' | 'lease' | 'timeout' | 'shutdown';
type Active = {
  job: JobRow;
  controller: AbortController;
  reason?: StopReason;
  log: string;
  progress: number;
  lastSaved: number;
  lastEmitted: number;
  done?: Promise<void>;
};

const CATEGORIES: ResourceCategory[] = ['gpu_ai', 'gpu_encode', 'cpu'];
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600_000;

export class JobWorker {
  readonly name: string;
  capacity: NodeCapacity = { cpuSlots: 0, encodeSlots: 0, gpuVramMb: 0 };
  private gpuSource = 'config';
  private readonly leaseMs: number;
  private readonly active = new Map<number, Active>();
  private readonly usage: Usage = emptyUsage();
  private readonly queue: JobQueue;
  private readonly pipelines: Pipelines;
  private readonly nodes;
  private readonly types: string[];
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => Promise<void>;
  private claiming = false;
  private again = false;
  private stopping = false;
  private doneBuffer: Array<{ active: Active; result: unknown }> = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly ctx: AppContext,
    private readonly registry: JobRegistry,
    private readonly opts: WorkerOptions = {},
  ) {
    this.name = opts.name ?? ctx.config.worker.name ?? `${hostname()}-${process.pid}`;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.queue = opts.queue ?? createJobQueue(ctx, registry);
    this.pipelines = opts.pipelines ?? createPipelines(ctx, this.queue);
    this.nodes = createNodesRepository(ctx.database);
    this.types = Object.keys(registry);
  }

  async start(): Promise<this> {
    const w = this.ctx.config.worker;
    let gpu = this.opts.capacity?.gpuVramMb ?? w.gpuVramMb;
    if (this.opts.capacity?.gpuVramMb === undefined && gpu === 0) {
      const detected = await detectGpuVramMb();
      if (detected) [gpu, this.gpuSource] = [detected, 'nvidia-smi'];
    }
    this.capacity = { cpuSlots: this.opts.capacity?.cpuSlots ?? w.cpuSlots, encodeSlots: this.opts.capacity?.encodeSlots ?? w.encodeSlots, gpuVramMb: gpu };
    await this.nodes.register({ ...this.capacity, name: this.name, hostname: hostname(), pid: process.pid, gpuSource: this.gpuSource });
    this.unsubscribe = await subscribeSignals(this.ctx.database, this.ctx.logger, {
      wake: () => this.tick(),
      cancel: (id) => this.abort(id, 'cancel'),
    });
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err) => this.ctx.logger.warn({ err, worker: this.name }, 'job worker housekeeping failed')), ms);
      t.unref();
      this.timers.push(t);
    };
    every(Math.max(100, Math.floor(this.leaseMs / 3)), () => this.heartbeat());
    every(Math.max(100, Math.min(Math.floor(this.leaseMs / 2), 10_000)), () => this.reap());
    every(this.opts.pollMs ?? 5_000, async () => {
      this.tick();
      if (this.opts.maintainQueueView) await this.queue.queueView();
    });
    every(3600_000, () => this.queue.repo.pruneCompleted(this.opts.retentionMs ?? DEFAULT_RETENTION_MS));
    this.ctx.logger.info({ worker: this.name, ...this.capacity, gpuSource: this.gpuSource }, 'job worker started');
    await this.reap();
    this.tick();
    return this;
  }

  /** Stops claiming, lets running jobs finish for `graceMs`, then aborts and re-queues the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const waitAll = () => Promise.all([...this.active.values()].map((a) => a.done));
    await Promise.race([waitAll(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    for (const id of this.active.keys()) this.abort(id, 'shutdown');
    await waitAll();
    await this.flush();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.unsubscribe?.();
    await this.nodes.markStopped(this.name).catch(() => undefined);
  }

  runningJobs(): JobRow[] {
    return [...this.active.values()].map((a) => a.job);
  }

  /** Asks for a claim round; rounds never overlap, a wake during one triggers another. */
  tick(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    void (async () => {
      try {
        let claimed = 0;
        do {
          this.again = false;
          claimed = await this.claimRound();
        } while ((this.again || claimed > 0) && !this.stopping);
      } catch (err) {
        this.ctx.logger.warn({ err, worker: this.name }, 'claiming jobs failed');
      } finally {
        this.claiming = false;
      }
    })();
  }

  private freeSlots(category: ResourceCategory): number {
    const c = this.capacity;
    if (category === 'cpu') return c.cpuSlots - this.usage.cpu;
    if (category === 'gpu_encode') return c.encodeSlots - this.usage.encode;
    return c.gpuVramMb > 0 ? GPU_AI_MAX_CONCURRENT - this.usage.gpuAi : 0;
  }

  private async claimRound(): Promise<number> {
    let claimed = 0;
    for (const category of CATEGORIES) {
      const free = this.freeSlots(category);
      if (free <= 0) continue;
      // GPU jobs are taken one at a time so their VRAM is counted before the next claim.
      const gpu = category !== 'cpu';
      const jobs = await this.queue.repo.claim({
        category,
        limit: gpu ? 1 : free,
        maxVram: gpu ? this.capacity.gpuVramMb - this.usage.vram : 0,
        worker: this.name,
        leaseMs: this.leaseMs,
        types: this.types,
      });
      for (const job of jobs) this.startJob(job);
      claimed += jobs.length;
    }
    return claimed;
  }

  private startJob(job: JobRow): void {
    addUsage(this.usage, job.resourceCategory, job.vramRequired, 1);
    const active: Active = { job, controller: new AbortController(), log: '', progress: 0, lastSaved: 0, lastEmitted: 0 };
    this.active.set(job.id, active);
    this.queue.emit(job);
    active.done = this.runJob(active).catch((err) => this.ctx.logger.error({ err, jobId: job.id }, 'job bookkeeping failed'));
  }

  private abort(id: number, reason: StopReason): void {
    const active = this.active.get(id);
    if (!active || active.controller.signal.aborted) return;
    active.reason = reason;
    active.controller.abort(new Error(reason));
  }

  private async runJob(active: Active): Promise<void> {
    const { job } = active;
    const def = this.registry[job.type]!;
    const d = jobDefaults(def);
    const log = (line: string) => void (active.log += `[${new Date().toISOString()}] ${line}\n`);
    const timer = setTimeout(() => this.abort(job.id, 'timeout'), d.timeoutMs);
    try {
      const parsed = def.schema.safeParse(job.params);
      if (!parsed.success) throw new PermanentJobError(`invalid params for ${job.type}: ${describeZodError(parsed.error)}`);
      if (job.attempts > 1) log(`attempt ${job.attempts} of ${job.maxAttempts} on ${this.name}`);
      const result = await def.handler({
        id: job.id,
        type: job.type,
        params: parsed.data,
        attempt: job.attempts,
        signal: active.controller.signal,
        ctx: this.ctx,
        pipelineId: job.pipelineId,
        createPipeline: (name, steps) => this.pipelines.create({ name, steps }),
        log,
        progress: (p) => this.reportProgress(active, p),
      });
      if (active.reason === 'lease' || active.reason === 'shutdown') return this.settle(active, active.reason);
      this.doneBuffer.push({ active, result: result ?? null });
      await this.flush();
    } catch (err) {
      await this.settle(active, active.reason, err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends an attempt that did not complete: cancelled, re-queued, retried later or failed. */
  private async settle(active: Active, reason: StopReason | undefined, err?: unknown): Promise<void> {
    const { job } = active;
    try {
      if (reason === 'lease') return; // another node owns the job now
      if (reason === 'shutdown') {
        await this.queue.repo.releaseAttempt(job.id, job.attempts, `${active.log}[worker ${this.name} stopped; re-queued]\n`);
        return;
      }
      const d = jobDefaults(this.registry[job.type]!);
      let message = reason === 'timeout' ? `timed out after ${d.timeoutMs} ms` : err instanceof Error ? err.message : String(err);
      let log = active.log;
      if (err instanceof FfmpegError && err.stderrTail) log += `--- ffmpeg stderr (tail) ---\n${err.stderrTail.trim()}\n`;
      let status: 'pending' | 'failed' | 'cancelled' = 'failed';
      let delayMs = 0;
      if (reason === 'cancel') {
        status = 'cancelled';
        message = 'cancelled';
      } else if (!isPermanent(err) && job.attempts < job.maxAttempts) {
        status = 'pending';
        delayMs = d.backoffMs * 2 ** (job.attempts - 1);
      }
      log += status === 'pending' ? `attempt ${job.attempts} failed: ${message}; retrying in ${delayMs} ms\n` : status === 'failed' ? `failed: ${message}\n` : 'cancelled\n';
      const row = await this.queue.repo.finishAttempt({ id: job.id, attempt: job.attempts, status, error: status === 'cancelled' ? null : message, log, delayMs });
      if (row) {
        this.queue.emit(row);
        await this.pipelines.onJobFinished(row);
      }
      if (status === 'pending') setTimeout(() => this.tick(), delayMs + 10).unref();
    } finally {
      this.release(active);
    }
  }

  private release(active: Active, tick = true): void {
    if (!this.active.delete(active.job.id)) return;
    addUsage(this.usage, active.job.resourceCategory, active.job.vramRequired, -1);
    if (tick) this.tick();
  }

  private reportProgress(active: Active, percent: number): void {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    if (p === active.progress) return;
    active.progress = p;
    const now = Date.now();
    if (now - active.lastEmitted >= 250) {
      active.lastEmitted = now;
      this.ctx.events.emit('job.updated', { ...this.queueEvent(active), progress: p });
    }
    if (now - active.lastSaved >= 1000) {
      active.lastSaved = now;
      const lines = active.log;
      active.log = '';
      void this.queue.repo.saveProgress(active.job.id, active.job.attempts, p, lines).catch(() => void (active.log = lines + active.log));
    }
  }

  private queueEvent(active: Active) {
    const { job } = active;
    return { id: job.id, type: job.type, status: 'running', progress: active.progress, resourceCategory: job.resourceCategory, pipelineId: job.pipelineId, attempts: job.attempts };
  }

  /**
   * Completions that finished in the same turn go to the database in one UPDATE; when no
   * claim round is running, the same statement claims CPU jobs for the slots it frees.
   */
  private flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.doneBuffer.length ? this.flush() : undefined));
    if (!this.doneBuffer.length) return Promise.resolve();
    this.flushing = (async () => {
      await new Promise((r) => setImmediate(r));
      const batch = this.doneBuffer;
      this.doneBuffer = [];
      const done = batch.map(({ active, result }) => ({ id: active.job.id, attempt: active.job.attempts, result, log: active.log }));
      const freedCpu = batch.filter((b) => b.active.job.resourceCategory === 'cpu').length;
      const claimCpu = !this.stopping && !this.claiming ? this.freeSlots('cpu') + freedCpu : 0;
      try {
        let completed: JobRow[];
        let claimed: JobRow[] = [];
        if (claimCpu > 0) {
          this.claiming = true;
          try {
            ({ completed, claimed } = await this.queue.repo.completeAndClaim(done, { category: 'cpu', limit: claimCpu, maxVram: 0, worker: this.name, leaseMs: this.leaseMs, types: this.types }));
          } finally {
            this.claiming = false;
          }
        } else {
          completed = await this.queue.repo.completeMany(done);
        }
        for (const { active } of batch) this.release(active, false);
        for (const job of claimed) this.startJob(job);
        for (const row of completed) {
          this.queue.emit(row);
          if (row.pipelineId != null) await this.pipelines.onJobFinished(row);
        }
        this.tick();
      } catch (err) {
        // Keep the slots (and the leases, renewed by the heartbeat) and try again shortly.
        this.ctx.logger.warn({ err, worker: this.name }, 'saving completed jobs failed; retrying');
        this.doneBuffer.unshift(...batch);
        await new Promise((r) => setTimeout(r, 1000));
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing.then(() => (this.doneBuffer.length ? this.flush() : undefined));
  }

  private async heartbeat(): Promise<void> {
    await this.nodes.heartbeat(this.name);
    const held = [...this.active.values()].map((a) => ({ id: a.job.id, attempt: a.job.attempts }));
    if (!held.length) return;
    const renewed = await this.queue.repo.renewLeases(held, this.leaseMs);
    const byId = new Map(renewed.map((r) => [r.id, r]));
    for (const { id } of held) {
      const r = byId.get(id);
      if (!r) {
        this.ctx.logger.warn({ jobId: id, worker: this.name }, 'lost the lease on a job; stopping it');
        this.abort(id, 'lease');
      } else if (r.cancelRequested) this.abort(id, 'cancel');
    }
  }

  private async reap(): Promise<void> {
    const rows = await this.queue.repo.reapExpiredLeases();
    if (!rows.length) return;
    this.ctx.logger.warn({ jobs: rows.map((r) => r.id), worker: this.name }, 'took back jobs whose lease expired');
    for (const row of rows) {
      this.queue.emit(row);
      await this.pipelines.onJobFinished(row);
    }
    this.tick();
  }
}
