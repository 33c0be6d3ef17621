// The landing page: the hero video, then one row per active category.
import { Link } from 'react-router-dom';
import { fetchBrowse } from '../../features/gallery/gallery.api';
import { formatDuration, plural, thumbnailUrl } from '../../ui/format';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { VideoCard, videoTitle } from '../../ui/VideoCard';

export function BrowsePage() {
  const browse = useAsync((s) => fetchBrowse(s), []);
  if (browse.loading) return <Spinner />;
  if (browse.error) return <ErrorBox error={browse.error} onRetry={browse.reload} />;
  const { hero, rows } = browse.data!;
  const filled = rows.filter((r) => r.videos.length > 0);
  return (
    <section className="page">
      {hero ? (
        <Link to={`/watch/${hero.id}`} className="hero" aria-label={`Watch ${videoTitle(hero)}`}>
          <img src={thumbnailUrl(hero.id)} alt="" />
          <div className="hero-text">
            <span className="eyebrow">Featured</span>
            <h1>{videoTitle(hero)}</h1>
            <p className="muted">
              {formatDuration(hero.durationSeconds)} · {plural(hero.viewCount, 'view')} · {plural(hero.upvoteCount, 'upvote')}
            </p>
            <span className="btn btn-primary">▶ Watch now</span>
          </div>
        </Link>
      ) : (
        <h1>Browse</h1>
      )}
      {filled.map((row) => (
        <section key={row.category.slug} className="row" aria-labelledby={`row-${row.category.slug}`}>
          <div className="row-head">
            <h2 id={`row-${row.category.slug}`}>{row.category.name}</h2>
            <Link to={`/gallery?category=${encodeURIComponent(row.category.slug)}`}>See all</Link>
          </div>
          <div className="row-scroll">
            {row.videos.map((v) => (
              <VideoCard key={v.id} video={v} />
            ))}
          </div>
        </section>
      ))}
      {!hero && filled.length === 0 && (
        <Empty title="Nothing to browse yet">
          Nothing is published in a category yet. <Link to="/gallery">Open the gallery</Link> to see everything public.
        </Empty>
      )}
      {(hero || filled.length > 0) && (
        <p className="center">
          <Link to="/gallery" className="btn">
            Open the full gallery
          </Link>
        </p>
      )}
    </section>
  );
}
