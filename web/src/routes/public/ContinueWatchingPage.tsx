// Unfinished videos of the signed-in user, most recent first, with how far they got.
import { get } from '../../api/client';
import type { ContinueItem } from '../../api/types';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { VideoCard } from '../../ui/VideoCard';
import { Link } from 'react-router-dom';

export function ContinueWatchingPage() {
  const list = useAsync((signal) => get<{ videos: ContinueItem[] } | { items: ContinueItem[] }>('/api/me/continue-watching', undefined, { signal }), []);
  if (list.loading) return <Spinner />;
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const items = 'videos' in list.data! ? list.data.videos : list.data!.items;
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
            const video = item.video ?? item;
            const p = item.progress ?? item;
            const d = p.duration_seconds || video.durationSeconds || 0;
            return <VideoCard key={video.id} video={video} progress={d ? (p.last_position ?? 0) / d : undefined} />;
          })}
        </div>
      )}
    </section>
  );
}
