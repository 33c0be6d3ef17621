import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { migrate } from './migrate.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

describe('migrations', () => {
  it('apply again without changing anything (idempotent)', async () => {
    const before = await db.query<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await migrate(db);
    await migrate(db);
    const after = await db.query<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(before[0]!.n).toBeGreaterThan(0);
  });

  it('loaded pg_trgm', async () => {
    const rows = await db.query<{ s: number }>(sql`select similarity('reel', 'reels') as s`);
    expect(rows[0]!.s).toBeGreaterThan(0.3);
  });
});
