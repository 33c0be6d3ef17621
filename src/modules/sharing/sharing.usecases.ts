// Share tracking (seed 004): validate the platforms, refuse what cannot be shared, record
// one success per (video, platform, user) idempotently, and audit every attempt.
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../shared/errors.js';
import { getPublicVideo, type Viewer } from '../library/library.access.js';
import { badOrigin, noPlatforms, serverPostUnavailable, unsupportedPlatforms } from './sharing.errors.js';
import { shareMetrics } from './sharing.metrics.js';
import { checkAllowlist, normalizePlatforms, platformLabel, shareIntentUrl, watchUrl } from './sharing.platforms.js';
import { createSharingRepository, type AuditEntry } from './sharing.repository.js';

export const SHARE_MODES = ['track_only', 'server_post'] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

export type ShareResult = { platform: string; status: 'success'; alreadyShared: boolean };

type Deps = Pick<AppContext, 'database' | 'config' | 'metrics'>;

export function createSharingUseCases(ctx: Deps) {
  const { database, config } = ctx;
  const repo = createSharingRepository(database);
  const metrics = shareMetrics(ctx.metrics);
  const allowlist = config.sharePlatforms;

  /** Writes one failed audit row per platform and counts the refusal. */
  async function refuse(
    input: { videoId: number; userId: number; mode: string; platforms: string[] },
    reason: string,
    error: AppError,
  ): Promise<never> {
    const entries: AuditEntry[] = input.platforms.map((platform) => ({
      recordId: null,
      videoId: input.videoId,
      platform,
      userId: input.userId,
      mode: input.mode,
      status: 'failed',
      errorMessage: error.message,
    }));
    await repo.appendAudit(entries);
    for (const platform of input.platforms) {
      // Unknown names come from the client: one label for all of them keeps the series bounded.
      metrics.failures.inc({ platform: allowlist.includes(platform) ? platform : 'unsupported', reason });
    }
    throw error;
  }

  return {
    allowlist,

    async trackShares(input: { videoId: number; userId: number; platforms: string[]; mode: ShareMode }) {
      const platforms = normalizePlatforms(input.platforms);
      if (platforms.length === 0) throw noPlatforms();
      const attempt = { videoId: input.videoId, userId: input.userId, mode: input.mode, platforms };
      const { unsupported } = checkAllowlist(platforms, allowlist);
      if (unsupported.length) await refuse(attempt, 'unsupported_platform', unsupportedPlatforms(unsupported, allowlist));
      if (input.mode === 'server_post') await refuse(attempt, 'mode_unavailable', serverPostUnavailable());
      try {
        // Shares are public links: refused for locked or unpublished videos, admins included.
        await getPublicVideo(database, input.videoId);
      } catch (err) {
        if (err instanceof AppError) await refuse(attempt, err.code.toLowerCase(), err);
        throw err;
      }

      const results = await database.db.transaction(async (tx) => {
        const inserted = await repo.insertSuccessIfAbsent(input.videoId, input.userId, platforms, tx);
        const insertedIds = new Map(inserted.map((r) => [r.platform, r.id]));
        const existing = await repo.findRecords(
          input.videoId,
          input.userId,
          platforms.filter((p) => !insertedIds.has(p)),
          tx,
        );
        // A record that exists but never succeeded (a future server_post) becomes a success now.
        await repo.markSucceeded(existing.filter((r) => r.status !== 'success').map((r) => r.id), tx);
        const before = new Map(existing.map((r) => [r.platform, r]));
        const out = platforms.map((platform) => {
          const prior = before.get(platform);
          return {
            platform,
            recordId: insertedIds.get(platform) ?? prior!.id,
            alreadyShared: prior?.status === 'success',
          };
        });
        await repo.appendAudit(
          out.map((r) => ({
            recordId: r.recordId,
            videoId: input.videoId,
            platform: r.platform,
            userId: input.userId,
            mode: input.mode,
            status: 'success',
            alreadyShared: r.alreadyShared,
          })),
          tx,
        );
        return out;
      });

      for (const r of results) metrics.shares.inc({ platform: r.platform, result: r.alreadyShared ? 'repeat' : 'new' });
      return {
        video_id: input.videoId,
        results: results.map((r): ShareResult => ({ platform: r.platform, status: 'success', alreadyShared: r.alreadyShared })),
      };
    },

    async shareStatus(videoId: number, viewer: (Viewer & { id: number }) | undefined) {
      await getPublicVideo(database, videoId, viewer);
      const rows = new Map((await repo.platformStatus(videoId, viewer?.id)).map((r) => [r.platform, r]));
      return {
        video_id: videoId,
        platforms: allowlist.map((platform) => {
          const row = rows.get(platform);
          const shared = Boolean(row && row.shareCount > 0);
          return {
            platform,
            shared,
            ...(shared && row!.lastSharedAt ? { lastSharedAt: row!.lastSharedAt.toISOString() } : {}),
            shareCount: row?.shareCount ?? 0,
            ...(viewer ? { sharedByMe: row?.sharedByMe ?? false } : {}),
          };
        }),
      };
    },

    /** The allowlist, and for a video each platform's real share intent for its watch page. */
    async platformIntents(origin: string, videoId: number | undefined, viewer: Viewer) {
      if (videoId === undefined) {
        return { platforms: allowlist.map((platform) => ({ platform, label: platformLabel(platform), shareUrl: null })) };
      }
      const video = await getPublicVideo(database, videoId, viewer);
      let url: string;
      try {
        url = watchUrl(origin, video.id);
      } catch {
        throw badOrigin();
      }
      const title = video.title ?? video.filename;
      return {
        video_id: video.id,
        watchUrl: url,
        title,
        platforms: allowlist.map((platform) => ({
          platform,
          label: platformLabel(platform),
          shareUrl: shareIntentUrl(platform, url, title),
        })),
      };
    },

    /** Admins: every attempt on a video, refused ones included, newest first. */
    async auditTrail(videoId: number, limit: number) {
      const rows = await repo.auditForVideo(videoId, limit);
      return {
        video_id: videoId,
        entries: rows.map((r) => ({
          id: r.id,
          record_id: r.recordId,
          platform: r.platform,
          user_id: r.userId,
          mode: r.mode,
          status: r.status,
          alreadyShared: r.alreadyShared,
          error_message: r.errorMessage,
          created_at: r.createdAt.toISOString(),
        })),
      };
    },
  };
}
