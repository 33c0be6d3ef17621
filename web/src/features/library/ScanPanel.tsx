// Starts a library scan and follows it (phase, files done of total) until it ends.
import { useEffect, useState } from 'react';
import { errorMessage, get } from '../../api/client';
import type { LibraryScan } from '../../api/types';
import { ProgressBar } from '../../ui/ProgressBar';
import { startScan } from './library.api';

const summaryText = (s: LibraryScan['summary']) =>
  s
    ? Object.entries(s)
        .filter(([k, v]) => typeof v === 'number' && v > 0 && !k.endsWith('Ms'))
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')
    : '';

export function ScanPanel({ onFinished }: { onFinished: () => void }) {
  const [scan, setScan] = useState<LibraryScan>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const running = scan?.status === 'running';

  useEffect(() => {
    if (!scan || !running) return;
    const t = setTimeout(() => {
      get<LibraryScan>(`/api/library/scans/${scan.id}`).then(
        (next) => {
          setScan(next);
          if (next.status !== 'running') onFinished();
        },
        (err) => setError(errorMessage(err)),
      );
    }, 600);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scan, running]);

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      setScan(await startScan());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const pct = scan ? (scan.status === 'completed' ? 100 : scan.progress.total ? (scan.progress.done / scan.progress.total) * 100 : 0) : 0;
  return (
    <div className="scan-panel">
      <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy || running}>
        {running ? 'Scanning…' : 'Scan library'}
      </button>
      {scan && (
        <div className="scan-status" data-scan-status={scan.status}>
          <ProgressBar value={pct} status={scan.status} label="Scan progress" />
          <span className="muted small" role="status">
            {scan.status === 'running' && `${scan.progress.phase}: ${scan.progress.done} of ${scan.progress.total || '?'}`}
            {scan.status === 'completed' && `Scan finished${summaryText(scan.summary) ? `: ${summaryText(scan.summary)}` : ''}`}
            {(scan.status === 'failed' || scan.status === 'cancelled') && `Scan ${scan.status}${scan.error ? `: ${scan.error}` : ''}`}
          </span>
        </div>
      )}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
