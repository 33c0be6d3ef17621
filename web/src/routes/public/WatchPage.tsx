// The viewer: player with the reaction heatmap along its seek bar, moment reactions,
// the one-per-user reaction, upvote, share menu, comments and related videos.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { sessionId } from '../../api/session';
import type { GalleryItem, Progress, PublicVideo } from '../../api/types';
import { useAuth } from '../../features/auth/auth';
import { Comments } from '../../features/comments/Comments';
import { UpvoteButton } from '../../features/engagement/UpvoteButton';
import { VideoReactions } from '../../features/engagement/VideoReactions';
import { Heatmap } from '../../features/player/Heatmap';
import { Player, type PlayerHandle } from '../../features/player/Player';
import { useWatchReporting } from '../../features/player/useWatchReporting';
import { MomentReactions } from '../../features/reactions/MomentReactions';
import { fetchHeatmap, fetchReactionConfig, heatmapBins } from '../../features/reactions/reactions.api';
import { ShareMenu } from '../../features/sharing/ShareMenu';
import { formatDuration, plural, thumbnailUrl, timeAgo } from '../../ui/format';
import { ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { VideoCard, videoTitle } from '../../ui/VideoCard';

/** Resume only from a meaningful point: not the very start, not the end, not finished. */
export function resumePoint(p: Progress | undefined, duration: number | null | undefined): number | undefined {
  if (!p || p.completed || p.last_position <= 0) return undefined;
  const d = duration ?? p.duration_seconds ?? 0;
  if (d && p.last_position >= d * 0.95) return undefined;
  return p.last_position;
}

export function WatchPage() {
  const id = Number(useParams().id);
  const { user, ready } = useAuth();
  // The session id rides along so a reload within the dedupe window is not a second view.
  const video = useAsync((signal) => get<PublicVideo>(`/api/media/public/${id}`, { sessionId: sessionId() }, { signal }), [id]);
  const config = useAsync((signal) => fetchReactionConfig(signal), []);
  const heat = useAsync((signal) => fetchHeatmap(id, 100, signal), [id]);
  const related = useAsync((signal) => get<{ videos: GalleryItem[] }>(`/api/media/public/${id}/related`, undefined, { signal }), [id]);
  const [progress, setProgress] = useState<Progress>();
  const [videoEl, setVideoEl] = useState<HTMLVideoElement | null>(null);
  const player = useRef<PlayerHandle>(null);

  useEffect(() => {
    setProgress(undefined);
    if (!ready || !user) return;
    const c = new AbortController();
    get<Progress>(`/api/videos/${id}/progress`, undefined, { signal: c.signal })
      .then(setProgress)
      .catch(() => undefined); // never watched: start from the beginning
    return () => c.abort();
  }, [id, user, ready]);

  useWatchReporting(videoEl, id, Boolean(user));
  const onVideo = useCallback((v: HTMLVideoElement) => setVideoEl(v), []);

  if (video.loading) return <Spinner />;
  if (video.error) return <ErrorBox error={video.error} onRetry={video.reload} />;
  const v = video.data!;
  const title = videoTitle(v);
  const catalogue = config.data?.reactions ?? [];
  const bins = heatmapBins(heat.data);
  const startAt = resumePoint(progress, v.durationSeconds);

  return (
    <div className="watch">
      <div className="watch-main">
        <Player
          ref={player}
          videoId={id}
          hls={v.hasHls}
          poster={thumbnailUrl(id)}
          durationHint={v.durationSeconds}
          startAt={startAt}
          onVideo={onVideo}
          timelineOverlay={<Heatmap bins={bins} catalogue={catalogue} onSeek={(s) => player.current?.seek(s)} />}
        />
        {startAt !== undefined && <p className="muted small resume-note">Resuming at {formatDuration(startAt)}</p>}
        <MomentReactions mediaId={id} catalogue={catalogue} currentTime={() => videoEl?.currentTime ?? 0} onAdded={heat.reload} />
        <h1 className="watch-title">{title}</h1>
        <div className="watch-meta">
          <span className="muted">
            <span className="view-count">{plural(v.viewCount, 'view')}</span> · {timeAgo(v.createdAt)}
            {v.quality ? ` · ${v.quality}` : ''}
          </span>
          <span className="spacer" />
          <UpvoteButton videoId={id} count={v.upvoteCount} />
          <ShareMenu videoId={id} title={title} />
        </div>
        <VideoReactions videoId={id} catalogue={catalogue} />
        {v.description && <p className="description">{v.description}</p>}
        {v.tags && v.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {v.tags.map((t) => (
              <li key={t} className="chip">
                {t}
              </li>
            ))}
          </ul>
        )}
        <Comments mediaId={id} count={v.commentCount} />
      </div>
      <aside className="watch-side" aria-labelledby="related-title">
        <h2 id="related-title">Related</h2>
        {related.loading && <Spinner />}
        {related.error !== undefined && <ErrorBox error={related.error} onRetry={related.reload} />}
        {related.data && related.data.videos.length === 0 && <p className="muted">Nothing related yet.</p>}
        <div className="related-list">
          {related.data?.videos.map((r) => (
            <VideoCard key={r.id} video={r} />
          ))}
        </div>
      </aside>
    </div>
  );
}
