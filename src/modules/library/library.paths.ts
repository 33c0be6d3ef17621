// Pure rules about library paths: which files are videos by name, which directory type a
// folder means, standardized names, and whether a path lies inside an allowed root.
import path from 'node:path';
import { DIRECTORY_TYPES, type DirectoryType } from './library.table.js';

export const VIDEO_EXTENSIONS = new Set([
  'mp4', 'm4v', 'mov', 'qt', 'mkv', 'webm', 'avi', 'wmv', 'flv', 'mpg', 'mpeg', 'ts', 'm2ts', 'mts', '3gp', 'ogv', 'vob', 'divx',
]);

export function hasVideoExtension(file: string): boolean {
  const ext = path.extname(file).slice(1).toLowerCase();
  return VIDEO_EXTENSIONS.has(ext);
}

/**
 * The directory type of a file: the first folder between its root and the file whose name is
 * one of the types (case-insensitive), e.g. `<root>/studios/Acme/x.mp4` → studios.
 * Null when no folder names one.
 */
export function directoryTypeFor(root: string, file: string): DirectoryType | null {
  const rel = path.relative(root, path.dirname(file));
  if (!rel || rel.startsWith('..')) return null;
  for (const part of rel.split(path.sep)) {
    const lower = part.toLowerCase();
    if ((DIRECTORY_TYPES as readonly string[]).includes(lower)) return lower as DirectoryType;
  }
  return null;
}

/** True when `target` is `root` or inside it (both absolute, already resolved). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The root (of those given) that contains `file`, the deepest if several do. */
export function rootOf(roots: string[], file: string): string | undefined {
  return roots.filter((r) => isInside(r, file)).sort((a, b) => b.length - a.length)[0];
}

/** A filesystem-safe slug: letters and digits of any script, dashes between words. */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/**
 * The standardized name (seed 003 "name standardization"): `<title-slug>-<quality>.<ext>`,
 * e.g. "Summer Trip (final).MOV" at 1080p → `summer-trip-final-1080p.mov`.
 */
export function standardizedName(input: { title: string | null; filename: string; quality: string | null }): string {
  const ext = path.extname(input.filename).toLowerCase();
  const stem = slugify(input.title?.trim() || path.basename(input.filename, path.extname(input.filename))) || 'video';
  const quality = input.quality ? `-${input.quality.toLowerCase()}` : '';
  return `${stem.endsWith(quality) ? stem : stem + quality}${ext}`;
}

/** A title from a file name: extension dropped, separators turned into spaces. */
export function titleFromFilename(filename: string): string {
  const stem = path.basename(filename, path.extname(filename));
  return stem.replace(/[._]+/g, ' ').replace(/\s+/g, ' ').trim() || stem;
}

/** An upload's name reduced to a safe base name (no folders, no control characters). */
export function safeUploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f/]/g, '').trim();
  return base && base !== '.' && base !== '..' ? base.slice(0, 200) : 'upload';
}

/** Content-Type for serving, by container or extension. */
export function videoContentType(file: string, container?: string | null): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  const byExt: Record<string, string> = {
    mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', qt: 'video/quicktime', mkv: 'video/x-matroska',
    webm: 'video/webm', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv', flv: 'video/x-flv', mpg: 'video/mpeg',
    mpeg: 'video/mpeg', ts: 'video/mp2t', m2ts: 'video/mp2t', mts: 'video/mp2t', '3gp': 'video/3gpp', ogv: 'video/ogg',
  };
  if (byExt[ext]) return byExt[ext];
  if (container === 'webm') return 'video/webm';
  if (container === 'matroska') return 'video/x-matroska';
  return 'application/octet-stream';
}
