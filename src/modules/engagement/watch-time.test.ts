import { describe, expect, it } from 'vitest';
import { coveredBuckets, planWatchReports, SESSIONS_BUCKET, watchKey } from './watch-time.js';

const report = (o: Partial<Parameters<typeof planWatchReports>[0][number]>) => ({
  videoId: 1,
  sessionId: 's1',
  seconds: 10,
  position: undefined,
  at: 1_000_000,
  durationSeconds: 100,
  ...o,
});

describe('watch-time rules', () => {
  it('caps the first report by the duration, later ones by the time elapsed (+1 s slack)', () => {
    const plan = planWatchReports([report({ seconds: 500 }), report({ seconds: 30, at: 1_010_000 }), report({ seconds: 5, at: 1_010_000 })], new Map());
    expect(plan.results).toEqual([{ creditedSeconds: 100 }, { creditedSeconds: 11 }, { creditedSeconds: 1 }]);
    expect(plan.sessions).toHaveLength(1);
    expect(plan.sessions[0]!.totalSeconds).toBe(112);
  });

  it('continues from a stored state', () => {
    const states = new Map([[watchKey(1, 's1'), { lastReportAt: 1_000_000, totalSeconds: 50, buckets: '' }]]);
    const plan = planWatchReports([report({ seconds: 60, at: 1_020_000 })], states);
    expect(plan.results).toEqual([{ creditedSeconds: 21 }]);
    expect(plan.sessions[0]!.totalSeconds).toBe(71);
  });

  it('refuses a position beyond the video and never credits negative time', () => {
    const plan = planWatchReports([report({ position: 150 }), report({ seconds: 0 })], new Map());
    expect(plan.results[0]).toBeInstanceOf(Error);
    expect(plan.results[1]).toEqual({ creditedSeconds: 0 });
  });

  it('counts a session once per retention bucket', () => {
    expect(coveredBuckets(10, 10, 100)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(coveredBuckets(100, 1, 100)).toEqual([99]);
    expect(coveredBuckets(5, 0, 100)).toEqual([]);
    const plan = planWatchReports(
      [report({ seconds: 10, position: 10 }), report({ seconds: 10, position: 10, at: 1_020_000 }), report({ sessionId: 's2', seconds: 5, position: 5 })],
      new Map(),
    );
    const r = new Map(plan.retention.map((x) => [x.bucket, x.n]));
    expect(r.get(SESSIONS_BUCKET)).toBe(2);
    expect(r.get(0)).toBe(2);
    expect(r.get(9)).toBe(1);
  });
});
