import { describe, expect, it } from 'vitest';
import { createTotalsCache } from './gallery.totals.js';

describe('cursor page totals', () => {
  it('counts for a first page, reuses that count for cursor pages, and counts again once it is old', async () => {
    let counted = 0;
    const count = async () => ++counted * 10;
    const totals = createTotalsCache({ ttlMs: 50 });
    expect(await totals.total('all', true, count)).toBe(10); // nothing known yet: counts
    expect(await totals.total('all', true, count)).toBe(10);
    expect(await totals.total('other', true, count)).toBe(20); // per filter
    expect(await totals.total('all', false, count)).toBe(30); // a first page always counts
    expect(await totals.total('all', true, count)).toBe(30);
    await new Promise((r) => setTimeout(r, 80));
    expect(await totals.total('all', true, count)).toBe(40);
    expect(counted).toBe(4);
  });
});
