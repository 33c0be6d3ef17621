// Engagement's refusals: the seed's messages for locked/unpublished media, via library.access.
import { assertPublic, videoNotFound } from '../library/library.access.js';
import type { VideoRow } from '../library/library.table.js';

/**
 * Applies library.access's rule to the few columns a batch reads, returning the error
 * instead of throwing. Progress (seed 001) says "Video not found" where the gallery says
 * "Media not found".
 */
export function gateError(gate: Pick<VideoRow, 'published' | 'locked'> | undefined, opts: { progress?: boolean; admin?: boolean }): Error | undefined {
  try {
    assertPublic(gate as VideoRow | undefined, opts.admin ? { role: 'admin' } : undefined);
    return undefined;
  } catch (err) {
    if (opts.progress && (err as { status?: number }).status === 404) return videoNotFound();
    return err as Error;
  }
}
