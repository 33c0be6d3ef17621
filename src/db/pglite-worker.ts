// The main thread's handle on a PGlite that runs in a worker thread (pglite.worker.mjs), so
// the engine's time is spent on the other core instead of between HTTP requests. It is
// PGlite-shaped for what Reel uses: drizzle's pglite driver, raw `query`, transactions,
// snapshots. Values cross by structured clone; errors are rebuilt with their SQLSTATE fields.
import { Worker } from 'node:worker_threads';
import { messages, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

export type PgliteTransaction = Pick<Transaction, 'query' | 'exec' | 'rollback' | 'closed'>;

/** What Reel needs of PGlite: an in-thread PGlite is one, and so is a PGlite worker. */
export type PgliteClient = Pick<PGlite, 'query' | 'exec' | 'waitReady' | 'close' | 'dumpDataDir'> & {
  transaction<T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
};

export type PgliteWorkerOptions = {
  /** A directory, or 'memory://'. */
  dataDir: string;
  /** Extensions by their name under @electric-sql/pglite/contrib (functions cannot be sent). */
  extensions: string[];
  /** A tarball written by dumpDataDir to start from; read inside the worker. */
  loadDataDir?: string;
};

type WireError = { name: string; message: string; stack?: string; fields: Record<string, unknown> };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };
type WireQueryOptions = { rowMode?: QueryOptions['rowMode']; paramTypes?: number[]; rawTypes?: number[] };

const WORKER_URL = new URL('./pglite.worker.mjs', import.meta.url);
/** Reply id 0 is the worker's answer to being started: the engine is open, or failed to. */
const READY = 0;
const PROBE = '\u0000unparsed';

function rebuildError(e: WireError): Error {
  // A PostgreSQL error comes back as PGlite's own class, with code, constraint, detail …
  const err =
    e.fields.severity !== undefined
      ? new messages.DatabaseError(e.message, Number(e.fields.length ?? 0), 'error')
      : Object.assign(new Error(e.message), { name: e.name });
  Object.assign(err, e.fields);
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * drizzle passes parsers that keep date/time types as text. Functions cannot be cloned, so the
 * worker is told which types to leave unparsed; any other parser would be silently lost.
 */
function wireOptions(options?: QueryOptions): WireQueryOptions | undefined {
  if (!options) return undefined;
  if (options.serializers || options.onNotice || options.blob) {
    throw new Error('serializers, onNotice and blob cannot be sent to the PGlite worker');
  }
  const wire: WireQueryOptions = { rowMode: options.rowMode, paramTypes: options.paramTypes };
  if (options.parsers) {
    wire.rawTypes = Object.entries(options.parsers).map(([type, parse]) => {
      if (parse(PROBE, Number(type)) !== PROBE) throw new Error(`the PGlite worker can only leave type ${type} unparsed, not parse it`);
      return Number(type);
    });
  }
  return wire;
}

class PgliteWorker implements PgliteClient {
  readonly worker: Worker;
  readonly waitReady: Promise<void>;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  #nextId = READY + 1;
  /** Set once the worker is gone (crashed or closed): every call then rejects with it. */
  #gone: Error | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: PgliteWorkerOptions) {
    this.worker = new Worker(WORKER_URL, { workerData: options });
    this.waitReady = new Promise<void>((resolve, reject) => this.#pending.set(READY, { resolve: () => resolve(), reject }));
    this.waitReady.catch(() => {}); // reported to whoever awaits it, and to every call
    this.worker.on('message', (reply: Reply) => this.#settle(reply));
    this.worker.on('error', (err) => this.#fail(new Error(`the PGlite worker failed: ${err.message}`, { cause: err })));
    this.worker.on('exit', (code) => this.#fail(new Error(`the PGlite worker exited (code ${code})`)));
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query(sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Array<Results>> {
    return this.#exec(sql, options);
  }

  /** PGlite's semantics: nothing else runs until `fn` settles; a throw rolls back and rethrows. */
  async transaction<T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    const id = await this.#call<number>({ op: 'begin' });
    let closed = false;
    const tx: PgliteTransaction = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.#query<R>(sql, params, options, id),
      exec: (sql: string, options?: QueryOptions) => this.#exec(sql, options, id),
      rollback: async () => {
        await this.#call({ op: 'rollback', tx: id });
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      closed = true;
      // The caller's error is the one worth seeing; a failed ROLLBACK leaves the worker's
      // transaction closed all the same.
      await this.#call({ op: 'end', tx: id, commit: false }).catch(() => {});
      throw err;
    }
    closed = true;
    await this.#call({ op: 'end', tx: id, commit: true });
    return result;
  }

  async dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<File> {
    const { bytes, name, type } = await this.#call<{ bytes: ArrayBuffer; name: string; type: string }>({ op: 'dump', compression });
    return new File([new Uint8Array(bytes)], name, { type });
  }

  /** Closes PGlite, then ends the thread. A worker that already died has nothing left to close. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#gone) return;
      try {
        await this.#call({ op: 'close' });
      } finally {
        this.#fail(new Error('PGlite is closed'));
        await this.worker.terminate();
      }
    })();
    return this.#closing;
  }

  /** `tx`: the worker-side transaction the statement belongs to; none waits for open ones. */
  async #query<T>(sql: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    return this.#call({ op: 'query', sql, params, options: wireOptions(options), tx });
  }

  async #exec(sql: string, options?: QueryOptions, tx?: number): Promise<Array<Results>> {
    return this.#call({ op: 'exec', sql, options: wireOptions(options), tx });
  }

  #call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.worker.postMessage({ ...message, id });
      } catch (err) {
        this.#pending.delete(id); // a value structured clone cannot copy
        reject(err);
      }
      this.#holdProcess();
    });
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    this.#holdProcess();
    if (reply.ok) return pending.resolve(reply.value);
    const err = rebuildError(reply.error);
    pending.reject(err);
    if (reply.id === READY) {
      this.#fail(new Error(`PGlite could not open: ${err.message}`, { cause: err }));
      void this.worker.terminate();
    }
  }

  #fail(err: Error): void {
    if (this.#gone) return;
    this.#gone = err;
    for (const { reject } of this.#pending.values()) reject(err);
    this.#pending.clear();
    this.#holdProcess();
  }

  /** Like PGlite in-thread, the engine keeps the process alive only while a call is under way. */
  #holdProcess(): void {
    if (this.#pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}

/** Starts PGlite on a thread of its own; await `waitReady` (calls made before it wait too). */
export function startPgliteWorker(options: PgliteWorkerOptions): PgliteClient & { readonly worker: Worker } {
  return new PgliteWorker(options);
}
