// PGlite on its own thread behaves as PGlite in-thread does for everything Reel relies on:
// values, errors with their SQLSTATE, transaction isolation and savepoints, snapshots, and
// no call left hanging when the thread goes away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite, messages } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromPglite, openPglite, PGLITE_EXTENSIONS, PGLITE_EXTENSION_NAMES, type Database } from './client.js';
import { startPgliteWorker } from './pglite-worker.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const items = pgTable('worker_items', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  at: timestamp('at', { withTimezone: true }),
  big: bigint('big', { mode: 'bigint' }),
  doc: jsonb('doc'),
  tags: text('tags').array(),
});

const CREATE_ITEMS = sql`create table worker_items (
  id integer primary key, name text not null unique, at timestamptz, big int8, doc jsonb, tags text[]
)`;

// PGlite's own behaviour: the PostgreSQL run of the suite has no PGlite snapshot to clone.
const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'reel-pglite-worker-'));

beforeAll(async () => {
  if (onPostgres) return;
  database = await createTestDatabase();
  await database.db.execute(CREATE_ITEMS);
});
afterAll(async () => {
  await database?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const countItems = async (db: Database, name: string) =>
  (await db.query<{ n: number }>(sql`select count(*)::int as n from worker_items where name = ${name}`))[0]!.n;

/** Whether `p` settles within `ms`. */
const settledWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe.skipIf(onPostgres)('values', () => {
  it('come back as an in-thread PGlite returns them, through drizzle and raw', async () => {
    const snapshot = process.env.REEL_TEST_SNAPSHOT!;
    const inThread = fromPglite(
      new PGlite('memory://', { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([await readFile(snapshot)]) }),
    );
    try {
      await inThread.db.execute(CREATE_ITEMS);
      const read = async (db: Database) => {
        await db.db.insert(items).values({
          id: 1,
          name: 'values',
          at: new Date('2024-02-03T04:05:06.789Z'),
          big: 9007199254740993n,
          doc: { a: [1, 'two', null], b: { c: true } },
          tags: ['x', 'y'],
        });
        return {
          typed: await db.db.select().from(items).where(eq(items.id, 1)),
          raw: await db.query(sql`select at, big, doc, tags, null::text as nothing, 5::int8 as small,
            '2024-02-03'::date as day, '1 day'::interval as span, array['2024-01-01 00:00:00+00'::timestamptz] as ats,
            '\\x0102'::bytea as bytes, similarity('reel', 'real') > 0 as trgm from worker_items where id = 1`),
          direct: (await db.pglite!.query('select at, big from worker_items where id = $1', [1])).rows,
        };
      };
      const [worker, local] = [await read(database), await read(inThread)];
      expect(worker).toEqual(local);
      const [row] = worker.typed;
      expect(row!.at).toEqual(new Date('2024-02-03T04:05:06.789Z'));
      expect(row!.big).toBe(9007199254740993n);
      expect(row!.doc).toEqual({ a: [1, 'two', null], b: { c: true } });
      expect(row!.tags).toEqual(['x', 'y']);
      expect(worker.raw[0]).toMatchObject({ nothing: null, small: 5, bytes: new Uint8Array([1, 2]), trgm: true });
      // drizzle's raw execute leaves timestamps as text; PGlite's own query parses them.
      expect(typeof worker.raw[0]!.at).toBe('string');
      expect(worker.direct[0]).toEqual({ at: new Date('2024-02-03T04:05:06.789Z'), big: 9007199254740993n });
    } finally {
      await inThread.close();
    }
  });
});

describe.skipIf(onPostgres)('errors', () => {
  it('keep their PostgreSQL fields, raw and through drizzle', async () => {
    await database.db.insert(items).values({ id: 10, name: 'taken' });
    const raw = await database.pglite!.query('insert into worker_items (id, name) values (11, $1)', ['taken']).catch((e) => e);
    expect(raw).toBeInstanceOf(messages.DatabaseError);
    expect(raw).toMatchObject({
      code: '23505',
      constraint: 'worker_items_name_key',
      table: 'worker_items',
      schema: 'public',
      severity: 'ERROR',
      detail: 'Key (name)=(taken) already exists.',
    });
    expect(raw.message).toMatch(/duplicate key value/);
    const viaDrizzle: { code?: string; cause?: { code?: string } } = await database.db
      .insert(items)
      .values({ id: 11, name: 'taken' })
      .then(() => ({}), (e) => e);
    expect(viaDrizzle.cause?.code ?? viaDrizzle.code).toBe('23505');
    const syntax = await database.pglite!.query('select frm').catch((e) => e);
    expect(syntax).toMatchObject({ code: '42703', position: '8' });
  });
});

describe.skipIf(onPostgres)('transactions', () => {
  it('commit, and roll back on a throw with the error rethrown', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(items).values({ id: 20, name: 'committed' });
    });
    expect(await countItems(database, 'committed')).toBe(1);
    const boom = new Error('boom');
    const thrown = await database.db
      .transaction(async (tx) => {
        await tx.insert(items).values({ id: 21, name: 'rolled back' });
        throw boom;
      })
      .catch((e) => e);
    expect(thrown).toBe(boom);
    expect(await countItems(database, 'rolled back')).toBe(0);
  });

  it('keep statements from outside waiting rather than joining them', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const didInsert = new Promise<void>((r) => (inserted = r));
    const transaction = database.db
      .transaction(async (tx) => {
        await tx.insert(items).values({ id: 30, name: 'never seen' });
        inserted();
        await held;
        throw new Error('roll back');
      })
      .catch(() => {});
    await didInsert;
    const outside = countItems(database, 'never seen');
    expect(await settledWithin(outside, 100)).toBe(false);
    release();
    await transaction;
    // Had it joined the transaction it would have counted the row before the rollback.
    expect(await outside).toBe(0);
  });

  it('roll a nested savepoint back alone', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(items).values({ id: 40, name: 'outer' });
      await tx
        .transaction(async (sp) => {
          await sp.insert(items).values({ id: 41, name: 'inner' });
          throw new Error('inner only');
        })
        .catch(() => {});
      await tx.insert(items).values({ id: 42, name: 'after' });
    });
    expect([await countItems(database, 'outer'), await countItems(database, 'inner'), await countItems(database, 'after')]).toEqual([1, 0, 1]);
  });

  it('report a unique violation inside with its code, and a rollback by PGlite as such', async () => {
    const err = await database.pglite!
      .transaction(async (tx) => {
        await tx.query('insert into worker_items (id, name) values (50, $1)', ['taken']);
      })
      .catch((e) => e);
    expect(err.code).toBe('23505');
    const rolledBack = await database.pglite!.transaction(async (tx) => {
      await tx.query("insert into worker_items (id, name) values (51, 'undone')");
      await tx.rollback();
      return tx.closed;
    });
    expect(rolledBack).toBe(true);
    expect(await countItems(database, 'undone')).toBe(0);
  });
});

describe.skipIf(onPostgres)('the worker', () => {
  it('dumps a snapshot that a clone opens with the same rows', async () => {
    await database.db.insert(items).values({ id: 60, name: 'snapshotted' });
    const dump = await database.pglite!.dumpDataDir('none');
    const file = path.join(dir, 'clone.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    const clone = await openPglite('memory://', { loadDataDir: file });
    try {
      expect(await countItems(clone, 'snapshotted')).toBe(1);
    } finally {
      await clone.close();
    }
  });

  it('ends when closed; later calls reject', async () => {
    const pglite = startPgliteWorker({ dataDir: 'memory://', extensions: PGLITE_EXTENSION_NAMES, loadDataDir: process.env.REEL_TEST_SNAPSHOT });
    await pglite.waitReady;
    const exited = new Promise<number>((r) => pglite.worker.once('exit', r));
    await pglite.close();
    await exited;
    await expect(pglite.query('select 1')).rejects.toThrow('PGlite is closed');
    await pglite.close(); // twice is harmless
  });

  it('rejects every pending call when it dies, and every later one', async () => {
    const pglite = startPgliteWorker({ dataDir: 'memory://', extensions: [], loadDataDir: process.env.REEL_TEST_SNAPSHOT });
    await pglite.waitReady;
    const running = pglite.query('select pg_sleep(10)');
    const queued = pglite.query('select 1');
    setTimeout(() => void pglite.worker.terminate(), 50);
    await expect(running).rejects.toThrow(/PGlite worker exited/);
    await expect(queued).rejects.toThrow(/PGlite worker exited/);
    await expect(pglite.query('select 1')).rejects.toThrow(/PGlite worker exited/);
    await pglite.close();
  });

  it('fails to open with the reason, without hanging', async () => {
    await expect(openPglite('memory://', { loadDataDir: path.join(dir, 'missing.tar') })).rejects.toThrow(/ENOENT/);
  });
});
