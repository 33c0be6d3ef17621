// Hot statements go to the driver directly, prepared: the engagement writer's batch
// statement and the gallery's page query take longer to plan (PGlite ~1 ms, PostgreSQL
// 1-3 ms) than to run, and each comes in a bounded set of shapes. Drizzle's `execute` plans
// every call anew (postgres.js's unnamed statement) and costs mapping work. postgres.js
// prepares named statements per connection itself; on PGlite they are PREPAREd once per
// shape and EXECUTEd with their parameters as literals (PGlite's query() only has the
// unnamed statement). Only for SQL whose text comes in a bounded set of shapes: every
// distinct text stays prepared for the connection's life. Same SQL objects, same rows
// (timestamps may come back as Date on PGlite; callers accept both).
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from './client.js';
import { pgErrorCode } from './errors.js';

const dialect = new PgDialect();

/** Per PGlite: the name each statement text was PREPAREd under (hashed once, on first use). */
const prepared = new WeakMap<object, Map<string, string>>();
const preparedOn = (client: object) => {
  let names = prepared.get(client);
  if (!names) prepared.set(client, (names = new Map()));
  return names;
};

/** A parameter as an SQL literal for EXECUTE (typed by the prepared statement). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = v instanceof Date ? v.toISOString() : String(v);
  return `'${text.replace(/'/g, "''")}'`;
}

type PostgresJsClient = { unsafe(query: string, params: unknown[], opts: { prepare: boolean }): Promise<unknown[]> };

export type PreparedQuery = <T>(query: SQL, tx?: DbOrTx) => Promise<T[]>;

export function preparedQuery(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>): PreparedQuery {
  const pglite = database.kind === 'pglite' ? database.pglite : undefined;
  if (pglite) {
    return async <T>(query: SQL, tx?: DbOrTx) => {
      if (tx) return database.query<T>(query, tx);
      const { sql, params } = dialect.sqlToQuery(query);
      let name = preparedOn(pglite).get(sql);
      if (!name) {
        name = `reel_s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
        try {
          await pglite.query(`prepare ${name} as ${sql}`);
        } catch (err) {
          if (pgErrorCode(err) !== '42P05') throw err; // prepared by another writer
        }
        preparedOn(pglite).set(sql, name);
      }
      return (await pglite.query<T>(params.length ? `execute ${name}(${params.map(literal).join(', ')})` : `execute ${name}`)).rows;
    };
  }
  const client = (database.db as unknown as { $client?: PostgresJsClient }).$client;
  if (database.kind === 'postgres' && client?.unsafe) {
    return async <T>(query: SQL, tx?: DbOrTx) => {
      if (tx) return database.query<T>(query, tx);
      const { sql, params } = dialect.sqlToQuery(query);
      return [...(await client.unsafe(sql, params, { prepare: true }))] as T[];
    };
  }
  return database.query;
}
