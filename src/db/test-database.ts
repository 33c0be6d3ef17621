// Gives each test file a freshly migrated database of its own, on whichever engine the
// run uses: PGlite by default (a clone of a migrated template, ~0.3 s, on its own thread as
// `reel serve` runs it), or a new database on the real PostgreSQL when DATABASE_URL is set
// (copied from a migrated template db).
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { fromPglite, openPglite, openPostgres, PGLITE_EXTENSIONS, type Database } from './client.js';
import { migrate } from './migrate.js';

// One template per test run, so runs side by side (or a crashed one) never collide.
export const templateDbName = () => process.env.REEL_TEST_TEMPLATE_DB ?? 'reel_test_template';

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Run once per test run (vitest globalSetup): migrate a template, return where it is. */
export async function prepareTemplate(snapshotFile: string): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const TEMPLATE_DB = templateDbName();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
      await admin.unsafe(`create database ${TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const db = openPostgres(withDatabaseName(url, TEMPLATE_DB), { max: 1 });
    await migrate(db);
    await db.close();
    return;
  }
  const pglite = new PGlite('memory://', { extensions: PGLITE_EXTENSIONS });
  const db = fromPglite(pglite);
  await migrate(db);
  const dump = await pglite.dumpDataDir('none');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(snapshotFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

/** Drops this run's template database (PostgreSQL runs only). */
export async function dropTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${templateDbName()} with (force)`);
  } finally {
    await admin.end();
  }
}

export type TestDatabase = Database & { destroy(): Promise<void> };

export async function createTestDatabase(snapshotFile = process.env.REEL_TEST_SNAPSHOT): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `reel_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.unsafe(`create database ${name} template ${templateDbName()}`);
          break;
        } catch (err) {
          // Two files copying the template at the same instant can collide; try again.
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    const db = openPostgres(withDatabaseName(url, name));
    return {
      ...db,
      destroy: async () => {
        await db.close();
        const a = postgres(url, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  if (!snapshotFile) throw new Error('REEL_TEST_SNAPSHOT is not set: run tests through vitest (test/global-setup.ts)');
  const db = await openPglite('memory://', { loadDataDir: snapshotFile });
  await db.db.execute(sql`select 1`);
  return { ...db, destroy: () => db.close() };
}
