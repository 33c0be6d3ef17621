// Starts a library scan — a `scan` job on the server's queue — and follows that job until it
// ends: live progress from the `job:updated` socket event, status, log and summary from
// GET /api/jobs/:id (polled, faster when the socket is down). A scan already waiting or
// running (started elsewhere, or before a reload) is picked up and followed the same way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import type { JobUpdate, JobWithLog } from '../../api/types';
import { ProgressBar } from '../../ui/ProgressBar';
import { fetchJob, fetchJobs, isFinished, mergeJobUpdate } from '../jobs/jobs.api';
import { useSocket, useSocketEvent } from '../realtime/socket';
import { startScan } from './library.api';

// The counts SPEC §5 puts in a scan's summary, in that order.
const SUMMARY_KEYS = ['new', 'updated', 'unchanged', 'moved', 'duplicates', 'invalid', 'errors'] as const;

export function summaryText(result: unknown): string {
  if (!result || typeof result !== 'object') return '';
  const r = result as Record<string, unknown>;
  return SUMMARY_KEYS.filter((k) => typeof r[k] === 'number').map((k) => `${r[k] as number} ${k}`).join(', ');
}

/** The last line of a job log without its timestamp: what the scan is doing now. */
const lastLogLine = (log: string | undefined) => log?.trim().split('\n').at(-1)?.replace(/^\[[^\]]+\]\s*/, '') ?? '';

/** The newest scan job if it has not finished yet. */
async function findActiveScan(): Promise<JobWithLog | undefined> {
  const latest = (await fetchJobs({ type: 'scan', limit: 1 })).jobs[0];
  return latest && !isFinished(latest.status) ? fetchJob(latest.id) : undefined;
}

export function ScanPanel({ onFinished }: { onFinished: () => void }) {
  const { socket, connected } = useSocket();
  const [job, setJob] = useState<JobWithLog>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const active = job !== undefined && !isFinished(job.status);

  const refresh = useCallback(async (id: number) => {
    try {
      const next = await fetchJob(id);
      setJob((prev) => (prev && prev.id !== id ? prev : next));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  // The list changes when a scan this panel followed ends (not for one that had already ended).
  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !active) onFinished();
    wasActive.current = active;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.id, active]);

  // Pick up a scan that is already under way when the page opens.
  useEffect(() => {
    findActiveScan().then((found) => found && setJob((prev) => prev ?? found), () => undefined);
  }, []);

  // Live progress; the final state (with the summary) is read from the job itself.
  const onUpdate = useCallback(
    (u: JobUpdate) => {
      if (u.id !== job?.id) return;
      if (isFinished(u.status)) void refresh(u.id);
      else setJob((prev) => (prev && prev.id === u.id ? mergeJobUpdate(prev, u) : prev));
    },
    [job?.id, refresh],
  );
  useSocketEvent(socket, 'job:updated', onUpdate);

  // Polling as the fallback (and for the log line): every few seconds, every second without a socket.
  useEffect(() => {
    if (!job || !active) return;
    const t = setTimeout(() => void refresh(job.id), connected ? 3000 : 1000);
    return () => clearTimeout(t);
  }, [job, active, connected, refresh]);

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      const { jobId } = await startScan();
      setJob(await fetchJob(jobId));
    } catch (err) {
      // Only one scan at a time: follow the one that is already waiting or running.
      const running = err instanceof ApiError && err.code === 'SCAN_RUNNING' ? await findActiveScan().catch(() => undefined) : undefined;
      if (running) setJob(running);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const summary = job?.status === 'completed' ? summaryText(job.result) : '';
  return (
    <div className="scan-panel">
      <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy || active}>
        {job?.status === 'running' ? 'Scanning…' : active ? 'Scan waiting…' : 'Scan library'}
      </button>
      {job && (
        <div className="scan-status" data-scan-status={job.status} data-job-id={job.id}>
          <ProgressBar value={job.progress} status={job.status} label="Scan progress" />
          <span className="muted small" role="status">
            {(job.status === 'queued' || job.status === 'pending') && `Waiting for a worker (job ${job.id})`}
            {job.status === 'running' && (lastLogLine(job.log) || 'Scanning')}
            {job.status === 'completed' && `Scan finished${summary ? `: ${summary}` : ''}`}
            {(job.status === 'failed' || job.status === 'cancelled') && `Scan ${job.status}${job.error ? `: ${job.error}` : ''}`}
          </span>
          <Link className="small" to="/admin/jobs">
            Job {job.id}
          </Link>
        </div>
      )}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
