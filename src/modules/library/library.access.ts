// Who may see a video: one rule for every feature that reads or writes engagement on it
// (SPEC §3: locked → 403 "Media is locked", unpublished/unknown → 404 "Media not found").
import { eq } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';
import { videos, type VideoRow } from './library.table.js';

export const mediaNotFound = () => new AppError(404, 'MEDIA_NOT_FOUND', 'Media not found');
export const mediaLocked = () => new AppError(403, 'MEDIA_LOCKED', 'Media is locked');
export const videoNotFound = () => new AppError(404, 'VIDEO_NOT_FOUND', 'Video not found');

export type Viewer = { role?: 'admin' | 'user' } | undefined;

export async function findVideo(database: Pick<Database, 'db'>, id: number, tx?: DbOrTx): Promise<VideoRow | undefined> {
  const [row] = await (tx ?? database.db).select().from(videos).where(eq(videos.id, id)).limit(1);
  return row;
}

/** Throws the seed's errors unless the video is visible to the public (admins see all). */
export function assertPublic(video: VideoRow | undefined, viewer?: Viewer): VideoRow {
  if (!video) throw mediaNotFound();
  if (viewer?.role === 'admin') return video;
  if (!video.published) throw mediaNotFound();
  if (video.locked) throw mediaLocked();
  return video;
}

/** Loads a video for a public read or write; see assertPublic. */
export async function getPublicVideo(database: Pick<Database, 'db'>, id: number, viewer?: Viewer, tx?: DbOrTx) {
  return assertPublic(await findVideo(database, id, tx), viewer);
}
