// Scene-change detection in one pass: ffmpeg's scene score selects the first frame of each
// scene, writes it as a keyframe image and prints its time to a metadata file we parse.

export function buildSceneDetectArgs(input: string, opts: { threshold: number; metadataFile: string; imagePattern: string; width: number }): string[] {
  // The first frame always opens a scene; later frames open one when the score passes.
  const select = `select='eq(n\\,0)+gt(scene\\,${opts.threshold})'`;
  // The metadata filter's file path is an option value: escape what the filter parser reads.
  const file = opts.metadataFile.replace(/\\/g, '/').replace(/:/g, '\\:');
  return [
    '-hide_banner', '-nostats', '-progress', 'pipe:1', '-y',
    '-i', input, '-an',
    '-vf', `${select},metadata=print:file=${file},scale=${opts.width}:-2`,
    '-fps_mode', 'vfr', '-q:v', '4',
    opts.imagePattern,
  ];
}

/** Times (seconds) of the frames printed by `metadata=print`, in order. */
export function parseSceneMetadata(text: string): Array<{ time: number; score: number | null }> {
  const scenes: Array<{ time: number; score: number | null }> = [];
  for (const line of text.split('\n')) {
    const frame = /pts_time:([\d.]+)/.exec(line);
    if (frame) scenes.push({ time: Number(frame[1]), score: null });
    const score = /lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && scenes.length) scenes[scenes.length - 1]!.score = Number(score[1]);
  }
  return scenes;
}
