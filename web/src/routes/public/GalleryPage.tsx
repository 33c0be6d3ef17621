// The public gallery: category filter, sort, search (kept in the URL), infinite scroll
// on the server's keyset cursor, upvotes and view counts on every card.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GalleryItem, GallerySort } from '../../api/types';
import { UpvoteButton } from '../../features/engagement/UpvoteButton';
import { fetchCategories, fetchGalleryPage, nextCursorOf } from '../../features/gallery/gallery.api';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { useInfiniteScroll } from '../../ui/useInfiniteScroll';
import { VideoCard } from '../../ui/VideoCard';

const SORTS: { value: GallerySort; label: string }[] = [
  { value: 'recent', label: 'Most recent' },
  { value: 'popular', label: 'Most upvoted' },
  { value: 'most_viewed', label: 'Most viewed' },
];

export function GalleryPage() {
  const [filters, update] = useUrlFilters(['category', 'sort', 'search', 'limit'] as const);
  const { category, search } = filters;
  const sort = (filters.sort as GallerySort) || 'recent';
  // Page size (?limit=, 1–100; 24 by default): each scroll to the bottom fetches the next page by cursor.
  const limit = Math.min(100, Math.max(1, Number(filters.limit) || 24));
  const [draft, setDraft] = useState(search);
  useEffect(() => {
    setDraft(search);
  }, [search]);

  const categories = useAsync((s) => fetchCategories(s), []);
  const [videos, setVideos] = useState<GalleryItem[]>([]);
  const [total, setTotal] = useState<number>();
  const [cursor, setCursor] = useState<string>();
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const generation = useRef(0);

  const loadMore = useCallback(
    async (reset = false) => {
      const gen = reset ? ++generation.current : generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchGalleryPage({ category: category || undefined, sort, search: search || undefined, limit }, reset ? undefined : cursor, reset ? 0 : videos.length);
        if (gen !== generation.current) return;
        setVideos((prev) => {
          const base = reset ? [] : prev;
          const seen = new Set(base.map((v) => v.id));
          return [...base, ...page.videos.filter((v) => !seen.has(v.id))];
        });
        setTotal(page.pagination.total);
        setCursor(nextCursorOf(page));
        setHasMore(page.pagination.hasMore);
      } catch (err) {
        if (gen === generation.current) setError(err);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [category, sort, search, limit, cursor, videos.length],
  );

  useEffect(() => {
    setVideos([]);
    setCursor(undefined);
    setHasMore(true);
    void loadMore(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category, sort, search, limit]);

  const sentinel = useInfiniteScroll(() => {
    if (!loading && hasMore && !error) void loadMore();
  }, hasMore && !loading && !error && videos.length > 0);


  return (
    <section className="page">
      <div className="page-head">
        <h1>Gallery</h1>
        {total !== undefined && <span className="muted">{total} videos</span>}
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update('search', draft.trim());
        }}
      >
        <label className="sr-only" htmlFor="gallery-search">
          Search videos
        </label>
        <input id="gallery-search" type="search" placeholder="Search titles…" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <label>
          <span className="sr-only">Sort</span>
          <select aria-label="Sort" value={sort} onChange={(e) => update('sort', e.target.value)}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="chips" role="group" aria-label="Category">
        <button type="button" className={!category ? 'chip on' : 'chip'} aria-pressed={!category} onClick={() => update('category', '')}>
          All
        </button>
        {categories.data?.map((c) => (
          <button key={c.slug} type="button" className={category === c.slug ? 'chip on' : 'chip'} aria-pressed={category === c.slug} onClick={() => update('category', c.slug)}>
            {c.name}
          </button>
        ))}
      </div>

      {videos.length > 0 && (
        <div className="grid">
          {videos.map((v) => (
            <VideoCard key={v.id} video={v}>
              <UpvoteButton videoId={v.id} count={v.upvoteCount} />
            </VideoCard>
          ))}
        </div>
      )}
      {loading && <Spinner label={videos.length ? 'Loading more…' : 'Loading videos…'} />}
      {error !== undefined && <ErrorBox error={error} onRetry={() => void loadMore(videos.length === 0)} />}
      {!loading && !error && videos.length === 0 && (
        <Empty title={search || category ? 'No videos match' : 'Nothing published yet'}>
          {search || category ? 'Try another search or category.' : 'Published videos will appear here.'}
        </Empty>
      )}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
      {hasMore && !loading && !error && videos.length > 0 && (
        <button type="button" className="btn load-more" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}
