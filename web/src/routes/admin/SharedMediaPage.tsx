// The public side of the library, for admins: categories and their order, and every
// published video with its category, hero flag, lock (with reason) and engagement.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import type { Category, GalleryItem, LibraryVideo } from '../../api/types';
import { fetchGalleryPage } from '../../features/gallery/gallery.api';
import { CategoryManager, useAllCategories } from '../../features/library/CategoryManager';
import { fetchLibrary, lockVideo, unlockVideo, updateVideo } from '../../features/library/library.api';
import { formatCount, thumbnailUrl } from '../../ui/format';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { videoTitle } from '../../ui/VideoCard';

type Counts = Pick<GalleryItem, 'viewCount' | 'upvoteCount' | 'commentCount'>;

function PublishedRow({ video, counts, categories, onChanged }: { video: LibraryVideo; counts: Counts | undefined; categories: Category[]; onChanged: () => void }) {
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState('');
  const [locking, setLocking] = useState(false);
  // Shown at once; the server's answer (after the reload) has the last word.
  const [hero, setHero] = useState(video.isHero);
  const [categoryId, setCategoryId] = useState(video.categoryId);
  useEffect(() => {
    setHero(video.isHero);
    setCategoryId(video.categoryId);
  }, [video.isHero, video.categoryId]);

  async function run(fn: () => Promise<unknown>) {
    setError(undefined);
    try {
      await fn();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <tr data-video-id={video.id}>
      <td>
        <Link to={`/watch/${video.id}`} className="row-title">
          <img src={thumbnailUrl(video.id)} alt="" width={64} height={36} />
          <span className="ellipsis">{videoTitle(video)}</span>
        </Link>
      </td>
      <td>
        <select aria-label={`Category of ${videoTitle(video)}`} value={categoryId ?? ''}
          onChange={(e) => {
            const next = e.target.value ? Number(e.target.value) : null;
            setCategoryId(next);
            void run(() => updateVideo(video.id, { categoryId: next }));
          }}
        >
          <option value="">No category</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label="Hero video"
          checked={hero}
          onChange={(e) => {
            const next = e.target.checked;
            setHero(next);
            void run(() => updateVideo(video.id, { isHero: next }));
          }}
        />
      </td>
      <td className="num">{counts ? formatCount(counts.viewCount) : '–'}</td>
      <td className="num">{counts ? formatCount(counts.upvoteCount) : '–'}</td>
      <td className="num">{counts ? formatCount(counts.commentCount) : '–'}</td>
      <td>
        {video.locked ? (
          <span className="lock-cell">
            <span className="badge warn-badge" title={video.lockedReason ?? ''}>
              Locked{video.lockedReason ? `: ${video.lockedReason}` : ''}
            </span>
            <button type="button" className="btn btn-small" onClick={() => void run(() => unlockVideo(video.id))}>
              Unlock
            </button>
          </span>
        ) : locking ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => lockVideo(video.id, reason.trim())).then(() => setLocking(false));
            }}
          >
            <input aria-label="Reason for locking" placeholder="Reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
            <button type="submit" className="btn btn-small btn-danger">
              Lock
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setLocking(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setLocking(true)}>
            Lock…
          </button>
        )}
        {error && <span className="inline-error">{error}</span>}
      </td>
      <td>
        <Link to={`/admin/videos/${video.id}/stats`} className="btn btn-small">
          Statistics
        </Link>
      </td>
    </tr>
  );
}

export function SharedMediaPage() {
  const categories = useAllCategories();
  const published = useAsync((signal) => fetchLibrary({ published: 'true', limit: 100, offset: 0 }, signal), []);
  // Engagement counters come from the gallery listing (locked videos are not listed there).
  const counts = useAsync(async (signal) => {
    const page = await fetchGalleryPage({ sort: 'most_viewed', limit: 100 }, undefined, 0, signal);
    return new Map(page.videos.map((v) => [v.id, v]));
  }, [published.data]);
  return (
    <section className="page shared-media">
      <h1>Shared media</h1>
      <div className="two-col">
        <CategoryManager categories={categories} />
        <section className="card grow" aria-labelledby="pub-title">
          <h2 id="pub-title">Published videos {published.data && <span className="muted">({published.data.total})</span>}</h2>
          {published.loading && <Spinner />}
          {published.error !== undefined && <ErrorBox error={published.error} onRetry={published.reload} />}
          {published.data?.videos.length === 0 && (
            <Empty title="Nothing published">
              Publish videos from the <Link to="/admin/library">library</Link>.
            </Empty>
          )}
          {published.data && published.data.videos.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Video</th>
                    <th>Category</th>
                    <th>Hero</th>
                    <th className="num">Views</th>
                    <th className="num">Upvotes</th>
                    <th className="num">Comments</th>
                    <th>Lock</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {published.data.videos.map((v) => (
                    <PublishedRow key={v.id} video={v} counts={counts.data?.get(v.id)} categories={categories.data ?? []} onChanged={published.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
