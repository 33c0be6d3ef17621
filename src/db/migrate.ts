// Applies the committed drizzle-kit migrations. Idempotent: Drizzle records what ran.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    // Extensions first: the trigram indexes in the migrations need pg_trgm.
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    await migratePglite(database.db as unknown as PgliteDatabase, config);
    return;
  }
  // Several instances may start at once: serialise on an advisory lock, held by one
  // dedicated connection (a pool could lock on one connection and unlock on another).
  const client = postgres(database.url!, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await db.execute(sql`select pg_advisory_lock(7301)`);
    await db.execute(sql`create extension if not exists pg_trgm`);
    await migratePostgres(db, config);
    await db.execute(sql`select pg_advisory_unlock(7301)`);
  } finally {
    await client.end({ timeout: 5 });
  }
}
