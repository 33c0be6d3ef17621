// Reaction buttons that mark the current moment of the video; the heatmap refreshes after.
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import type { ReactionDef } from '../../api/types';
import { useAuth } from '../auth/auth';
import { addMomentReaction } from './reactions.api';

export function MomentReactions({
  mediaId,
  catalogue,
  currentTime,
  onAdded,
}: {
  mediaId: number;
  catalogue: ReactionDef[];
  currentTime: () => number;
  onAdded: () => void;
}) {
  const { user } = useAuth();
  const location = useLocation();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState<string>();

  async function react(type: string) {
    setBusy(type);
    setStatus(undefined);
    try {
      const { reaction } = await addMomentReaction(mediaId, type, Math.floor(currentTime()));
      setStatus({ kind: 'ok', text: `${reaction.emoji} at ${reaction.formattedTime}` });
      onAdded();
    } catch (err) {
      setStatus({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="moment-reactions" role="group" aria-label="React at this moment">
      <span className="muted small">React at this moment:</span>
      {catalogue.map((r) => (
        <button
          key={r.type}
          type="button"
          className="btn btn-emoji"
          data-reaction={r.type}
          title={user ? `${r.label} at the current moment` : 'Sign in to react'}
          aria-label={`${r.label} at the current moment`}
          disabled={!user || busy !== undefined}
          onClick={() => void react(r.type)}
        >
          {r.emoji}
        </button>
      ))}
      {!user && (
        <Link className="small" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
          Sign in to react
        </Link>
      )}
      {status && (
        <span className={status.kind === 'error' ? 'inline-error' : 'ok small'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
