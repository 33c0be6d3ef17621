import { describe, expect, it } from 'vitest';
import { scanProgressReporter } from './library.scan-progress.js';

function feed(media: boolean, steps: Array<[string, number, number]>) {
  const percents: number[] = [];
  const log: string[] = [];
  const report = scanProgressReporter({ percent: (p) => percents.push(Math.round(p)), log: (l) => log.push(l) }, { media });
  for (const [phase, done, total] of steps) report({ phase: phase as 'walking', done, total });
  return { percents, log };
}

describe('scan progress as a job percentage', () => {
  it('moves forward through the phases and never back when a phase starts at 0', () => {
    const { percents, log } = feed(true, [
      ['walking', 0, 0], ['indexing', 0, 4], ['indexing', 2, 4], ['indexing', 4, 4],
      ['hashing', 0, 2], ['hashing', 2, 2], ['thumbnails', 0, 4], ['thumbnails', 2, 4], ['done', 4, 4],
    ]);
    expect(percents).toEqual([2, 29, 55, 65, 82, 100]);
    expect(log).toEqual(['looking for video files', 'reading new and changed files (4)', 'hashing possible duplicates (2)', 'making thumbnails (4)']);
  });

  it('gives the thumbnail share to indexing when the scan makes no media', () => {
    const { percents } = feed(false, [['indexing', 1, 2], ['indexing', 2, 2], ['done', 2, 2]]);
    expect(percents).toEqual([44, 85, 100]);
  });
});
