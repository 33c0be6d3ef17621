// Both kinds of reactions: the one-per-user toggle (seed 001) and timestamped moments
// (seed 003) with their heatmap. The reaction catalogue comes from config and is the only
// source of valid types for both. getHeatmap/topMoments are also used by the statistics
// endpoint and the highlight job.
import type { AppContext } from '../../app/context.js';
import { unauthorized } from '../../shared/errors.js';
import type { ReactionDef } from '../../app/config.js';
import { findVideo, videoNotFound, type Viewer } from '../library/library.access.js';
import type { VideoRow } from '../library/library.table.js';
import { createReactionsRepository } from './reactions.repository.js';
import { engagementWriterFor } from '../engagement/engagement.writer.js';
import { invalidReactionType, reactableError } from './reactions.errors.js';
import { HEATMAP_SLICES, type MomentReactionRow } from './reactions.table.js';
import { assembleHeatmap, formatVideoTime, pickTopMoments, timelineLength, type Heatmap, type Moment } from './reactions.timeline.js';

/** What reads need (heatmaps, top moments); writes also need the engagement writer's. */
type ReadDeps = Pick<AppContext, 'database' | 'config'>;
type Deps = ReadDeps & Pick<AppContext, 'clock' | 'metrics' | 'logger' | 'onStop'>;
/** Who is acting: a signed-in user (routes pass request.user). */
export type Actor = { id: number; role: 'admin' | 'user' };

export type MomentView = {
  id: number;
  mediaId: number;
  userId: number;
  reactionType: string;
  videoTimestamp: number;
  emoji: string;
  formattedTime: string;
  createdAt: string;
};

type Catalogue = { types: string[]; check(type: string): ReactionDef; emoji(type: string): string };
const catalogues = new WeakMap<Deps['config']['reactions'], Catalogue>();

/** The configured reaction catalogue, built once per configuration (it is read on every reaction). */
function catalogueOf(config: Deps['config']): Catalogue {
  let catalogue = catalogues.get(config.reactions);
  if (!catalogue) catalogues.set(config.reactions, (catalogue = buildCatalogue(config)));
  return catalogue;
}

function buildCatalogue(config: Deps['config']): Catalogue {
  const byType = new Map<string, ReactionDef>(config.reactions.map((r) => [r.type, r]));
  const types = config.reactions.map((r) => r.type);
  return {
    types,
    check(type: string): ReactionDef {
      const def = byType.get(type);
      if (!def) throw invalidReactionType(types);
      return def;
    },
    emoji: (type: string) => byType.get(type)?.emoji ?? '',
  };
}

/** Counts per type: every catalogue type present (0 when none), plus any legacy type found. */
function countsRecord(types: readonly string[], rows: Array<{ type: string; count: number }>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
  for (const r of rows) out[r.type] = (out[r.type] ?? 0) + Number(r.count);
  return out;
}

/** Loads a video the viewer may react to or read the reactions of (see reactableError). */
async function loadReactable(deps: Deps, videoId: number, viewer: Viewer): Promise<VideoRow> {
  const video = await findVideo(deps.database, videoId);
  const problem = reactableError(video, viewer?.role === 'admin');
  if (problem) throw problem;
  return video!;
}

/**
 * Counts per bucket and type along the timeline, read from the pre-aggregates (the
 * default 100 buckets from the slices, others from the per-second rows). No visibility check: callers (public route, admin stats, jobs) decide who may see it.
 */
export async function getHeatmap(deps: ReadDeps, videoId: number, buckets: number = HEATMAP_SLICES): Promise<Heatmap & { mediaId: number; bucketCount: number }> {
  const found = await createReactionsRepository(deps.database).heatmapCounts(videoId, buckets);
  if (!found) throw videoNotFound();
  const heatmap = assembleHeatmap(found.counts, buckets, found.length, catalogueOf(deps.config).types);
  return { mediaId: videoId, bucketCount: buckets, ...heatmap };
}

/**
 * The `n` busiest non-overlapping stretches of `windowSeconds` (default 5 s), busiest
 * first: what a highlight reel should cut around.
 */
export async function topMoments(deps: ReadDeps, videoId: number, n: number, opts: { windowSeconds?: number } = {}): Promise<Moment[]> {
  const repo = createReactionsRepository(deps.database);
  const video = await repo.durationOf(videoId);
  if (!video) throw videoNotFound();
  const rows = await repo.secondCounts(videoId);
  return pickTopMoments(rows, n, opts.windowSeconds ?? 5, timelineLength(video.durationSeconds, null));
}

export function createReactionsUseCases(deps: Deps) {
  const repo = createReactionsRepository(deps.database);
  const { db } = deps.database;
  const catalogue = () => catalogueOf(deps.config);

  const toMomentView = (row: MomentReactionRow): MomentView => ({
    id: row.id,
    mediaId: row.videoId,
    userId: row.userId,
    reactionType: row.reactionType,
    videoTimestamp: row.videoTimestamp,
    emoji: catalogue().emoji(row.reactionType),
    formattedTime: formatVideoTime(row.videoTimestamp),
    createdAt: row.createdAt.toISOString(),
  });

  return {
    catalogue: () => deps.config.reactions.map(({ type, emoji, label }) => ({ type, emoji, label })),

    /**
     * Seed 001's toggle: none → added, same type → removed, other type → changed.
     * A user's toggles are serialised on their user row (the reaction row may not exist
     * yet, so it cannot be the lock), so concurrent toggles behave as if run one after
     * another; the unique index guarantees one row whatever happens.
     */
    async toggle(user: Actor, videoId: number, type: string) {
      const cat = catalogue();
      cat.check(type);
      await loadReactable(deps, videoId, user);
      const action = await db.transaction(async (tx) => {
        if (!(await repo.lockUserForToggle(user.id, tx))) throw unauthorized('Account no longer exists');
        const existing = await repo.lockToggle(user.id, videoId, tx);
        if (!existing) {
          await repo.insertToggleIfAbsent(user.id, videoId, type, tx);
          return 'added' as const;
        }
        if (existing.type === type) {
          await repo.deleteToggle(existing.id, tx);
          return 'removed' as const;
        }
        await repo.setToggleType(existing.id, type, tx);
        return 'changed' as const;
      });
      const reaction_counts = countsRecord(cat.types, await repo.toggleCounts(videoId));
      return action === 'removed' ? { action, reaction_counts } : { action, type, reaction_counts };
    },

    async toggleState(viewer: Actor | undefined, videoId: number) {
      await loadReactable(deps, videoId, viewer);
      const [counts, mine] = await Promise.all([
        repo.toggleCounts(videoId),
        viewer ? repo.userToggle(viewer.id, videoId) : Promise.resolve(null),
      ]);
      return { reaction_counts: countsRecord(catalogue().types, counts), user_reaction: mine };
    },

    /**
     * Records a moment through the engagement writer: the row and both pre-aggregates are
     * written in the batch's one statement (checked there against the video's visibility
     * and length), and the answer comes once it has committed.
     */
    async addMoment(user: Actor, input: { mediaId: number; reactionType: string; videoTimestamp: number }) {
      catalogue().check(input.reactionType);
      const r = await engagementWriterFor(deps).submit({
        kind: 'moment',
        videoId: input.mediaId,
        userId: user.id,
        admin: user.role === 'admin',
        type: input.reactionType,
        videoTimestamp: input.videoTimestamp,
      });
      return {
        success: true as const,
        reaction: toMomentView({ id: r.id, videoId: input.mediaId, userId: user.id, reactionType: input.reactionType, videoTimestamp: r.second, createdAt: r.createdAt }),
      };
    },

    async listMoments(
      viewer: Actor | undefined,
      q: { mediaId?: number; userId?: number; limit: number; from?: number; to?: number },
    ) {
      if (q.mediaId !== undefined) await loadReactable(deps, q.mediaId, viewer);
      const rows = await repo.listMoments({
        videoId: q.mediaId,
        userId: q.userId,
        from: q.from,
        to: q.to,
        limit: q.limit,
        includeHidden: viewer?.role === 'admin',
      });
      return { reactions: rows.map(toMomentView) };
    },

    async heatmap(viewer: Actor | undefined, videoId: number, buckets: number) {
      await loadReactable(deps, videoId, viewer);
      return getHeatmap(deps, videoId, buckets);
    },
  };
}
