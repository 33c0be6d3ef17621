// Reel's closed list of job types (SPEC §4) and the definition of each. `checkRegistry`
// runs when workers or the API start, so a type without a schema or handler stops the
// process instead of failing jobs at 3 a.m.
import { checkRegistry, type JobRegistry } from '../../jobs/registry.js';
import { clipExtractOnly, clipGenerate, generateGif, reencodeStreaming, sceneExtract, tagGeneration } from './media.jobs.js';
import { compilation, compileQuad, compileQuadHorizontal, compileRandom } from './compile.jobs.js';
import { autoOrganizePublish, fetchVideo, organize, organizeStudio, publicScan, publish, scan } from './library.jobs.js';
import { digest, highlightGenerate } from './report.jobs.js';

export const JOB_TYPES = [
  'scan',
  'public_scan',
  'organize',
  'organize_studio',
  'publish',
  'reencode_streaming',
  'generate_gif',
  'clip_generate',
  'clip_extract_only',
  'scene_extract',
  'tag_generation',
  'compile_random',
  'compile_quad',
  'compile_quad_horizontal',
  'compilation',
  'highlight_generate',
  'fetch',
  'digest',
  'auto_organize_publish',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const jobRegistry = {
  scan,
  public_scan: publicScan,
  organize,
  organize_studio: organizeStudio,
  publish,
  reencode_streaming: reencodeStreaming,
  generate_gif: generateGif,
  clip_generate: clipGenerate,
  clip_extract_only: clipExtractOnly,
  scene_extract: sceneExtract,
  tag_generation: tagGeneration,
  compile_random: compileRandom,
  compile_quad: compileQuad,
  compile_quad_horizontal: compileQuadHorizontal,
  compilation,
  highlight_generate: highlightGenerate,
  fetch: fetchVideo,
  digest,
  auto_organize_publish: autoOrganizePublish,
} satisfies Record<JobType, JobRegistry[string]> as JobRegistry;

checkRegistry(jobRegistry, JOB_TYPES);
