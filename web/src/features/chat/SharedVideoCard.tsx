// A video shared into a chat: thumbnail, title and length, linking to the viewer.
import { Link } from 'react-router-dom';
import type { SharedVideoCard as Card } from '../../api/types';
import { formatDuration, thumbnailUrl } from '../../ui/format';

export function SharedVideoCard({ video }: { video: Card }) {
  return (
    <Link to={`/watch/${video.id}`} className="shared-video" data-shared-video-id={video.id}>
      <img src={video.thumbnail_url ?? thumbnailUrl(video.id)} alt="" />
      <span className="shared-video-text">
        <strong>{video.title}</strong>
        <span className="muted small">{video.available ? `${formatDuration(video.duration_seconds)} · Watch` : 'No longer available'}</span>
      </span>
    </Link>
  );
}
