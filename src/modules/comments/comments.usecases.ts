// Comments: anonymous (sessionId + display name) or signed-in, one level of replies,
// author/admin delete, admin hide/unhide, newest-first keyset pages. video_stats.comment_count
// is changed in the same transaction as each write and always equals the number of
// comments the public sees (not hidden, parent not hidden) — recountVisible proves it.
import { decodeIdCursor, encodeIdCursor } from '../../shared/id-cursor.js';
import type { AppContext } from '../../app/context.js';
import { getPublicVideo } from '../library/library.access.js';
import type { AuthUser } from '../../http/plugins/auth.js';
import { createCommentsRepository } from './comments.repository.js';
import type { CommentRow } from './comments.table.js';
import { commentNotFound, displayNameRequired, notCommentAuthor, parentNotOnVideo, sessionIdRequired } from './comments.errors.js';

type Deps = Pick<AppContext, 'database'>;
type Viewer = Pick<AuthUser, 'id' | 'role' | 'displayName'> | undefined;

/** Replies shown inline under each top-level comment; the rest are paged with parentId. */
export const INLINE_REPLIES = 20;

export type CommentView = {
  id: number;
  mediaId: number;
  parentId: number | null;
  body: string;
  displayName: string;
  userId: number | null;
  isAnonymous: boolean;
  hidden: boolean;
  mine: boolean;
  createdAt: string;
};

export function createCommentsUseCases(deps: Deps) {
  const repo = createCommentsRepository(deps.database);
  const { db } = deps.database;

  const toView = (row: CommentRow, viewer: Viewer, sessionId: string | undefined): CommentView => ({
    id: row.id,
    mediaId: row.videoId,
    parentId: row.parentId,
    body: row.body,
    displayName: row.displayName,
    userId: row.userId,
    isAnonymous: row.userId === null && row.sessionId !== null,
    hidden: row.hidden,
    mine: isAuthor(row, viewer, sessionId),
    createdAt: row.createdAt.toISOString(),
  });

  function isAuthor(row: CommentRow, viewer: Viewer, sessionId: string | undefined): boolean {
    if (viewer && row.userId === viewer.id) return true;
    return row.userId === null && sessionId !== undefined && row.sessionId === sessionId;
  }

  return {
    async add(
      viewer: Viewer,
      input: { mediaId: number; body: string; parentId?: number | null; sessionId?: string; displayName?: string },
    ) {
      if (!viewer) {
        if (!input.sessionId) throw sessionIdRequired();
        if (!input.displayName) throw displayNameRequired();
      }
      const video = await getPublicVideo(deps.database, input.mediaId, viewer);
      const isAdmin = viewer?.role === 'admin';
      const row = await db.transaction(async (tx) => {
        let parent: CommentRow | undefined;
        if (input.parentId) {
          // Share-lock the thread's top comment (parents are always locked before
          // replies): a concurrent hide or delete of it waits for this insert, then counts it.
          // One level of nesting: a reply to a reply joins the top-level thread.
          const named = await repo.findById(input.parentId, tx);
          let target = named ? await repo.lock(named.parentId ?? named.id, 'share', tx) : undefined;
          if (named?.parentId) {
            const reply = await repo.findById(named.id, tx);
            if (!reply || (reply.hidden && !isAdmin)) target = undefined;
          }
          if (!target || target.videoId !== video.id || (target.hidden && !isAdmin)) throw parentNotOnVideo();
          parent = target;
        }
        const inserted = await repo.insert(
          {
            videoId: video.id,
            parentId: parent?.id ?? null,
            userId: viewer?.id ?? null,
            sessionId: viewer ? null : input.sessionId!,
            displayName: viewer ? viewer.displayName : input.displayName!,
            body: input.body,
          },
          tx,
        );
        if (!parent?.hidden) await repo.addToCommentCount(video.id, 1, tx);
        return inserted;
      });
      return { success: true as const, comment: toView(row, viewer, input.sessionId) };
    },

    async list(viewer: Viewer, q: { mediaId: number; parentId?: number; cursor?: string; limit: number; sessionId?: string }) {
      const video = await getPublicVideo(deps.database, q.mediaId, viewer);
      const includeHidden = viewer?.role === 'admin';
      const after = decodeIdCursor(q.cursor);
      const commentCount = await repo.commentCount(video.id);

      if (q.parentId !== undefined) {
        const parent = await repo.findById(q.parentId);
        if (!parent || parent.videoId !== video.id || parent.parentId !== null || (parent.hidden && !includeHidden)) throw commentNotFound();
        const rows = await repo.listReplies({ parentId: parent.id, afterId: after, limit: q.limit + 1, includeHidden });
        const page = rows.slice(0, q.limit);
        const hasMore = rows.length > q.limit;
        return {
          comments: page.map((r) => ({ ...toView(r, viewer, q.sessionId), replyCount: 0, replies: [] })),
          nextCursor: hasMore ? encodeIdCursor(page.at(-1)!.id) : null,
          hasMore,
          commentCount,
        };
      }

      const rows = await repo.listTopLevel({ videoId: video.id, beforeId: after, limit: q.limit + 1, includeHidden });
      const page = rows.slice(0, q.limit);
      const hasMore = rows.length > q.limit;
      const replies = await repo.repliesOf(page.map((r) => r.id), INLINE_REPLIES, includeHidden);
      const byParent = new Map<number, { total: number; rows: CommentRow[] }>();
      for (const { row, total } of replies) {
        const entry = byParent.get(row.parentId!) ?? { total, rows: [] };
        entry.rows.push(row);
        byParent.set(row.parentId!, entry);
      }
      return {
        comments: page.map((r) => {
          const thread = byParent.get(r.id);
          const threadRows = (thread?.rows ?? []).sort((a, b) => a.id - b.id);
          return { ...toView(r, viewer, q.sessionId), replyCount: thread?.total ?? 0, replies: threadRows.map((x) => toView(x, viewer, q.sessionId)) };
        }),
        nextCursor: hasMore ? encodeIdCursor(page.at(-1)!.id) : null,
        hasMore,
        commentCount,
      };
    },

    /** The author (user, or the same anonymous session) or an admin; replies go with their comment. */
    async remove(viewer: Viewer, id: number, sessionId: string | undefined) {
      const found = await repo.findById(id);
      if (!found) throw commentNotFound();
      const isAdmin = viewer?.role === 'admin';
      if (!isAdmin && !isAuthor(found, viewer, sessionId)) throw notCommentAuthor();
      if (!isAdmin) await getPublicVideo(deps.database, found.videoId, viewer);
      const deleted = await db.transaction(async (tx) => {
        const parent = found.parentId ? await repo.lock(found.parentId, 'share', tx) : undefined;
        const row = await repo.lock(id, 'update', tx);
        if (!row) throw commentNotFound();
        let visibleGone = 0;
        let gone = 1;
        if (row.parentId === null) {
          gone += await repo.countReplies(row.id, tx);
          if (!row.hidden) visibleGone = 1 + (await repo.countVisibleReplies(row.id, tx));
        } else if (!row.hidden && !parent?.hidden) {
          visibleGone = 1;
        }
        await repo.delete(row.id, tx);
        await repo.addToCommentCount(row.videoId, -visibleGone, tx);
        return gone;
      });
      return { success: true as const, deleted };
    },

    /** Admin moderation; repeating it changes nothing. */
    async setHidden(admin: NonNullable<Viewer>, id: number, hidden: boolean) {
      const found = await repo.findById(id);
      if (!found) throw commentNotFound();
      const row = await db.transaction(async (tx) => {
        const parent = found.parentId ? await repo.lock(found.parentId, 'share', tx) : undefined;
        const changed = await repo.setHidden(id, hidden, admin.id, tx);
        if (!changed) {
          const current = await repo.findById(id, tx);
          if (!current) throw commentNotFound();
          return current;
        }
        let affected = 0;
        if (changed.parentId === null) affected = 1 + (await repo.countVisibleReplies(changed.id, tx));
        else if (!parent?.hidden) affected = 1;
        await repo.addToCommentCount(changed.videoId, hidden ? -affected : affected, tx);
        return changed;
      });
      return { success: true as const, comment: toView(row, admin, undefined) };
    },

    recountVisible: (videoId: number) => repo.recountVisible(videoId),

    /**
     * Proves comment_count equals the recount of visible comments; with `fix`, sets the
     * ones that differ (only a hand edit of the tables can make them differ).
     */
    async reconcileCounts(opts: { fix?: boolean; videoIds?: number[] } = {}) {
      const mismatches = await repo.findCountMismatches(opts.videoIds);
      if (!opts.fix || mismatches.length === 0) return { mismatches, fixed: 0 };
      await db.transaction((tx) => repo.resetCommentCounts(mismatches.map((m) => m.videoId), tx));
      return { mismatches, fixed: mismatches.length };
    },
  };
}
