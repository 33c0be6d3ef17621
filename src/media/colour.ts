// Average colour of a video from ffmpeg's signalstats (Y/U/V averages of one frame per
// second), named by hue so it can become a tag.

export function buildColourStatsArgs(input: string, opts: { sampleFps: number }): string[] {
  return [
    '-hide_banner', '-nostats', '-i', input, '-an',
    '-vf', `fps=${opts.sampleFps},scale=64:-2,signalstats,metadata=print:file=-`,
    '-f', 'null', '-',
  ];
}

/** Mean Y, U, V over the frames printed by `metadata=print`. */
export function parseColourStats(text: string): { y: number; u: number; v: number } | null {
  const sums = { y: 0, u: 0, v: 0 };
  const counts = { y: 0, u: 0, v: 0 };
  for (const m of text.matchAll(/lavfi\.signalstats\.(YAVG|UAVG|VAVG)=([\d.]+)/g)) {
    const key = m[1]![0]!.toLowerCase() as 'y' | 'u' | 'v';
    sums[key] += Number(m[2]);
    counts[key]++;
  }
  if (!counts.y || !counts.u || !counts.v) return null;
  return { y: sums.y / counts.y, u: sums.u / counts.u, v: sums.v / counts.v };
}

/** A colour name for 8-bit BT.601 limited-range Y/U/V averages. */
export function colourName(yuv: { y: number; u: number; v: number }): string {
  const y = (yuv.y - 16) * 1.164;
  const u = yuv.u - 128;
  const v = yuv.v - 128;
  const clamp = (n: number) => Math.max(0, Math.min(255, n));
  const r = clamp(y + 1.596 * v);
  const g = clamp(y - 0.392 * u - 0.813 * v);
  const b = clamp(y + 2.017 * u);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const sat = max === 0 ? 0 : (max - min) / max;
  if (max < 40) return 'black';
  if (sat < 0.15) return max > 200 ? 'white' : 'grey';
  let hue = 0;
  if (max === r) hue = ((g - b) / (max - min)) * 60;
  else if (max === g) hue = (2 + (b - r) / (max - min)) * 60;
  else hue = (4 + (r - g) / (max - min)) * 60;
  if (hue < 0) hue += 360;
  if (hue < 15 || hue >= 345) return 'red';
  if (hue < 45) return 'orange';
  if (hue < 70) return 'yellow';
  if (hue < 165) return 'green';
  if (hue < 195) return 'cyan';
  if (hue < 260) return 'blue';
  if (hue < 300) return 'purple';
  return 'pink';
}
