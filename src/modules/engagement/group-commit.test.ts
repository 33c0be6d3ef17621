import { describe, expect, it } from 'vitest';
import { GroupCommit, GroupCommitClosedError } from './group-commit.js';

describe('group commit', () => {
  it('batches concurrent submissions and answers each after its batch', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>({
      flush: async (ops) => {
        batches.push(ops);
        await new Promise((r) => setTimeout(r, 5));
        return ops.map((o) => (o === 13 ? new Error('unlucky') : o * 2));
      },
    });
    const first = await Promise.all([1, 2, 3].map((n) => gc.submit(n)));
    expect(first).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
    // While one batch is written the next ones queue up and go together.
    const results = await Promise.allSettled([4, 5, 13, 6].map((n) => gc.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'err'))).toEqual([8, 10, 'err', 12]);
  });

  it('retries retryable whole-batch failures and rejects the rest', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>({
      flush: async (ops) => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('deadlock'), { code: '40P01' });
        if (ops[0] === 99) throw new Error('broken');
        return ops;
      },
      isRetryable: (e) => (e as { code?: string }).code === '40P01',
    });
    expect(await gc.submit(7)).toBe(7);
    expect(calls).toBe(2);
    await expect(gc.submit(99)).rejects.toThrow('broken');
  });

  it('close writes what was submitted and refuses new work', async () => {
    const written: number[] = [];
    const gc = new GroupCommit<number, number>({ flush: async (ops) => (written.push(...ops), ops), lingerMs: 50 });
    const p = gc.submit(1);
    await gc.close();
    expect(await p).toBe(1);
    expect(written).toEqual([1]);
    await expect(gc.submit(2)).rejects.toBeInstanceOf(GroupCommitClosedError);
  });

  it('starts a batch as soon as it holds `startAt` ops, with the next one queued behind it', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>({
      flush: async (ops) => {
        batches.push([...ops]);
        await new Promise((r) => setTimeout(r, 20));
        return ops;
      },
      // A linger this long would hold everything submitted below in one batch.
      lingerMs: 1000,
      gatherMs: 1000,
      startAt: 3,
      concurrency: 2,
    });
    // Submitted in one turn: the first three go at once, the next three while they are written,
    // the rest wait for a free writer.
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => gc.submit(n)));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(await all).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('writes up to `concurrency` batches at once and answers every op', async () => {
    let active = 0;
    let peak = 0;
    const gc = new GroupCommit<number, number>({
      concurrency: 3,
      maxBatch: 2,
      flush: async (ops) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 10));
        active--;
        return ops.map((o) => o + 1);
      },
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gc.submit(i)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(peak).toBe(3);
    await gc.close();
  });

  it('with gatherMs, the next batch waits for ops that keep arriving after one is written', async () => {
    const run = async (gatherMs: number) => {
      const batches: number[][] = [];
      const gc = new GroupCommit<number, number>({
        lingerMs: 0,
        gatherMs,
        flush: async (ops) => {
          batches.push(ops);
          await new Promise((r) => setTimeout(r, 5));
          return ops;
        },
      });
      const first = gc.submit(1);
      await new Promise((r) => setTimeout(r, 2)); // batch [1] is being written
      const second = gc.submit(2);
      // The answer to 1 prompts 3, which arrives on the next event-loop turn.
      const third = first.then(() => new Promise<number>((resolve) => setImmediate(() => resolve(gc.submit(3)))));
      expect(await Promise.all([first, second, third])).toEqual([1, 2, 3]);
      return batches;
    };
    expect(await run(0)).toEqual([[1], [2], [3]]);
    expect(await run(1000)).toEqual([[1], [2, 3]]);
  });
});
