// Moment reactions (many per user, at a playback second) and the heatmap they build.
import { get, post } from '../../api/client';
import type { Heatmap, MomentCreated, ReactionDef } from '../../api/types';

export const fetchReactionConfig = (signal?: AbortSignal) => get<{ reactions: ReactionDef[] }>('/api/reactions/config', undefined, { signal });

export const fetchHeatmap = (mediaId: number, buckets = 100, signal?: AbortSignal) =>
  get<Heatmap>('/api/reactions/heatmap', { mediaId, buckets }, { signal });

export const addMomentReaction = (mediaId: number, reactionType: string, videoTimestamp: number) =>
  post<MomentCreated>('/api/reactions', { mediaId, reactionType, videoTimestamp });

export type HeatBin = { index: number; start: number; end: number; total: number; top: { type: string; count: number } | undefined };

/** One entry per bucket along the timeline, with its dominant reaction type. */
export function heatmapBins(h: Heatmap | undefined): HeatBin[] {
  if (!h) return [];
  return h.buckets.map((b) => {
    let top: HeatBin['top'];
    for (const [type, count] of Object.entries(b.counts)) {
      if (count > 0 && (!top || count > top.count)) top = { type, count };
    }
    return { index: b.index, start: b.start, end: b.end, total: b.total, top };
  });
}
