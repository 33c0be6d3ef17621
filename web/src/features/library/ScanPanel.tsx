// Starts a library scan and shows its progress live until it ends.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { ProgressBar } from '../../ui/ProgressBar';
import { isFinished, useJobProgress } from '../jobs/jobs.api';
import { jobIdOf, startScan } from './library.api';

export function ScanPanel({ onFinished }: { onFinished: () => void }) {
  const [jobId, setJobId] = useState<number>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { job } = useJobProgress(jobId);
  const done = isFinished(job?.status);

  useEffect(() => {
    if (done) onFinished();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);

  async function scan() {
    setBusy(true);
    setError(undefined);
    try {
      setJobId(jobIdOf(await startScan()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="scan-panel">
      <button type="button" className="btn btn-primary" onClick={() => void scan()} disabled={busy || (jobId !== undefined && !done)}>
        {jobId !== undefined && !done ? 'Scanning…' : 'Scan library'}
      </button>
      {job && (
        <div className="scan-status" data-job-status={job.status}>
          <ProgressBar value={job.progress} status={job.status} label="Scan progress" />
          <span className="muted small">
            Scan #{job.id}: {job.status}
            {job.status === 'failed' && job.error ? ` — ${job.error}` : ''}
          </span>
        </div>
      )}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
