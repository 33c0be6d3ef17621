import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL_HASH_CHUNK, fullHashOfBuffer, HashPool, PARTIAL_BYTES, partialHash } from './hash.js';

describe('content hashes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reel-hash-'));
  const pool = new HashPool(2);
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes in worker threads exactly as in memory, across the chunk boundary', async () => {
    const cases = {
      empty: Buffer.alloc(0),
      small: Buffer.from('hello'),
      exact: Buffer.alloc(FULL_HASH_CHUNK, 7),
      multi: Buffer.concat([Buffer.alloc(FULL_HASH_CHUNK, 1), Buffer.from('tail')]),
    };
    const hashes: Record<string, string> = {};
    for (const [name, data] of Object.entries(cases)) {
      const file = path.join(dir, name);
      writeFileSync(file, data);
      hashes[name] = await pool.hashFile(file);
      expect(hashes[name], name).toBe(fullHashOfBuffer(data));
      expect(hashes[name]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(Object.values(hashes)).size).toBe(4);
    await expect(pool.hashFile(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  it('partial hashes see the size, the head and the tail, not the middle', async () => {
    const a = Buffer.alloc(PARTIAL_BYTES * 3, 1);
    const b = Buffer.from(a);
    b[PARTIAL_BYTES + 10] = 9; // middle differs
    const c = Buffer.from(a);
    c[c.length - 1] = 9; // tail differs
    const ph = async (data: Buffer, name: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, data);
      const h = await open(file, 'r');
      try {
        return await partialHash(h, data.length, data.subarray(0, PARTIAL_BYTES));
      } finally {
        await h.close();
      }
    };
    expect(await ph(a, 'a')).toBe(await ph(b, 'b'));
    expect(await ph(a, 'a')).not.toBe(await ph(c, 'c'));
    expect(await ph(a.subarray(1), 'd')).not.toBe(await ph(a, 'a'));
  });
});
