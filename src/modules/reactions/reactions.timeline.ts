// Pure arithmetic on the reaction timeline: time labels, heatmap buckets and the
// top moments, from per-second counts. No I/O, so the routes, the stats endpoint and the
// highlight job all share one definition of a bucket and of a moment.

/** Seed 003's label: 27 → "0:27", 90 → "1:30", 3661 → "1:01:01". */
export function formatVideoTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** One pre-aggregated row: `count` reactions of `type` during second `second`. */
export type SecondCount = { second: number; type: string; count: number };

export type HeatmapBucket = { index: number; start: number; end: number; total: number; counts: Record<string, number> };

export type Heatmap = {
  durationSeconds: number;
  bucketSeconds: number;
  total: number;
  /** The busiest bucket's total, so a client can scale the bars without a second pass. */
  maxBucketTotal: number;
  totals: Record<string, number>;
  buckets: HeatmapBucket[];
};

const zeroCounts = (types: readonly string[]) => Object.fromEntries(types.map((t) => [t, 0])) as Record<string, number>;

/**
 * The timeline length a heatmap spans: the video's duration, or (duration unknown) just
 * past the last second that has a reaction.
 */
export function timelineLength(durationSeconds: number | null | undefined, lastSecond: number | null): number {
  if (durationSeconds && durationSeconds > 0) return durationSeconds;
  return lastSecond === null ? 0 : lastSecond + 1;
}

/** Which of `buckets` equal slices of [0, duration] second `second` falls in. */
export function bucketOf(second: number, buckets: number, durationSeconds: number): number {
  if (durationSeconds <= 0) return 0;
  return Math.min(buckets - 1, Math.max(0, Math.floor((second * buckets) / durationSeconds)));
}

/** Reactions of one type in one bucket (the database does the bucketing, see bucketOf). */
export type BucketCount = { bucket: number; type: string; count: number };

/**
 * Lays bucket counts out as `buckets` equal slices of the timeline. Every catalogue type
 * appears in every bucket (0 when none); a type outside the catalogue (left by an earlier
 * configuration) is still counted rather than silently dropped.
 */
export function assembleHeatmap(rows: BucketCount[], buckets: number, durationSeconds: number, types: readonly string[]): Heatmap {
  const allTypes = [...types];
  for (const r of rows) if (!allTypes.includes(r.type)) allTypes.push(r.type);
  const width = durationSeconds > 0 ? durationSeconds / buckets : 0;
  const out: HeatmapBucket[] = Array.from({ length: buckets }, (_, index) => ({
    index,
    start: round3(index * width),
    end: round3((index + 1) * width),
    total: 0,
    counts: zeroCounts(allTypes),
  }));
  const totals = zeroCounts(allTypes);
  let total = 0;
  for (const r of rows) {
    const b = out[Math.min(buckets - 1, Math.max(0, r.bucket))]!;
    b.counts[r.type] = (b.counts[r.type] ?? 0) + r.count;
    b.total += r.count;
    totals[r.type] = (totals[r.type] ?? 0) + r.count;
    total += r.count;
  }
  return {
    durationSeconds,
    bucketSeconds: round3(width),
    total,
    maxBucketTotal: out.reduce((m, b) => Math.max(m, b.total), 0),
    totals,
    buckets: out,
  };
}

/** The same heatmap from per-second rows, bucketed here (reference for the SQL path). */
export function bucketize(rows: SecondCount[], buckets: number, durationSeconds: number, types: readonly string[]): Heatmap {
  const bucketRows = rows.map((r) => ({ bucket: bucketOf(r.second, buckets, durationSeconds), type: r.type, count: r.count }));
  return assembleHeatmap(bucketRows, buckets, durationSeconds, types);
}

export type Moment = {
  /** First second of the window. */
  start: number;
  /** Second just past the window (capped at the timeline's end). */
  end: number;
  /** The single busiest second inside the window. */
  peakSecond: number;
  count: number;
  counts: Record<string, number>;
};

/**
 * The `n` busiest non-overlapping windows of `windowSeconds`, busiest first (ties: earlier
 * first). A window's count is the sum of the reactions in its seconds, so a burst spread
 * over a few seconds outranks one lone spike.
 */
export function pickTopMoments(rows: SecondCount[], n: number, windowSeconds: number, length: number): Moment[] {
  if (n <= 0 || rows.length === 0) return [];
  const span = Math.max(Math.ceil(length), ...rows.map((r) => r.second + 1));
  const w = Math.max(1, Math.min(Math.floor(windowSeconds), span));
  const perSecond = new Array<number>(span).fill(0);
  for (const r of rows) perSecond[r.second] = perSecond[r.second]! + r.count;
  // prefix[i] = reactions in seconds [0, i)
  const prefix = new Array<number>(span + 1).fill(0);
  for (let i = 0; i < span; i++) prefix[i + 1] = prefix[i]! + perSecond[i]!;
  const used = new Array<boolean>(span).fill(false);
  const moments: Moment[] = [];
  while (moments.length < n) {
    let best = -1;
    let bestCount = 0;
    for (let s = 0; s + w <= span; s++) {
      const c = prefix[s + w]! - prefix[s]!;
      if (c <= bestCount) continue;
      let free = true;
      for (let i = s; i < s + w; i++) if (used[i]) { free = false; break; }
      if (free) {
        best = s;
        bestCount = c;
      }
    }
    if (best < 0) break;
    for (let i = best; i < best + w; i++) used[i] = true;
    let peak = best;
    for (let i = best; i < best + w; i++) if (perSecond[i]! > perSecond[peak]!) peak = i;
    const counts: Record<string, number> = {};
    for (const r of rows) if (r.second >= best && r.second < best + w) counts[r.type] = (counts[r.type] ?? 0) + r.count;
    moments.push({ start: best, end: Math.min(best + w, Math.max(length, best + 1)), peakSecond: peak, count: bestCount, counts });
  }
  return moments;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
