// Perceptual hash of a video (near-duplicate detection, after Stash): several frames across
// the video, each reduced to 32×32 grey, each hashed with the classic DCT pHash (the 8×8
// lowest frequencies compared with their median → 64 bits). The video's hash is the frames'
// hashes concatenated; two videos are compared by Hamming distance, only when their
// durations are close (the frames come from the same relative positions).

export const PHASH_FRAME_SIDE = 32;
const LOW = 8;

const COS: Float64Array = (() => {
  const n = PHASH_FRAME_SIDE;
  const table = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) table[k * n + i] = Math.cos(((2 * i + 1) * k * Math.PI) / (2 * n));
  return table;
})();

/** 64-bit pHash of one 32×32 grey frame, as 16 hex digits. */
export function phashFrame(gray: Uint8Array): string {
  const n = PHASH_FRAME_SIDE;
  if (gray.length !== n * n) throw new Error(`expected ${n * n} grey pixels, got ${gray.length}`);
  // Separable 2-D DCT-II, keeping only the 8×8 low-frequency corner.
  const rows = new Float64Array(n * LOW);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += gray[y * n + x]! * COS[u * n + x]!;
      rows[y * LOW + u] = s;
    }
  }
  const coeffs = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[y * LOW + u]! * COS[v * n + y]!;
      coeffs[v * LOW + u] = s;
    }
  }
  // The DC term only says how bright the frame is; leave it out of the median.
  const sorted = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let bits = 0n;
  for (let i = 0; i < 64; i++) bits = (bits << 1n) | (coeffs[i]! > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

/** The video's hash from its sampled frames (each 32×32 grey). */
export function phashVideo(frames: Uint8Array[]): string {
  return frames.map(phashFrame).join('');
}

const POPCOUNT = Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));

/** Differing bits between two hashes of the same length; null when they cannot be compared. */
export function hammingDistance(a: string, b: string): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += POPCOUNT[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}

/** Durations close enough for the frames to have been taken at the same moments. */
export function durationsComparable(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.5, 0.01 * Math.max(a, b));
}

/** Default: at most 12.5 % of the bits differ (8 of 64 per frame, Stash's "accurate" level). */
export const NEAR_DUPLICATE_RATIO = 0.125;

export function isNearDuplicate(distance: number, bits: number, ratio = NEAR_DUPLICATE_RATIO): boolean {
  return distance <= Math.floor(bits * ratio);
}
