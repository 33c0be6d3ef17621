// A thumbnail card linking to the viewer; optional actions (upvote) sit under it.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDuration, plural, thumbnailUrl } from './format';

export type CardVideo = {
  id: number;
  title?: string | null;
  filename?: string | null;
  durationSeconds?: number | null;
  viewCount?: number;
  quality?: string | null;
};

export const videoTitle = (v: { title?: string | null; filename?: string | null; id: number }) => v.title || v.filename || `Video ${v.id}`;

export function VideoCard({ video, children, progress }: { video: CardVideo; children?: ReactNode; progress?: number }) {
  const title = videoTitle(video);
  return (
    <article className="video-card" data-video-id={video.id}>
      <Link to={`/watch/${video.id}`} className="thumb" aria-label={`Watch ${title}`}>
        <img src={thumbnailUrl(video.id)} alt="" loading="lazy" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />
        <span className="badge duration">{formatDuration(video.durationSeconds)}</span>
        {video.quality && <span className="badge quality">{video.quality}</span>}
        {progress !== undefined && (
          <span className="thumb-progress" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.max(0, progress * 100))}%` }} />
          </span>
        )}
      </Link>
      <div className="card-body">
        <Link to={`/watch/${video.id}`} className="card-title" title={title}>
          {title}
        </Link>
        <div className="card-meta">
          {video.viewCount !== undefined && <span className="views">{plural(video.viewCount, 'view')}</span>}
          {children}
        </div>
      </div>
    </article>
  );
}
