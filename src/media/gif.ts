// Animated GIFs with a generated palette (palettegen + paletteuse in one filter graph), which
// keeps colours faithful at a fraction of the size of the default 256-colour dither.

export type GifOptions = { start: number; duration: number; width: number; fps: number };

export function buildGifArgs(input: string, output: string, o: GifOptions): string[] {
  const graph = `[0:v]fps=${o.fps},scale=${o.width}:-2:flags=lanczos,split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=5`;
  return [
    '-hide_banner', '-nostats', '-progress', 'pipe:1', '-y',
    '-ss', String(o.start), '-t', String(o.duration), '-i', input,
    '-filter_complex', graph,
    '-loop', '0',
    output,
  ];
}
