// Tags a video earns from what can be measured. Generated tags carry a prefix so a re-run
// replaces them without touching the tags people typed.

export type Measures = {
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  hasAudio: boolean;
  sceneCount: number | null;
  colour: string | null;
  orientation: string | null;
  quality: string | null;
};

export const GENERATED_TAG_PREFIXES = ['orientation:', 'quality:', 'length:', 'scenes:', 'audio:', 'colour:'];

export function lengthBucket(seconds: number): string {
  if (seconds < 60) return 'short';
  if (seconds < 600) return 'medium';
  if (seconds < 1800) return 'long';
  return 'feature';
}

export function sceneBucket(count: number): string {
  if (count <= 1) return 'single';
  if (count <= 5) return 'few';
  if (count <= 20) return 'several';
  return 'many';
}

export function deriveTags(m: Measures): string[] {
  const tags: string[] = [];
  if (m.orientation) tags.push(`orientation:${m.orientation}`);
  if (m.quality) tags.push(`quality:${m.quality}`);
  if (m.durationSeconds != null) tags.push(`length:${lengthBucket(m.durationSeconds)}`);
  if (m.sceneCount != null) tags.push(`scenes:${sceneBucket(m.sceneCount)}`);
  tags.push(`audio:${m.hasAudio ? 'yes' : 'none'}`);
  if (m.colour) tags.push(`colour:${m.colour}`);
  return tags;
}

/** Existing tags with the generated ones replaced. */
export function mergeTags(existing: string[], generated: string[]): string[] {
  const kept = existing.filter((t) => !GENERATED_TAG_PREFIXES.some((p) => t.startsWith(p)));
  return [...new Set([...kept, ...generated])];
}
