// One Drizzle database over either driver: PGlite (embedded, default) or postgres.js
// (DATABASE_URL). Everything above this file sees `Database` and never the driver.
import type { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema.js';
import { startPgliteWorker, type PgliteClient } from './pglite-worker.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept `Db | Tx` as their optional `tx`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL and returns plain rows, whichever driver is underneath. */
  query<T = Record<string, unknown>>(query: SQL, tx?: DbOrTx): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Present on PGlite only: the embedded engine, in its worker thread or in this one. */
  pglite?: PgliteClient;
  /** Present on PostgreSQL only: the connection URL (LISTEN/NOTIFY, socket.io adapter). */
  url?: string;
};

export const PGLITE_EXTENSIONS = { pg_trgm };
/** The same extensions for a PGlite worker, which imports them by name. */
export const PGLITE_EXTENSION_NAMES = Object.keys(PGLITE_EXTENSIONS);

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns an array-like of rows; PGlite returns `{ rows }`.
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function wrap(kind: Database['kind'], db: Db, close: () => Promise<void>, extra: Partial<Database>): Database {
  const query = async <T>(q: SQL, tx?: DbOrTx) => rowsOf<T>(await (tx ?? db).execute(q));
  return {
    kind,
    db,
    query,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close,
    ...extra,
  };
}

/** Over an in-thread PGlite or a PGlite worker: drizzle's driver calls only query and transaction. */
export function fromPglite(pglite: PgliteClient): Database {
  const db = drizzlePglite(pglite as PGlite, { schema }) as unknown as Db;
  return wrap('pglite', db, () => pglite.close(), { pglite });
}

/** PGlite on its own thread over a data directory (or 'memory://'), optionally from a snapshot. */
export async function openPglite(dir: string, opts: { loadDataDir?: string } = {}): Promise<Database> {
  const pglite = startPgliteWorker({ dataDir: dir, extensions: PGLITE_EXTENSION_NAMES, ...opts });
  try {
    await pglite.waitReady;
  } catch (err) {
    await pglite.close();
    throw err;
  }
  return fromPglite(pglite);
}

export function openPostgres(url: string, opts: { max?: number } = {}): Database {
  const client = postgres(url, { max: opts.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return wrap('postgres', db, () => client.end({ timeout: 5 }), { url });
}
