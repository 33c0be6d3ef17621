// One Drizzle database over either driver: PGlite (embedded, default) or postgres.js
// (DATABASE_URL). Everything above this file sees `Database` and never the driver.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema.js';

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
  /** Present on PGlite only: the embedded instance (tests snapshot it). */
  pglite?: PGlite;
  /** Present on PostgreSQL only: the connection URL (LISTEN/NOTIFY, socket.io adapter). */
  url?: string;
};

export const PGLITE_EXTENSIONS = { pg_trgm };

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

export function fromPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return wrap('pglite', db, () => pglite.close(), { pglite });
}

export async function openPglite(dir: string): Promise<Database> {
  // The directory must be passed explicitly: `new PGlite(undefined, opts)` drops the extensions.
  const pglite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  await pglite.waitReady;
  return fromPglite(pglite);
}

export function openPostgres(url: string, opts: { max?: number } = {}): Database {
  const client = postgres(url, { max: opts.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return wrap('postgres', db, () => client.end({ timeout: 5 }), { url });
}
