import { describe, expect, it } from 'vitest';
import { assembleHeatmap, bucketOf, bucketize, formatVideoTime, pickTopMoments, timelineLength } from './reactions.timeline.js';

describe('formatVideoTime (seed 003 examples)', () => {
  it.each([
    [0, '0:00'],
    [27, '0:27'],
    [90, '1:30'],
    [599, '9:59'],
    [3600, '1:00:00'],
    [3661, '1:01:01'],
    [27.9, '0:27'],
  ])('%s → %s', (s, label) => expect(formatVideoTime(s)).toBe(label));
});

describe('bucketOf', () => {
  it('splits the timeline into equal slices and keeps the end inside the last one', () => {
    expect(bucketOf(0, 100, 200)).toBe(0);
    expect(bucketOf(1, 100, 200)).toBe(0);
    expect(bucketOf(2, 100, 200)).toBe(1);
    expect(bucketOf(199, 100, 200)).toBe(99);
    expect(bucketOf(200, 100, 200)).toBe(99);
    expect(bucketOf(5, 10, 10)).toBe(5);
    // more buckets than seconds: each second lands in its own bucket, some stay empty
    expect(bucketOf(3, 100, 10)).toBe(30);
  });
});

describe('bucketize / assembleHeatmap', () => {
  const types = ['like', 'love'];
  it('counts per bucket and type, totals, and the busiest bucket', () => {
    const h = bucketize(
      [
        { second: 0, type: 'like', count: 2 },
        { second: 9, type: 'love', count: 1 },
        { second: 10, type: 'like', count: 4 },
        { second: 29, type: 'love', count: 3 },
        { second: 30, type: 'love', count: 1 },
      ],
      3,
      30,
      types,
    );
    expect(h.bucketSeconds).toBe(10);
    expect(h.buckets.map((b) => b.counts)).toEqual([
      { like: 2, love: 1 },
      { like: 4, love: 0 },
      { like: 0, love: 4 },
    ]);
    expect(h.buckets.map((b) => [b.start, b.end, b.total])).toEqual([
      [0, 10, 3],
      [10, 20, 4],
      [20, 30, 4],
    ]);
    expect(h.totals).toEqual({ like: 6, love: 5 });
    expect(h.total).toBe(11);
    expect(h.maxBucketTotal).toBe(4);
  });

  it('keeps types outside the catalogue instead of dropping them', () => {
    const h = assembleHeatmap([{ bucket: 0, type: 'pray', count: 1 }], 2, 10, types);
    expect(h.totals).toEqual({ like: 0, love: 0, pray: 1 });
    expect(h.buckets[1]!.counts).toEqual({ like: 0, love: 0, pray: 0 });
  });

  it('gives empty buckets for an empty or zero-length timeline', () => {
    expect(bucketize([], 4, 0, types).buckets).toHaveLength(4);
    expect(bucketize([], 4, 0, types).total).toBe(0);
    expect(timelineLength(null, null)).toBe(0);
    expect(timelineLength(null, 41)).toBe(42);
    expect(timelineLength(12.5, 41)).toBe(12.5);
  });
});

describe('pickTopMoments', () => {
  it('finds the busiest non-overlapping windows, busiest first', () => {
    const rows = [
      { second: 3, type: 'like', count: 1 },
      { second: 10, type: 'like', count: 5 },
      { second: 11, type: 'love', count: 5 },
      { second: 12, type: 'like', count: 1 },
      { second: 40, type: 'wow', count: 8 },
    ];
    const m = pickTopMoments(rows, 3, 5, 60);
    expect(m[0]).toMatchObject({ count: 11, peakSecond: 10, counts: { like: 6, love: 5 } });
    expect(m[0]!.start).toBeLessThanOrEqual(10);
    expect(m[0]!.end).toBeGreaterThanOrEqual(13);
    expect(m[1]).toMatchObject({ count: 8, peakSecond: 40, counts: { wow: 8 } });
    expect(m[2]).toMatchObject({ count: 1, peakSecond: 3 });
    for (let i = 0; i < m.length; i++)
      for (let j = i + 1; j < m.length; j++) expect(m[i]!.end <= m[j]!.start || m[j]!.end <= m[i]!.start).toBe(true);
  });

  it('returns fewer moments than asked when the reactions run out, none when there are none', () => {
    expect(pickTopMoments([{ second: 2, type: 'like', count: 1 }], 5, 5, 10)).toHaveLength(1);
    expect(pickTopMoments([], 5, 5, 10)).toEqual([]);
  });

  it('caps a window at the end of the video', () => {
    const [m] = pickTopMoments([{ second: 9, type: 'like', count: 1 }], 1, 5, 9.5);
    expect(m!.end).toBeLessThanOrEqual(9.5);
    expect(m!.start).toBeLessThanOrEqual(9);
  });
});

describe('REACTION_SLOTS', () => {
  it('has a slot for every type of every configurable catalogue, each once', async () => {
    const { REACTION_SETS } = await import('../../app/config.js');
    const { REACTION_SLOTS } = await import('./reactions.table.js');
    const { slotOf } = await import('./reactions.repository.js');
    for (const set of Object.values(REACTION_SETS)) for (const r of set) expect(REACTION_SLOTS).toContain(r.type);
    expect(new Set(REACTION_SLOTS).size).toBe(REACTION_SLOTS.length);
    // Stored arrays are read by position: the existing positions must never move.
    expect(REACTION_SLOTS.slice(0, 8)).toEqual(['like', 'love', 'laugh', 'wow', 'sad', 'angry', 'haha', 'pray']);
    expect(slotOf('like')).toBe(1);
    expect(() => slotOf('nope')).toThrow();
  });
});
