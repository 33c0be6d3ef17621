// The one-per-user reaction to the whole video (seed 001): pick one, pick another to
// change it, pick the same to take it back; counts for everyone.
import { useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import type { ReactionDef, VideoReactionState, VideoReactionToggle } from '../../api/types';
import { useAsync } from '../../ui/useAsync';
import { useAuth } from '../auth/auth';

export function VideoReactions({ videoId, catalogue }: { videoId: number; catalogue: ReactionDef[] }) {
  const { user } = useAuth();
  const state = useAsync((signal) => get<VideoReactionState>('/api/video-reactions', { video_id: videoId }, { signal }), [videoId, user?.id]);
  const [error, setError] = useState<string>();

  async function toggle(type: string) {
    setError(undefined);
    try {
      const res = await post<VideoReactionToggle>('/api/video-reactions', { video_id: videoId, type });
      state.setData(() => ({ reaction_counts: res.reaction_counts, user_reaction: res.action === 'removed' ? null : (res.type ?? type) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  if (state.error) return <p className="inline-error">{errorMessage(state.error)}</p>;
  const counts = state.data?.reaction_counts ?? {};
  const mine = state.data?.user_reaction ?? null;
  return (
    <div className="video-reactions" role="group" aria-label="Your reaction to this video">
      {catalogue.map((r) => (
        <button
          key={r.type}
          type="button"
          className={mine === r.type ? 'btn btn-small chip on' : 'btn btn-small chip'}
          aria-pressed={mine === r.type}
          aria-label={`${r.label}: ${counts[r.type] ?? 0}`}
          title={user ? r.label : 'Sign in to react'}
          disabled={!user || state.loading}
          onClick={() => void toggle(r.type)}
        >
          {r.emoji} <span className="count">{counts[r.type] ?? 0}</span>
        </button>
      ))}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
