// Probing a video file: the in-process header parsers first (MP4/MOV, Matroska/WebM),
// ffprobe for everything else and for any file the parsers are unsure about. A file
// neither can read raises ProbeError with a reason fit for `videos.invalid_reason`.
import { open, type FileHandle } from 'node:fs/promises';
import { FfmpegError, runMedia } from './ffmpeg-runner.js';
import { probeMatroska } from './probe-matroska.js';
import { probeMp4 } from './probe-mp4.js';
import { parseRate, ProbeError, type ProbeResult } from './probe-types.js';

export { ProbeError, type ProbeResult } from './probe-types.js';

export function buildProbeArgs(file: string): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file];
}

type FfprobeStream = {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: Array<{ rotation?: number }>;
};
type FfprobeOutput = { streams?: FfprobeStream[]; format?: { format_name?: string; duration?: string; bit_rate?: string } };

/** Container name from ffprobe's format list, narrowed by the file's extension. */
function containerName(formatName: string, file: string): string {
  const ext = file.split('.').pop()?.toLowerCase() ?? '';
  const names = formatName.split(',');
  if (names.includes('mov') && (ext === 'mov' || ext === 'qt')) return 'mov';
  if (names.includes('mp4')) return 'mp4';
  if (names.includes('webm') && ext === 'webm') return 'webm';
  if (names.includes('matroska')) return 'matroska';
  return names[0] ?? 'unknown';
}

/** Turns ffprobe's JSON into a ProbeResult; throws ProbeError when there is no usable video. */
export function parseFfprobeOutput(json: string, file: string): ProbeResult {
  let out: FfprobeOutput;
  try {
    out = JSON.parse(json) as FfprobeOutput;
  } catch {
    throw new ProbeError('ffprobe returned unreadable output');
  }
  const streams = out.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0);
  if (!video) throw new ProbeError('no video stream');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const durationSeconds = Number(out.format?.duration);
  if (!(durationSeconds > 0)) throw new ProbeError('unknown duration');
  const rotation = Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [video.height ?? 0, video.width ?? 0] : [video.width ?? 0, video.height ?? 0];
  const bitrate = Number(out.format?.bit_rate);
  return {
    durationSeconds,
    width,
    height,
    videoCodec: video.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: Boolean(audio),
    bitrate: Number.isFinite(bitrate) && bitrate > 0 ? Math.round(bitrate) : null,
    fps: parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate),
    container: containerName(out.format?.format_name ?? '', file),
    source: 'ffprobe',
  };
}

/** ffprobe's last error line without the file name it starts with. */
function reasonFrom(err: unknown, file: string): string {
  if (err instanceof FfmpegError) {
    const line = err.stderrTail.trim().split('\n').pop() ?? '';
    const cleaned = line.startsWith(file) ? line.slice(file.length).replace(/^:\s*/, '') : line;
    return cleaned || err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export async function probeWithFfprobe(file: string, ffprobePath: string, signal?: AbortSignal): Promise<ProbeResult> {
  let stdout: string;
  try {
    ({ stdout } = await runMedia({ bin: ffprobePath, args: buildProbeArgs(file), captureStdout: true, timeoutMs: 30_000, signal }));
  } catch (err) {
    throw new ProbeError(reasonFrom(err, file));
  }
  return parseFfprobeOutput(stdout, file);
}

export type ProbeInput = {
  file: string;
  ffprobePath: string;
  /** Already-open handle and the first bytes, when the caller has read them (the scanner has). */
  handle?: FileHandle;
  head?: Buffer;
  size?: number;
  signal?: AbortSignal;
};

/** Header parse when it can be trusted, ffprobe otherwise. */
export async function probeVideo(input: ProbeInput): Promise<ProbeResult> {
  const handle = input.handle ?? (await open(input.file, 'r'));
  try {
    const size = input.size ?? (await handle.stat()).size;
    if (size === 0) throw new ProbeError('file is empty');
    let head = input.head;
    if (!head) {
      head = Buffer.alloc(Math.min(64 * 1024, size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    }
    const fromHeaders = await probeHeaders(handle, size, head).catch(() => null);
    if (fromHeaders) return fromHeaders;
  } finally {
    if (!input.handle) await handle.close();
  }
  return probeWithFfprobe(input.file, input.ffprobePath, input.signal);
}

/** The in-process parsers alone: null when the file needs ffprobe. */
export async function probeHeaders(handle: FileHandle, size: number, head: Buffer): Promise<ProbeResult | null> {
  const mp4 = await probeMp4(handle, size, head);
  if (mp4) return { ...mp4, container: head.toString('latin1', 8, 12) === 'qt  ' ? 'mov' : 'mp4' };
  return probeMatroska(handle, size, head);
}
