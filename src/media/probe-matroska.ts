// In-process metadata for Matroska and WebM: parses the EBML elements before the first
// Cluster (Segment Info and Tracks), which writers put at the front. Files that keep them
// elsewhere, lack a duration, or look cut short return null and the caller asks ffprobe.
import type { FileHandle } from 'node:fs/promises';
import type { ProbeResult } from './probe-types.js';

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  DefaultDuration: 0x23e383,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  DisplayWidth: 0x54b0,
  DisplayHeight: 0x54ba,
  Cluster: 0x1f43b675,
} as const;

const CODECS: Record<string, string> = {
  'V_MPEG4/ISO/AVC': 'h264', 'V_MPEGH/ISO/HEVC': 'hevc', V_VP8: 'vp8', V_VP9: 'vp9', V_AV1: 'av1',
  'V_MPEG4/ISO/ASP': 'mpeg4', V_MPEG2: 'mpeg2video', V_THEORA: 'theora', 'V_MJPEG': 'mjpeg',
  A_OPUS: 'opus', A_VORBIS: 'vorbis', 'A_MPEG/L3': 'mp3', A_AC3: 'ac3', A_EAC3: 'eac3', A_FLAC: 'flac', A_DTS: 'dts',
};

const HEAD_BYTES = 512 * 1024;

type Element = { id: number; dataStart: number; size: number | null };

/** Reads a variable-length integer at `pos`: its value (marker kept for ids) and length. */
function vint(buf: Buffer, pos: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | undefined {
  if (pos >= buf.length) return undefined;
  const first = buf[pos]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || pos + length > buf.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    const byte = buf[pos + i]!;
    if (byte !== 0xff) allOnes = false;
    value = value * 256 + byte;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readElement(buf: Buffer, pos: number): Element | undefined {
  const id = vint(buf, pos, true);
  if (!id) return undefined;
  const size = vint(buf, pos + id.length, false);
  if (!size) return undefined;
  return { id: id.value, dataStart: pos + id.length + size.length, size: size.unknown ? null : size.value };
}

function* children(buf: Buffer, start: number, end: number): Generator<Element> {
  let pos = start;
  while (pos < end) {
    const el = readElement(buf, pos);
    if (!el || el.size === null) return;
    yield el;
    pos = el.dataStart + el.size;
  }
}

function uint(buf: Buffer, el: Element): number {
  let v = 0;
  for (let i = 0; i < (el.size ?? 0); i++) v = v * 256 + buf[el.dataStart + i]!;
  return v;
}

function float(buf: Buffer, el: Element): number {
  if (el.size === 4) return buf.readFloatBE(el.dataStart);
  if (el.size === 8) return buf.readDoubleBE(el.dataStart);
  return 0;
}

type Track = { type: number; codec: string | null; width: number; height: number; frameNs: number };

function readTrack(buf: Buffer, entry: Element): Track {
  const t: Track = { type: 0, codec: null, width: 0, height: 0, frameNs: 0 };
  let displayW = 0;
  let displayH = 0;
  for (const el of children(buf, entry.dataStart, entry.dataStart + (entry.size ?? 0))) {
    if (el.id === ID.TrackType) t.type = uint(buf, el);
    else if (el.id === ID.CodecID) {
      const raw = buf.toString('latin1', el.dataStart, el.dataStart + (el.size ?? 0)).replace(/\0+$/, '');
      t.codec = CODECS[raw] ?? (raw.startsWith('A_AAC') ? 'aac' : raw.startsWith('A_PCM') ? 'pcm' : raw.toLowerCase());
    } else if (el.id === ID.DefaultDuration) t.frameNs = uint(buf, el);
    else if (el.id === ID.Video) {
      for (const v of children(buf, el.dataStart, el.dataStart + (el.size ?? 0))) {
        if (v.id === ID.PixelWidth) t.width = uint(buf, v);
        else if (v.id === ID.PixelHeight) t.height = uint(buf, v);
        else if (v.id === ID.DisplayWidth) displayW = uint(buf, v);
        else if (v.id === ID.DisplayHeight) displayH = uint(buf, v);
      }
    }
  }
  // ffprobe reports coded pixels; display sizes only matter when pixels are missing.
  if (!t.width && displayW) t.width = displayW;
  if (!t.height && displayH) t.height = displayH;
  return t;
}

/** Probes a Matroska/WebM file; null when ffprobe should decide. */
export async function probeMatroska(handle: FileHandle, fileSize: number, head: Buffer): Promise<(Omit<ProbeResult, 'container'> & { container: 'webm' | 'matroska' }) | null> {
  if (head.length < 4 || head.readUInt32BE(0) !== ID.EBML) return null;
  let buf = head;
  if (buf.length < Math.min(HEAD_BYTES, fileSize)) {
    buf = Buffer.alloc(Math.min(HEAD_BYTES, fileSize));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    buf = buf.subarray(0, bytesRead);
  }
  const ebml = readElement(buf, 0);
  if (!ebml || ebml.size === null) return null;
  const docType = buf.subarray(ebml.dataStart, ebml.dataStart + ebml.size).includes('webm', 0, 'latin1') ? 'webm' : 'matroska';
  const segment = readElement(buf, ebml.dataStart + ebml.size);
  if (!segment || segment.id !== ID.Segment) return null;
  if (segment.size !== null && segment.dataStart + segment.size > fileSize) return null; // truncated
  let scale = 1_000_000;
  let duration = 0;
  const tracks: Track[] = [];
  let pos = segment.dataStart;
  while (pos < buf.length) {
    const el = readElement(buf, pos);
    if (!el || el.id === ID.Cluster) break;
    if (el.size === null || el.dataStart + el.size > buf.length) break;
    if (el.id === ID.Info) {
      for (const c of children(buf, el.dataStart, el.dataStart + el.size)) {
        if (c.id === ID.TimecodeScale) scale = uint(buf, c);
        else if (c.id === ID.Duration) duration = float(buf, c);
      }
    } else if (el.id === ID.Tracks) {
      for (const c of children(buf, el.dataStart, el.dataStart + el.size)) if (c.id === ID.TrackEntry) tracks.push(readTrack(buf, c));
    }
    pos = el.dataStart + el.size;
  }
  const video = tracks.find((t) => t.type === 1 && t.width > 0 && t.height > 0);
  const durationSeconds = (duration * scale) / 1e9;
  if (!video || !(durationSeconds > 0)) return null;
  const audio = tracks.find((t) => t.type === 2);
  return {
    durationSeconds,
    width: video.width,
    height: video.height,
    videoCodec: video.codec,
    audioCodec: audio?.codec ?? null,
    hasAudio: Boolean(audio),
    bitrate: Math.round((fileSize * 8) / durationSeconds),
    fps: video.frameNs > 0 ? Math.round((1e9 / video.frameNs) * 1000) / 1000 : null,
    container: docType,
    source: 'header',
  };
}
