// Compilations: segments of several videos concatenated into one (scaled and padded to one
// frame size, silence where a source has no audio), or four videos in a 2×2 grid / a row.

export type Segment = { input: string; start: number; duration: number; hasAudio: boolean };
export type Frame = { width: number; height: number; fps: number };

const fit = (w: number, h: number) =>
  `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1`;

export function buildConcatArgs(segments: Segment[], output: string, frame: Frame): string[] {
  const args = ['-hide_banner', '-nostats', '-progress', 'pipe:1', '-y'];
  for (const s of segments) args.push('-ss', String(s.start), '-t', String(s.duration), '-i', s.input);
  // Silent sources get a generated silent track of their segment's length.
  const silent: number[] = [];
  segments.forEach((s, i) => {
    if (!s.hasAudio) {
      silent[i] = segments.length + silent.filter((x) => x !== undefined).length;
      args.push('-f', 'lavfi', '-t', String(s.duration), '-i', 'anullsrc=r=44100:cl=stereo');
    }
  });
  const parts = segments.map((s, i) => {
    const a = s.hasAudio ? `${i}:a:0` : `${silent[i]}:a`;
    return `[${i}:v:0]${fit(frame.width, frame.height)},fps=${frame.fps},format=yuv420p[v${i}];[${a}]aresample=44100,aformat=channel_layouts=stereo[a${i}]`;
  });
  const concat = `${segments.map((_, i) => `[v${i}][a${i}]`).join('')}concat=n=${segments.length}:v=1:a=1[v][a]`;
  args.push(
    '-filter_complex', [...parts, concat].join(';'),
    '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart',
    output,
  );
  return args;
}

export type QuadLayout = 'grid' | 'row';

/** xstack layout strings: 2×2 grid or four side by side. */
export function quadLayout(layout: QuadLayout): string {
  return layout === 'grid' ? '0_0|w0_0|0_h0|w0_h0' : '0_0|w0_0|w0+w1_0|w0+w1+w2_0';
}

export function buildQuadArgs(
  inputs: Array<{ input: string; start: number; hasAudio: boolean }>,
  output: string,
  o: { cellWidth: number; cellHeight: number; duration: number; fps: number; layout: QuadLayout },
): string[] {
  if (inputs.length !== 4) throw new Error('a quad needs exactly four inputs');
  const args = ['-hide_banner', '-nostats', '-progress', 'pipe:1', '-y'];
  for (const i of inputs) args.push('-ss', String(i.start), '-t', String(o.duration), '-i', i.input);
  const cells = inputs.map((_, i) => `[${i}:v:0]${fit(o.cellWidth, o.cellHeight)},fps=${o.fps}[c${i}]`);
  const stack = `${inputs.map((_, i) => `[c${i}]`).join('')}xstack=inputs=4:layout=${quadLayout(o.layout)}:fill=black,format=yuv420p[v]`;
  const withAudio = inputs.map((x, i) => (x.hasAudio ? i : -1)).filter((i) => i >= 0);
  const graph = [...cells, stack];
  if (withAudio.length) graph.push(`${withAudio.map((i) => `[${i}:a:0]`).join('')}amix=inputs=${withAudio.length}:duration=longest[a]`);
  args.push('-filter_complex', graph.join(';'), '-map', '[v]');
  if (withAudio.length) args.push('-map', '[a]', '-c:a', 'aac', '-b:a', '128k');
  args.push('-t', String(o.duration), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-movflags', '+faststart', output);
  return args;
}
