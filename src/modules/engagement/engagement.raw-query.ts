// The writer's statements go to the driver directly: through Drizzle's `execute` each one
// costs PGlite ~0.2-0.8 ms more of main-thread time (per-query parser tables), and on
// PostgreSQL it would not be prepared. Same SQL objects, same rows (timestamps may come
// back as Date on PGlite; callers accept both).
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from '../../db/client.js';

const dialect = new PgDialect();

type PostgresJsClient = { unsafe(query: string, params: unknown[], opts: { prepare: boolean }): Promise<unknown[]> };

export type RawQuery = <T>(query: SQL, tx?: DbOrTx) => Promise<T[]>;

export function rawQuery(database: Pick<Database, 'kind' | 'query' | 'db' | 'pglite'>): RawQuery {
  const pglite = database.kind === 'pglite' ? database.pglite : undefined;
  if (pglite) {
    return async <T>(query: SQL, tx?: DbOrTx) => {
      if (tx) return database.query<T>(query, tx);
      const { sql, params } = dialect.sqlToQuery(query);
      return (await pglite.query<T>(sql, params)).rows;
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
