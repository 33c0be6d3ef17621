// How a scan reports itself as a job: one percentage across its phases (never going back
// when a later phase starts at 0 of N), a log line when a phase starts, and the summary line.
import type { ScanPhase, ScanProgress, ScanSummary } from './library.scan.js';

// Share of the bar per phase. Indexing (ffprobe) and thumbnails are the slow parts; without
// media the thumbnail share goes to indexing.
const SPANS: Record<'media' | 'plain', Partial<Record<ScanPhase, [number, number]>>> = {
  media: { walking: [0, 2], indexing: [2, 55], hashing: [55, 65], thumbnails: [65, 99] },
  plain: { walking: [0, 2], indexing: [2, 85], hashing: [85, 99] },
};

const PHASE_NAMES: Record<ScanPhase, string> = {
  walking: 'looking for video files',
  indexing: 'reading new and changed files',
  hashing: 'hashing possible duplicates',
  thumbnails: 'making thumbnails',
  done: 'done',
};

/** Feeds scan progress into `percent` and `log` (e.g. a job run's), monotonic and phase-aware. */
export function scanProgressReporter(out: { percent(p: number): void; log(line: string): void }, opts: { media?: boolean } = {}) {
  const spans = SPANS[opts.media === false ? 'plain' : 'media'];
  let last = 0;
  let phase: ScanPhase | undefined;
  return (p: ScanProgress) => {
    if (p.phase !== phase) {
      phase = p.phase;
      if (p.phase !== 'done') out.log(`${PHASE_NAMES[p.phase]}${p.total ? ` (${p.total})` : ''}`);
    }
    const span = spans[p.phase];
    const pct = p.phase === 'done' ? 100 : span ? span[0] + (p.total > 0 ? ((span[1] - span[0]) * p.done) / p.total : 0) : last;
    if (pct > last) {
      last = pct;
      out.percent(pct);
    }
  };
}

/** "found 5: 2 new, 1 updated, …" — every count the summary carries that a user acts on. */
export function scanSummaryLine(s: ScanSummary): string {
  return (
    `found ${s.found}: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.moved} moved, ` +
    `${s.duplicates} duplicates, ${s.invalid} invalid, ${s.vanished} vanished, ${s.errors} errors`
  );
}
