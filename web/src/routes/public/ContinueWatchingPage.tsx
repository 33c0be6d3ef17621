// Unfinished videos of the signed-in user, most recent first, with how far they got.
import { Link } from 'react-router-dom';
import { get } from '../../api/client';
import type { ContinueWatching } from '../../api/types';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { VideoCard } from '../../ui/VideoCard';

export function ContinueWatchingPage() {
  const list = useAsync((signal) => get<ContinueWatching>('/api/me/continue-watching', undefined, { signal }), []);
  if (list.loading) return <Spinner />;
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const items = list.data!.items;
  return (
    <section className="page">
      <h1>Continue watching</h1>
      {items.length === 0 ? (
        <Empty title="Nothing in progress">
          Videos you start and don't finish show up here. <Link to="/gallery">Find something to watch</Link>.
        </Empty>
      ) : (
        <div className="grid">
          {items.map((item) => {
            const d = item.duration_seconds || item.video.durationSeconds || 0;
            return <VideoCard key={item.video.id} video={item.video} progress={d ? item.last_position / d : undefined} />;
          })}
        </div>
      )}
    </section>
  );
}
