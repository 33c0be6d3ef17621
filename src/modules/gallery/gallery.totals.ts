// `pagination.total` for cursor pages. Counting the matching videos costs a scan of every
// one of them (tens of ms at a million on PostgreSQL, more on PGlite) while a keyset page
// costs well under one: counted on every page of an infinite scroll, the total would be
// most of each request. The first page (no cursor) always counts and remembers the result;
// the pages after it reuse that count for a few seconds.
import { LRUCache } from 'lru-cache';

export const CURSOR_TOTAL_TTL_MS = 10_000;

export function createTotalsCache(opts: { max?: number; ttlMs?: number } = {}) {
  const cache = new LRUCache<string, number>({ max: opts.max ?? 1000, ttl: opts.ttlMs ?? CURSOR_TOTAL_TTL_MS });
  return {
    /** The count for `key`: counted now unless `reuse` and a recent count is known. */
    async total(key: string, reuse: boolean, count: () => Promise<number>): Promise<number> {
      const known = reuse ? cache.get(key) : undefined;
      if (known !== undefined) return known;
      const n = await count();
      cache.set(key, n);
      return n;
    },
  };
}
