// Looks at one file the way the library needs it, reading as little as possible: the first
// 64 KiB once (content sniffing, partial hash, header probe), the last 64 KiB, and the
// container's header boxes; ffprobe only when the in-process parsers cannot answer.
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { PARTIAL_BYTES, partialHash } from '../../media/hash.js';
import { probeHeaders, probeWithFfprobe, ProbeError, type ProbeResult } from '../../media/probe.js';
import { orientationOf, qualityLabel } from '../../media/probe-types.js';
import type { NewVideoRow } from './library.table.js';

export type Inspection =
  | { kind: 'video'; size: number; mtimeMs: number; partialHash: string; probe: ProbeResult }
  | { kind: 'invalid'; size: number; mtimeMs: number; partialHash: string | null; reason: string }
  | { kind: 'not-video'; size: number; mtimeMs: number; detected: string | null };

/** Runs ffprobe fallbacks through a limiter: spawning more than the cores only queues them. */
export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>) => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Runs `fn` over `items`, `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

/**
 * The common video containers recognised from their first bytes without file-type, whose
 * generic detector costs ~1.5 ms a file (most of a first scan's CPU). Null: ask file-type.
 */
export function sniffVideoContainer(head: Buffer): string | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') return head.toString('latin1', 8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return head.includes('webm', 0, 'latin1') ? 'video/webm' : 'video/x-matroska';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'AVI ') return 'video/vnd.avi';
  if (head.length >= 8 && ['moov', 'mdat', 'wide'].includes(head.toString('latin1', 4, 8))) return 'video/quicktime';
  if (head.length >= 377 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) return 'video/mp2t';
  return null;
}

/** Whether sniffed content is a video container (file-type's MIME for it). */
export function isVideoMime(mime: string | undefined): boolean {
  return Boolean(mime && (mime.startsWith('video/') || mime === 'application/x-matroska'));
}

export async function inspectFile(
  file: string,
  opts: { ffprobePath: string; ffprobeLimit: Limiter; signal?: AbortSignal },
): Promise<Inspection> {
  const handle = await open(file, 'r');
  try {
    const st = await handle.stat();
    const size = st.size;
    const mtimeMs = Math.floor(st.mtimeMs);
    if (size === 0) return { kind: 'invalid', size, mtimeMs, partialHash: null, reason: 'file is empty' };
    const buf = Buffer.alloc(Math.min(PARTIAL_BYTES, size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const mime = sniffVideoContainer(head) ?? (await fileTypeFromBuffer(head))?.mime;
    if (!isVideoMime(mime)) return { kind: 'not-video', size, mtimeMs, detected: mime ?? null };
    const fingerprint = await partialHash(handle, size, head);
    let probe = await probeHeaders(handle, size, head).catch(() => null);
    if (!probe) {
      try {
        probe = await opts.ffprobeLimit(() => probeWithFfprobe(file, opts.ffprobePath, opts.signal));
      } catch (err) {
        if (err instanceof ProbeError) return { kind: 'invalid', size, mtimeMs, partialHash: fingerprint, reason: err.message };
        throw err;
      }
    }
    return { kind: 'video', size, mtimeMs, partialHash: fingerprint, probe };
  } finally {
    await handle.close();
  }
}

/** The columns a probe fills (shared by scans and uploads). */
export function videoFieldsFrom(inspection: Inspection, now: Date): Partial<NewVideoRow> {
  const base = { fileSize: inspection.size, fileMtimeMs: inspection.mtimeMs, lastValidated: now, hasAudio: false };
  if (inspection.kind === 'video') {
    const p = inspection.probe;
    return {
      ...base,
      partialHash: inspection.partialHash,
      durationSeconds: p.durationSeconds,
      width: p.width,
      height: p.height,
      quality: qualityLabel(p.width, p.height),
      orientation: orientationOf(p.width, p.height),
      hasAudio: p.hasAudio,
      videoCodec: p.videoCodec,
      audioCodec: p.audioCodec,
      container: p.container,
      bitrate: p.bitrate,
      fps: p.fps,
      isValid: true,
      invalidReason: null,
    };
  }
  if (inspection.kind === 'invalid') {
    return { ...base, partialHash: inspection.partialHash, isValid: false, invalidReason: inspection.reason };
  }
  return { ...base, isValid: false, invalidReason: `not a video file (${inspection.detected ?? 'unknown content'})` };
}
