// In-process metadata for ISO-BMFF files (MP4, MOV, M4V): reads the box headers and the
// `moov` box only, never the media data, so probing costs a few small reads instead of an
// ffprobe process (~70 ms, mostly start-up). Anything unusual (fragmented files, a moov
// missing or cut short, no video track) returns null and the caller asks ffprobe.
import type { FileHandle } from 'node:fs/promises';
import type { ProbeResult } from './probe-types.js';

const MAX_MOOV_BYTES = 64 * 1024 * 1024;

const CODECS: Record<string, string> = {
  avc1: 'h264', avc3: 'h264', hvc1: 'hevc', hev1: 'hevc', av01: 'av1', vp09: 'vp9', vp08: 'vp8',
  mp4v: 'mpeg4', jpeg: 'mjpeg', mjpa: 'mjpeg', apch: 'prores', apcn: 'prores', apcs: 'prores', apco: 'prores', ap4h: 'prores',
  mp4a: 'aac', 'ac-3': 'ac3', 'ec-3': 'eac3', Opus: 'opus', fLaC: 'flac', '.mp3': 'mp3', alac: 'alac',
  lpcm: 'pcm', sowt: 'pcm_s16le', twos: 'pcm_s16be', in24: 'pcm_s24be',
};

type Box = { type: string; start: number; headerSize: number; size: number };

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let pos = from;
  while (pos + 8 <= to) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let headerSize = 8;
    if (size === 1) {
      if (pos + 16 > to) return;
      size = Number(buf.readBigUInt64BE(pos + 8));
      headerSize = 16;
    } else if (size === 0) size = to - pos;
    if (size < headerSize || pos + size > to) return;
    yield { type, start: pos, headerSize, size };
    pos += size;
  }
}

function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  for (const b of boxes(buf, parent.start + parent.headerSize, parent.start + parent.size)) if (b.type === type) return b;
  return undefined;
}

function path(buf: Buffer, parent: Box, ...types: string[]): Box | undefined {
  let cur: Box | undefined = parent;
  for (const t of types) {
    if (!cur) return undefined;
    cur = child(buf, cur, t);
  }
  return cur;
}

/** timescale and duration of an mvhd/mdhd box (version 0 or 1). */
function timing(buf: Buffer, box: Box): { timescale: number; duration: number } {
  const c = box.start + box.headerSize;
  const version = buf.readUInt8(c);
  if (version === 1) return { timescale: buf.readUInt32BE(c + 20), duration: Number(buf.readBigUInt64BE(c + 24)) };
  return { timescale: buf.readUInt32BE(c + 12), duration: buf.readUInt32BE(c + 16) };
}

type Track = { kind: string; codec: string | null; width: number; height: number; seconds: number; samples: number; rotated: boolean };

function readTrack(buf: Buffer, trak: Box): Track | undefined {
  const mdia = child(buf, trak, 'mdia');
  const hdlr = mdia && child(buf, mdia, 'hdlr');
  const mdhd = mdia && child(buf, mdia, 'mdhd');
  if (!mdia || !hdlr || !mdhd) return undefined;
  const kind = buf.toString('latin1', hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12);
  const { timescale, duration } = timing(buf, mdhd);
  const stbl = path(buf, mdia, 'minf', 'stbl');
  const stsd = stbl && child(buf, stbl, 'stsd');
  let codec: string | null = null;
  let width = 0;
  let height = 0;
  if (stsd && stsd.size >= stsd.headerSize + 16) {
    const entry = stsd.start + stsd.headerSize + 8;
    const fourcc = buf.toString('latin1', entry + 4, entry + 8);
    codec = CODECS[fourcc] ?? fourcc.trim();
    if (kind === 'vide' && entry + 36 <= stsd.start + stsd.size) {
      width = buf.readUInt16BE(entry + 32);
      height = buf.readUInt16BE(entry + 34);
    }
  }
  let samples = 0;
  const stts = stbl && child(buf, stbl, 'stts');
  if (stts) {
    const c = stts.start + stts.headerSize;
    const count = buf.readUInt32BE(c + 4);
    for (let i = 0; i < count && c + 16 + i * 8 <= stts.start + stts.size; i++) samples += buf.readUInt32BE(c + 8 + i * 8);
  }
  // A 90°/270° display matrix (phones filming upright) swaps the displayed width and height.
  let rotated = false;
  const tkhd = child(buf, trak, 'tkhd');
  if (tkhd) {
    const c = tkhd.start + tkhd.headerSize;
    const matrix = c + (buf.readUInt8(c) === 1 ? 52 : 40);
    if (matrix + 8 <= tkhd.start + tkhd.size) rotated = buf.readInt32BE(matrix) === 0 && buf.readInt32BE(matrix + 4) !== 0;
  }
  return { kind, codec, width, height, seconds: timescale ? duration / timescale : 0, samples, rotated };
}

/** Probes an ISO-BMFF file from its open handle; null when ffprobe should decide. */
export async function probeMp4(handle: FileHandle, fileSize: number, head: Buffer): Promise<Omit<ProbeResult, 'container'> | null> {
  if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return null;
  // Walk the top-level boxes by reading only their headers.
  let pos = 0;
  let moov: { start: number; size: number } | undefined;
  let sawMdat = false;
  const header = Buffer.alloc(16);
  while (pos + 8 <= fileSize) {
    const { bytesRead } = await handle.read(header, 0, 16, pos);
    if (bytesRead < 8) return null;
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (size === 1) size = Number(header.readBigUInt64BE(8));
    else if (size === 0) size = fileSize - pos;
    if (size < 8 || pos + size > fileSize) return null; // cut short: let ffprobe judge it
    if (type === 'moov') moov = { start: pos, size };
    if (type === 'mdat') sawMdat = true;
    if (type === 'moof') return null; // fragmented: durations live in the fragments
    pos += size;
  }
  if (!moov || !sawMdat || moov.size > MAX_MOOV_BYTES) return null;
  const buf = Buffer.alloc(moov.size);
  await handle.read(buf, 0, moov.size, moov.start);
  const root: Box = { type: 'moov', start: 0, headerSize: buf.readUInt32BE(0) === 1 ? 16 : 8, size: moov.size };
  const mvhd = child(buf, root, 'mvhd');
  if (!mvhd) return null;
  const movie = timing(buf, mvhd);
  const tracks: Track[] = [];
  for (const b of boxes(buf, root.headerSize, root.size)) {
    if (b.type !== 'trak') continue;
    const t = readTrack(buf, b);
    if (t) tracks.push(t);
  }
  const video = tracks.find((t) => t.kind === 'vide' && t.width > 0 && t.height > 0);
  if (!video) return null;
  const audio = tracks.find((t) => t.kind === 'soun');
  const durationSeconds = movie.timescale ? movie.duration / movie.timescale : video.seconds;
  if (!(durationSeconds > 0)) return null;
  const fps = video.seconds > 0 && video.samples > 0 ? Math.round((video.samples / video.seconds) * 1000) / 1000 : null;
  return {
    durationSeconds,
    width: video.rotated ? video.height : video.width,
    height: video.rotated ? video.width : video.height,
    videoCodec: video.codec,
    audioCodec: audio?.codec ?? null,
    hasAudio: Boolean(audio),
    bitrate: Math.round((fileSize * 8) / durationSeconds),
    fps,
    source: 'header',
  };
}
