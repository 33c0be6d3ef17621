// Cutting a segment out of a video: stream copy (instant, starts on the keyframe before
// `start`) or a frame-accurate re-encode.

export type ClipOptions = { start: number; duration: number; reencode: boolean; hasAudio: boolean };

export function buildClipArgs(input: string, output: string, o: ClipOptions): string[] {
  const head = ['-hide_banner', '-nostats', '-progress', 'pipe:1', '-y', '-ss', String(o.start), '-i', input, '-t', String(o.duration)];
  if (!o.reencode) return [...head, '-map', '0', '-c', 'copy', '-avoid_negative_ts', 'make_zero', output];
  return [
    ...head,
    '-map', '0:v:0', ...(o.hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k'] : []),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '22', '-pix_fmt', 'yuv420p',
    '-movflags', '+faststart',
    output,
  ];
}
