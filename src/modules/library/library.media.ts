// Serving a video's bytes: HTTP Range parsing, content types, which file a media URL may
// reach (by id only, and only inside the library roots or the data dir), and HLS playlists
// carrying the viewer's ?token= on to their segments (players cannot send headers).
import path from 'node:path';
import type { AppContext } from '../../app/context.js';
import { notFound } from '../../shared/errors.js';
import { assertPublic, findVideo, mediaNotFound, type Viewer } from './library.access.js';
import { isInside } from './library.paths.js';
import { resolveInside, servableRoots } from './library.roots.js';
import type { VideoRow } from './library.table.js';

export type ByteRange = { start: number; end: number };

/**
 * A single `bytes=` range against a file of `size` bytes: the range, null to send the whole
 * file (no header, another unit, several ranges), or 'unsatisfiable' (→ 416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const trimmed = header.trim();
  if (!/^bytes=/i.test(trimmed)) return null;
  const spec = trimmed.slice(6).trim();
  if (spec.includes(',')) return null;
  const m = /^(\d*)-(\d*)$/.exec(spec);
  if (!m || (m[1] === '' && m[2] === '') || size === 0) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

const HLS_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt; charset=utf-8',
  '.jpg': 'image/jpeg',
};
export const hlsContentType = (file: string) => HLS_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Adds `token=` to every URI of a playlist so segments load for a signed-in viewer. */
export function withTokenInPlaylist(playlist: string, token: string): string {
  const add = (uri: string) => (/^[a-z]+:/i.test(uri) ? uri : `${uri}${uri.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`);
  return playlist
    .split('\n')
    .map((line) => {
      const t = line.trim();
      if (!t) return line;
      if (t.startsWith('#')) return line.replace(/URI="([^"]+)"/g, (_, uri: string) => `URI="${add(uri)}"`);
      return add(t);
    })
    .join('\n');
}

/** The video behind a media URL, if this viewer may see it (seed errors otherwise). */
export async function visibleVideo(ctx: AppContext, id: number, viewer: Viewer): Promise<VideoRow> {
  return assertPublic(await findVideo(ctx.database, id), viewer);
}

/** The real path of the playable file (a streaming rendition when one exists). */
export async function streamFile(ctx: AppContext, video: VideoRow): Promise<string> {
  const roots = await servableRoots(ctx);
  for (const candidate of [video.streamPath, video.path]) {
    if (!candidate) continue;
    const real = await resolveInside(roots, candidate);
    if (real) return real;
  }
  throw mediaNotFound();
}

export async function thumbnailFile(ctx: AppContext, video: VideoRow): Promise<string> {
  const real = video.thumbnailPath ? await resolveInside([path.join(ctx.config.dataDir, 'thumbnails')], video.thumbnailPath) : null;
  if (!real) throw notFound('Thumbnail not found', 'THUMBNAIL_NOT_FOUND');
  return real;
}

export async function captionsFile(ctx: AppContext, video: VideoRow): Promise<string> {
  const real = video.captionPath ? await resolveInside(await servableRoots(ctx), video.captionPath) : null;
  if (!real) throw notFound('Captions not found', 'CAPTIONS_NOT_FOUND');
  return real;
}

/** The HLS folder of a video: its recorded hls_path (the master playlist or its folder), else `<dataDir>/hls/<id>`. */
export function hlsDir(ctx: AppContext, video: VideoRow): string {
  if (video.hlsPath) return video.hlsPath.endsWith('.m3u8') ? path.dirname(video.hlsPath) : video.hlsPath;
  return path.join(ctx.config.dataDir, 'hls', String(video.id));
}

/** A file under the video's HLS folder, never outside it. */
export async function hlsFile(ctx: AppContext, video: VideoRow, rel: string): Promise<string> {
  const dir = hlsDir(ctx, video);
  const requested = path.resolve(dir, rel);
  if (!rel || rel.includes('\0') || !isInside(dir, requested)) throw notFound('HLS file not found', 'HLS_NOT_FOUND');
  const realDir = await resolveInside(await servableRoots(ctx), dir);
  const real = realDir ? await resolveInside([realDir], requested) : null;
  if (!real) throw notFound('HLS file not found', 'HLS_NOT_FOUND');
  return real;
}
