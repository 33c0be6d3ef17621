// The admin library: every indexed file as a thumbnail grid, filtered by directory type,
// status and search; select many and publish/lock/delete them at once; duplicates; scans (queued
// as `scan` jobs, followed live by the scan panel).
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import type { LibraryVideo } from '../../api/types';
import { BULK_ACTIONS, DIRECTORY_TYPES, bulkAction, fetchDuplicates, fetchLibrary, type BulkAction } from '../../features/library/library.api';
import { ScanPanel } from '../../features/library/ScanPanel';
import { formatBytes, formatDuration, thumbnailUrl } from '../../ui/format';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { useUrlFilters } from '../../ui/useUrlFilters';
import { videoTitle } from '../../ui/VideoCard';

const PAGE = 48;
const ACTION_LABELS: Record<BulkAction, string> = { publish: 'Publish', unpublish: 'Unpublish', lock: 'Lock', unlock: 'Unlock', delete: 'Delete' };

function LibraryTile({ video, selected, onToggle }: { video: LibraryVideo; selected: boolean; onToggle: () => void }) {
  const title = videoTitle(video);
  return (
    <article className={selected ? 'video-card tile selected' : 'video-card tile'} data-video-id={video.id}>
      <label className="tile-check">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${title}`} />
      </label>
      <Link to={`/watch/${video.id}`} className="thumb" aria-label={`Open ${title}`}>
        <img src={thumbnailUrl(video.id)} alt="" loading="lazy" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />
        <span className="badge duration">{formatDuration(video.durationSeconds)}</span>
      </Link>
      <div className="card-body">
        <span className="card-title" title={video.path}>
          {title}
        </span>
        <div className="card-meta">
          <span className="badge">{video.directoryType ?? 'videos'}</span>
          {video.published ? <span className="badge ok-badge">published</span> : <span className="badge">draft</span>}
          {video.locked && <span className="badge warn-badge" title={video.lockedReason ?? ''}>locked</span>}
          {!video.isValid && <span className="badge err-badge">invalid</span>}
          <span className="muted small">{formatBytes(video.fileSize)}</span>
          <Link className="small" to={`/admin/videos/${video.id}/stats`}>
            Stats
          </Link>
        </div>
      </div>
    </article>
  );
}

function Duplicates() {
  const dups = useAsync((s) => fetchDuplicates(s), []);
  if (dups.loading) return <Spinner label="Looking for duplicates…" />;
  if (dups.error) return <ErrorBox error={dups.error} onRetry={dups.reload} />;
  const groups = [
    ...dups.data!.exact.map((g) => ({ kind: 'Exact copies (same content hash)', videos: g.videos })),
    ...dups.data!.near.map((g) => ({ kind: `Likely duplicates (${g.bits - g.distance}/${g.bits} picture bits alike)`, videos: g.videos })),
  ];
  if (groups.length === 0) return <Empty title="No duplicates">Every file in the library is unique.</Empty>;
  return (
    <div className="dup-groups">
      {groups.map((g, i) => (
        <section key={i} className="card dup-group">
          <h3>
            {g.kind} <span className="muted">({g.videos.length})</span>
          </h3>
          <ul>
            {g.videos.map((v) => (
              <li key={v.id}>
                <img src={thumbnailUrl(v.id)} alt="" width={64} height={36} />
                <span className="ellipsis" title={v.path}>
                  {v.path}
                </span>
                <span className="muted small">{formatBytes(v.fileSize)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function LibraryPage() {
  const [filters, set] = useUrlFilters(['view', 'directoryType', 'status', 'search', 'offset'] as const, { resetOnChange: 'offset' });
  const { directoryType, status, search } = filters;
  const view = filters.view || 'grid';
  const offset = Number(filters.offset) || 0;
  const [draft, setDraft] = useState(search);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const list = useAsync(
    (signal) =>
      fetchLibrary(
        {
          search: search || undefined,
          directoryType: directoryType || undefined,
          published: status === 'published' ? 'true' : status === 'draft' ? 'false' : undefined,
          locked: status === 'locked' ? 'true' : undefined,
          limit: PAGE,
          offset,
        },
        signal,
      ),
    [search, directoryType, status, offset],
  );
  useEffect(() => {
    setSelected(new Set());
  }, [search, directoryType, status, offset]);


  const videos = list.data?.videos ?? [];
  const allSelected = videos.length > 0 && videos.every((v) => selected.has(v.id));

  async function runBulk(action: BulkAction) {
    if (action === 'delete' && !confirm(`Remove ${selected.size} video(s) from the library? Files stay on disk.`)) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const res = await bulkAction([...selected], action);
      const failed = res.failed.length ? ` — ${res.failed.length} failed: ${res.failed.map((f) => `#${f.id} ${f.error}`).join('; ')}` : '';
      setNotice({ kind: res.failed.length ? 'error' : 'ok', text: `${ACTION_LABELS[action]}: ${res.succeeded.length} video(s) done${failed}` });
      setSelected(new Set());
      list.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <div className="page-head">
        <h1>Library</h1>
        {list.data && <span className="muted">{list.data.total} files</span>}
        <span className="spacer" />
        <ScanPanel onFinished={list.reload} />
      </div>
      <div className="tabs" role="tablist" aria-label="Library view">
        <button type="button" role="tab" aria-selected={view === 'grid'} className={view === 'grid' ? 'tab on' : 'tab'} onClick={() => set('view', '')}>
          All files
        </button>
        <button type="button" role="tab" aria-selected={view === 'duplicates'} className={view === 'duplicates' ? 'tab on' : 'tab'} onClick={() => set('view', 'duplicates')}>
          Duplicates
        </button>
      </div>
      {view === 'duplicates' ? (
        <Duplicates />
      ) : (
        <>
          <form
            className="toolbar"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              set('search', draft.trim());
            }}
          >
            <input type="search" aria-label="Search title or filename" placeholder="Search title or filename…" value={draft} onChange={(e) => setDraft(e.target.value)} />
            <select aria-label="Directory type" value={directoryType} onChange={(e) => set('directoryType', e.target.value)}>
              <option value="">All directories</option>
              {DIRECTORY_TYPES.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
            <select aria-label="Status" value={status} onChange={(e) => set('status', e.target.value)}>
              <option value="">Any status</option>
              <option value="published">Published</option>
              <option value="draft">Not published</option>
              <option value="locked">Locked</option>
            </select>
          </form>
          <div className={selected.size ? 'bulk-bar active' : 'bulk-bar'} role="toolbar" aria-label="Bulk actions">
            <label>
              <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(videos.map((v) => v.id)))} aria-label="Select all on this page" />{' '}
              {selected.size ? `${selected.size} selected` : 'Select all'}
            </label>
            {BULK_ACTIONS.map((a) => (
              <button key={a} type="button" className={a === 'delete' ? 'btn btn-small btn-danger' : 'btn btn-small'} disabled={!selected.size || busy} onClick={() => void runBulk(a)}>
                {ACTION_LABELS[a]}
              </button>
            ))}
            {notice && (
              <span className={notice.kind === 'error' ? 'inline-error' : 'ok small'} role="status">
                {notice.text}
              </span>
            )}
          </div>
          {list.loading && <Spinner />}
          {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
          {!list.loading && !list.error && videos.length === 0 && (
            <Empty title={search || directoryType || status ? 'No files match' : 'The library is empty'}>
              {search || directoryType || status ? 'Change the filters.' : 'Start a scan to index the configured library folders.'}
            </Empty>
          )}
          {!list.loading && videos.length > 0 && (
            <div className="grid">
              {videos.map((v) => (
                <LibraryTile
                  key={v.id}
                  video={v}
                  selected={selected.has(v.id)}
                  onToggle={() =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (n.has(v.id)) n.delete(v.id);
                      else n.add(v.id);
                      return n;
                    })
                  }
                />
              ))}
            </div>
          )}
          {list.data && list.data.total > PAGE && (
            <nav className="pager" aria-label="Pages">
              <button type="button" className="btn" disabled={offset === 0} onClick={() => set('offset', String(Math.max(0, offset - PAGE)))}>
                ← Previous
              </button>
              <span className="muted">
                {offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
              </span>
              <button type="button" className="btn" disabled={offset + PAGE >= list.data.total} onClick={() => set('offset', String(offset + PAGE))}>
                Next →
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
