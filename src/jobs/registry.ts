// The closed job registry: job type → payload schema → handler, plus the defaults each type
// brings (resource category, VRAM, attempts, timeout). The engine only runs types it finds
// here, validates a payload when it is created and again when it is claimed, and refuses to
// start with a registry that misses a declared type.
import type { z } from 'zod';
import type { AppContext } from '../app/context.js';
import type { ResourceCategory } from '../modules/jobs/jobs.table.js';

export type JobRun<P> = {
  id: number;
  type: string;
  params: P;
  attempt: number;
  /** Aborted on cancel, timeout, lost lease or shutdown: pass it to runMedia. */
  signal: AbortSignal;
  ctx: AppContext;
  progress(percent: number): void;
  log(line: string): void;
  pipelineId: number | null;
  /** Starts a pipeline on the same queue (jobs that fan out, e.g. auto_organize_publish). */
  createPipeline(name: string, steps: Array<{ type: string; params?: Record<string, unknown> }>): Promise<{ id: number }>;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  schema: S;
  handler: (run: JobRun<z.output<S>>) => Promise<unknown>;
  category?: ResourceCategory;
  vramMb?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs?: number;
  description?: string;
};

export type JobRegistry = Readonly<Record<string, JobDefinition>>;

/** Keeps the payload type of a definition tied to its schema. */
export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>): JobDefinition => def as unknown as JobDefinition;

/** A failure that retrying cannot fix (bad params, missing input): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export const JOB_DEFAULTS = { category: 'cpu' as ResourceCategory, vramMb: 0, maxAttempts: 3, timeoutMs: 6 * 3600_000, backoffMs: 5_000 };

export function jobDefaults(def: JobDefinition) {
  return {
    category: def.category ?? JOB_DEFAULTS.category,
    vramMb: def.vramMb ?? JOB_DEFAULTS.vramMb,
    maxAttempts: def.maxAttempts ?? JOB_DEFAULTS.maxAttempts,
    timeoutMs: def.timeoutMs ?? JOB_DEFAULTS.timeoutMs,
    backoffMs: def.backoffMs ?? JOB_DEFAULTS.backoffMs,
  };
}

/** Checked at start: every declared type has a definition with a schema and a handler. */
export function checkRegistry(registry: JobRegistry, declared: readonly string[] = Object.keys(registry)): void {
  const problems: string[] = [];
  for (const type of declared) {
    const def = registry[type];
    if (!def) problems.push(`${type}: no definition`);
    else if (typeof def.handler !== 'function' || typeof def.schema?.safeParse !== 'function') problems.push(`${type}: missing schema or handler`);
  }
  for (const type of Object.keys(registry)) if (!declared.includes(type)) problems.push(`${type}: not a declared job type`);
  if (problems.length) throw new Error(`Job registry is incomplete: ${problems.join('; ')}`);
}

/** "videoId: expected number" — the first problem, naming the field, for 400s and job errors. */
export function describeZodError(error: z.ZodError, prefix = 'params'): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const field = [prefix, ...i.path.map(String)].join('.');
      return i.message.includes(field) ? i.message : `${field}: ${i.message}`;
    })
    .join('; ');
}
