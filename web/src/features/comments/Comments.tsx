// Comments on a video, newest first, with one level of replies. Signed-in users post
// under their name; visitors give a display name and post with their session id.
import { useState, type FormEvent } from 'react';
import { del, errorMessage, get, post } from '../../api/client';
import { sessionId } from '../../api/session';
import type { Comment, CommentCreated, CommentList, CommentReply, CreateCommentBody } from '../../api/types';
import { timeAgo } from '../../ui/format';
import { Empty, ErrorBox, InlineError, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { useAuth } from '../auth/auth';

const NAME_KEY = 'reel.displayName';

function CommentForm({ mediaId, parentId, onPosted, onCancel }: { mediaId: number; parentId?: number; onPosted: (c: CommentReply) => void; onCancel?: () => void }) {
  const { user } = useAuth();
  const [body, setBody] = useState('');
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const payload: CreateCommentBody = { mediaId, body: body.trim(), ...(parentId ? { parentId } : {}) };
      if (!user) {
        payload.sessionId = sessionId();
        payload.displayName = name.trim();
        localStorage.setItem(NAME_KEY, name.trim());
      }
      const res = await post<CommentCreated>('/api/media/comments', payload);
      onPosted(res.comment);
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      {!user && (
        <input aria-label="Your name" placeholder="Your name" required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
      )}
      <textarea
        aria-label={parentId ? 'Reply' : 'Add a comment'}
        placeholder={parentId ? 'Write a reply…' : 'Add a comment…'}
        rows={parentId ? 2 : 3}
        maxLength={2000}
        required
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <InlineError error={error} />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || !body.trim()}>
          {busy ? 'Posting…' : parentId ? 'Reply' : 'Comment'}
        </button>
      </div>
    </form>
  );
}

function CommentItem({ comment, mediaId, onChanged }: { comment: Comment | CommentReply; mediaId: number; onChanged: () => void }) {
  const { user } = useAuth();
  const [replying, setReplying] = useState(false);
  const [replies, setReplies] = useState<CommentReply[]>('replies' in comment ? comment.replies : []);
  const [moreCursor, setMoreCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const canDelete = comment.mine || user?.role === 'admin';
  const hiddenReplies = 'replyCount' in comment ? comment.replyCount - replies.length : 0;

  async function loadReplies() {
    try {
      const res = await get<CommentList>('/api/media/comments', { mediaId, parentId: comment.id, sessionId: sessionId(), ...(moreCursor ? { cursor: moreCursor } : {}) });
      setReplies((r) => {
        const seen = new Set(r.map((x) => x.id));
        return [...r, ...res.comments.filter((c) => !seen.has(c.id))];
      });
      setMoreCursor(res.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const [hidden, setHidden] = useState(comment.hidden);
  async function toggleHidden() {
    try {
      const res = await post<CommentCreated>(`/api/media/comments/${comment.id}/${hidden ? 'unhide' : 'hide'}`);
      setHidden(res.comment.hidden);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function remove() {
    if (!confirm('Delete this comment?')) return;
    try {
      await del(`/api/media/comments/${comment.id}`, user ? undefined : { sessionId: sessionId() });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <li className="comment" data-comment-id={comment.id}>
      <div className="comment-head">
        <strong>{comment.displayName}</strong> <span className="muted small">{timeAgo(comment.createdAt)}</span>
      </div>
      <p className="comment-body">{comment.body}</p>
      <div className="comment-actions">
        {!comment.parentId && (
          <button type="button" className="link-btn" onClick={() => setReplying((r) => !r)} aria-expanded={replying}>
            Reply
          </button>
        )}
        {canDelete && (
          <button type="button" className="link-btn danger" onClick={() => void remove()}>
            Delete
          </button>
        )}
        {user?.role === 'admin' && (
          <button type="button" className="link-btn" onClick={() => void toggleHidden()}>
            {hidden ? 'Unhide' : 'Hide'}
          </button>
        )}
        {hidden && <span className="badge warn-badge">hidden</span>}
        {error && <span className="inline-error">{error}</span>}
      </div>
      {replying && (
        <CommentForm
          mediaId={mediaId}
          parentId={comment.id}
          onCancel={() => setReplying(false)}
          onPosted={(c) => {
            setReplies((r) => [...r, c]);
            setReplying(false);
          }}
        />
      )}
      {replies.length > 0 && (
        <ul className="replies">
          {replies.map((r) => (
            <CommentItem key={r.id} comment={r} mediaId={mediaId} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {(hiddenReplies > 0 || moreCursor) && (
        <button type="button" className="link-btn small" onClick={() => void loadReplies()}>
          Show more replies
        </button>
      )}
    </li>
  );
}

export function Comments({ mediaId, count }: { mediaId: number; count?: number }) {
  const [pages, setPages] = useState<Comment[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>();
  const first = useAsync(async (signal) => {
    const res = await get<CommentList>('/api/media/comments', { mediaId, sessionId: sessionId() }, { signal });
    setPages([]);
    setCursor(res.nextCursor);
    return res.comments;
  }, [mediaId]);

  async function more() {
    if (!cursor) return;
    try {
      const res = await get<CommentList>('/api/media/comments', { mediaId, cursor, sessionId: sessionId() });
      setPages((p) => [...p, ...res.comments]);
      setCursor(res.nextCursor);
    } catch (err) {
      setMoreError(err);
    }
  }

  const all = [...(first.data ?? []), ...pages];
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments {count !== undefined && <span className="muted">({count})</span>}</h2>
      <CommentForm mediaId={mediaId} onPosted={(c) => first.setData((d) => [{ ...c, replyCount: 0, replies: [] }, ...(d ?? [])])} />
      {first.loading && <Spinner label="Loading comments…" />}
      {first.error !== undefined && <ErrorBox error={first.error} onRetry={first.reload} />}
      {!first.loading && !first.error && all.length === 0 && <Empty title="No comments yet">Be the first to say something.</Empty>}
      <ul className="comment-list">
        {all.map((c) => (
          <CommentItem key={c.id} comment={c} mediaId={mediaId} onChanged={first.reload} />
        ))}
      </ul>
      {cursor && (
        <button type="button" className="btn" onClick={() => void more()}>
          More comments
        </button>
      )}
      <InlineError error={moreError} />
    </section>
  );
}
