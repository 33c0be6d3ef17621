// Streaming outputs: a faststart H.264/AAC MP4 and an HLS ladder (one rendition per rung,
// never above the source) with a master playlist. Pure argument builders.

export type Rung = { name: string; short: number; videoKbps: number; audioKbps: number };

/** Renditions by their short side (height for landscape, width for portrait). */
export const HLS_LADDER: readonly Rung[] = [
  { name: '1080p', short: 1080, videoKbps: 5000, audioKbps: 128 },
  { name: '720p', short: 720, videoKbps: 2800, audioKbps: 128 },
  { name: '480p', short: 480, videoKbps: 1400, audioKbps: 96 },
  { name: '360p', short: 360, videoKbps: 800, audioKbps: 96 },
  { name: '240p', short: 240, videoKbps: 400, audioKbps: 64 },
  { name: '144p', short: 144, videoKbps: 200, audioKbps: 48 },
];

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * The rungs for a source: every standard rung below it, topped by the source's own size
 * (so a 1920×1080 source gets 1080p…144p, a 320×240 one gets 240p and 144p), at most `max`.
 */
export function hlsRungsFor(width: number, height: number, max = 4): Array<Rung & { width: number; height: number }> {
  const short = Math.min(width, height);
  const size = (s: number) => {
    const scale = s / short;
    return { width: even(width * scale), height: even(height * scale) };
  };
  const rungs = HLS_LADDER.filter((r) => r.short <= short);
  const top = rungs[0];
  const list = top && top.short === short ? rungs : [{ ...(top ?? HLS_LADDER[HLS_LADDER.length - 1]!), name: `${short}p`, short }, ...rungs];
  return list.slice(0, max).map((r) => ({ ...r, ...size(r.short) }));
}

const common = ['-hide_banner', '-nostats', '-progress', 'pipe:1', '-y'];

export function buildStreamingMp4Args(input: string, output: string, opts: { hasAudio: boolean; crf?: number }): string[] {
  return [
    ...common,
    '-i', input,
    '-map', '0:v:0',
    ...(opts.hasAudio ? ['-map', '0:a:0'] : []),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(opts.crf ?? 23), '-pix_fmt', 'yuv420p',
    '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2',
    ...(opts.hasAudio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'] : []),
    '-movflags', '+faststart',
    output,
  ];
}

/**
 * One ffmpeg run writing every rendition as `<outDir>/v<i>/index.m3u8` + segments and the
 * master playlist `<outDir>/master.m3u8`. Keyframes are forced on segment boundaries so the
 * renditions switch cleanly.
 */
export function buildHlsArgs(
  input: string,
  outDir: string,
  rungs: Array<Rung & { width: number; height: number }>,
  opts: { hasAudio: boolean; segmentSeconds?: number },
): string[] {
  const seg = opts.segmentSeconds ?? 4;
  const n = rungs.length;
  const split = `[0:v]split=${n}${rungs.map((_, i) => `[s${i}]`).join('')}`;
  const scales = rungs.map((r, i) => `[s${i}]scale=${r.width}:${r.height},setsar=1[v${i}]`);
  const args = [...common, '-i', input, '-filter_complex', [split, ...scales].join(';')];
  rungs.forEach((r, i) => {
    args.push('-map', `[v${i}]`);
    args.push(`-c:v:${i}`, 'libx264', `-b:v:${i}`, `${r.videoKbps}k`, `-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.1)}k`, `-bufsize:v:${i}`, `${r.videoKbps * 2}k`);
  });
  if (opts.hasAudio) {
    rungs.forEach((r, i) => args.push('-map', '0:a:0', `-c:a:${i}`, 'aac', `-b:a:${i}`, `${r.audioKbps}k`, `-ac:a:${i}`, '2'));
  }
  args.push(
    '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-force_key_frames', `expr:gte(t,n_forced*${seg})`,
    '-f', 'hls', '-hls_time', String(seg), '-hls_playlist_type', 'vod', '-hls_flags', 'independent_segments',
    '-hls_segment_filename', `${outDir}/v%v/seg_%04d.ts`,
    '-master_pl_name', 'master.m3u8',
    '-var_stream_map', rungs.map((_, i) => (opts.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' '),
    `${outDir}/v%v/index.m3u8`,
  );
  return args;
}
