// Session upvote (no account needed): the browser's session id makes it count once.
// The button remembers in localStorage which videos this browser upvoted.
import { useState } from 'react';
import { del, errorMessage, post } from '../../api/client';
import { sessionId } from '../../api/session';
import type { UpvoteResponse } from '../../api/types';
import { formatCount } from '../../ui/format';

const KEY = 'reel.upvoted';
function upvotedSet(): Set<number> {
  try {
    return new Set(JSON.parse(localStorage.getItem(KEY) ?? '[]') as number[]);
  } catch {
    return new Set();
  }
}
function remember(id: number, on: boolean) {
  const set = upvotedSet();
  if (on) set.add(id);
  else set.delete(id);
  localStorage.setItem(KEY, JSON.stringify([...set].slice(-2000)));
}

export function UpvoteButton({ videoId, count, onChange }: { videoId: number; count: number; onChange?: (count: number) => void }) {
  const [upvoted, setUpvoted] = useState(() => upvotedSet().has(videoId));
  const [value, setValue] = useState(count);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function toggle() {
    setBusy(true);
    setError(undefined);
    try {
      // The gallery only adds: pressing again on an upvoted video removes it explicitly.
      const res = upvoted
        ? await del<UpvoteResponse>(`/api/media/public/${videoId}/upvote`, { sessionId: sessionId() })
        : await post<UpvoteResponse>(`/api/media/public/${videoId}/upvote`, { sessionId: sessionId() });
      setUpvoted(res.upvoted);
      setValue(res.upvoteCount);
      remember(videoId, res.upvoted);
      onChange?.(res.upvoteCount);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="upvote">
      <button
        type="button"
        className={upvoted ? 'btn btn-small btn-upvote on' : 'btn btn-small btn-upvote'}
        aria-pressed={upvoted}
        aria-label={upvoted ? `Remove upvote (${value})` : `Upvote (${value})`}
        disabled={busy}
        onClick={toggle}
      >
        <span aria-hidden="true">▲</span> <span className="upvote-count">{formatCount(value)}</span>
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
