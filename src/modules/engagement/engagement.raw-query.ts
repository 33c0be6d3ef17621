// The writer's statements go to the driver directly, prepared: a batch statement takes
// PGlite ~1 ms to plan, a quarter of its cost, and comes in a handful of shapes. postgres.js
// prepares them itself; on PGlite they are PREPAREd once per shape and EXECUTEd with their
// parameters as literals (PGlite's query() only has the unnamed statement, planned anew
// every time). Through Drizzle's `execute` each would also cost mapping work. Same SQL
// objects, same rows (timestamps may come back as Date on PGlite; callers accept both).
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from '../../db/client.js';

const dialect = new PgDialect();

const prepared = new WeakMap<object, Set<string>>();
const preparedOn = (client: object) => {
  let names = prepared.get(client);
  if (!names) prepared.set(client, (names = new Set()));
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

export type RawQuery = <T>(query: SQL, tx?: DbOrTx) => Promise<T[]>;

export function rawQuery(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>): RawQuery {
  const pglite = database.kind === 'pglite' ? database.pglite : undefined;
  if (pglite) {
    return async <T>(query: SQL, tx?: DbOrTx) => {
      if (tx) return database.query<T>(query, tx);
      const { sql, params } = dialect.sqlToQuery(query);
      const name = `reel_w_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      if (!preparedOn(pglite).has(name)) {
        try {
          await pglite.query(`prepare ${name} as ${sql}`);
        } catch (err) {
          if ((err as { code?: string }).code !== '42P05') throw err; // prepared by another writer
        }
        preparedOn(pglite).add(name);
      }
      return (await pglite.query<T>(params.length ? `execute ${name}(${params.map(literal).join(', ')})` : `execute ${name}`)).rows;
    };
  }
  const client = (database.db as unknown as { $client?: PostgresJsClient }).$client;
  if (database.kind === 'postgres' && client?.unsafe) {
    // Prepared (named, per connection): the batch statements come in a handful of shapes.
    return async <T>(query: SQL, tx?: DbOrTx) => {
      if (tx) return database.query<T>(query, tx);
      const { sql, params } = dialect.sqlToQuery(query);
      return [...(await client.unsafe(sql, params, { prepare: true }))] as T[];
    };
  }
  return database.query;
}
