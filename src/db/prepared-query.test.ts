import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { preparedQuery } from './prepared-query.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('prepared statements (the engagement writer’s and the gallery’s)', () => {
  it('pass every kind of parameter through unchanged, the first time and once prepared', async () => {
    const q = preparedQuery(database);
    const tricky = `it's a "quote", a \\backslash, $1 and $$dollars$$ -- not a comment; ünïcode ✓`;
    const run = () =>
      q<{ s: string; n: number | null; f: number; b: boolean; a: number[]; j: unknown }>(
        sql`select ${tricky}::text as s, ${null}::int as n, ${-1.5e-7}::float8 as f, ${true}::boolean as b,
                   ${'{1,2,3}'}::int[] as a, ${JSON.stringify({ k: tricky })}::json as j`,
      );
    for (let i = 0; i < 3; i++) {
      const [row] = await run();
      expect(row).toEqual({ s: tricky, n: null, f: -1.5e-7, b: true, a: [1, 2, 3], j: { k: tricky } });
    }
    // A statement without parameters, and another writer on the same database.
    expect(await preparedQuery(database)<{ one: number }>(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect((await preparedQuery(database)<{ s: string }>(sql`select ${tricky}::text as s`))[0]!.s).toBe(tricky);
  });
});
