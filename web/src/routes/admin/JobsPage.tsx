// The jobs monitor: every job with a live progress bar (socket.io `job:updated`), filters
// by status, type and resource category, queue positions and why a job waits, cancel and
// retry, worker capacity, and a form to create a job or a pipeline.
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, get } from '../../api/client';
import type { Job, JobQueue, JobUpdate } from '../../api/types';
import { CreateJobForm } from '../../features/jobs/CreateJobForm';
import { JOB_STATUSES, JOB_TYPES, RESOURCE_CATEGORIES, cancelJob, fetchJob, fetchJobs, isFinished, mergeJobUpdate, retryJob } from '../../features/jobs/jobs.api';
import { WorkersPanel } from '../../features/jobs/WorkersPanel';
import { useSocket, useSocketEvent } from '../../features/realtime/socket';
import { timeAgo } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { Empty, ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { useUrlFilters } from '../../ui/useUrlFilters';


function JobLog({ id }: { id: number }) {
  const job = useAsync((signal) => fetchJob(id, signal), [id]);
  if (job.loading) return <Spinner label="Loading log…" />;
  if (job.error) return <ErrorBox error={job.error} />;
  const j = job.data!;
  return (
    <div className="job-detail">
      <p className="small">
        Params: <code>{JSON.stringify(j.params)}</code>
      </p>
      {j.error && <p className="inline-error">{j.error}</p>}
      <pre className="log">{j.log || 'No log yet.'}</pre>
    </div>
  );
}

export function JobsPage() {
  const [{ status, type, resourceCategory }, set] = useUrlFilters(['status', 'type', 'resourceCategory'] as const);
  const [refreshKey, setRefreshKey] = useState(0);
  const [workersKey, setWorkersKey] = useState(0);
  const lastStatus = useRef(new Map<number, string>());
  const [open, setOpen] = useState<number>();
  const [actionError, setActionError] = useState<string>();
  const { socket, connected } = useSocket();

  const jobs = useAsync((signal) => fetchJobs({ status: status || undefined, type: type || undefined, resourceCategory: resourceCategory || undefined }, signal), [status, type, resourceCategory, refreshKey]);
  const queue = useAsync(async (signal) => {
    const res = await get<JobQueue>('/api/jobs/queue', undefined, { signal });
    return new Map(res.jobs.map((q) => [q.id, q]));
  }, [refreshKey]);

  // Positions and waiting reasons move as other jobs finish: refresh them now and then.
  useEffect(() => {
    const t = setInterval(() => setRefreshKey((k) => k + 1), 15_000);
    return () => clearInterval(t);
  }, []);

  const onUpdate = useCallback(
    (u: JobUpdate) => {
      jobs.setData((d) => {
        if (!d) return d;
        const known = d.jobs.some((j) => j.id === u.id);
        if (!known) {
          // A new job that matches the filters: fetch the list again (cheap, rare).
          setRefreshKey((k) => k + 1);
          return d;
        }
        return { ...d, jobs: d.jobs.map((j) => (j.id === u.id ? mergeJobUpdate(j, u) : j)) };
      });
      // A job starting or ending changes the queue and what the workers have free;
      // progress ticks do not.
      const before = lastStatus.current.get(u.id);
      lastStatus.current.set(u.id, u.status);
      if (before !== u.status) {
        queue.reload();
        setWorkersKey((k) => k + 1);
      }
    },
    [jobs, queue],
  );
  useSocketEvent(socket, 'job:updated', onUpdate);


  async function act(fn: () => Promise<unknown>) {
    setActionError(undefined);
    try {
      await fn();
      setRefreshKey((k) => k + 1);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  const list: Job[] = jobs.data?.jobs ?? [];
  return (
    <section className="page jobs-page">
      <div className="page-head">
        <h1>Jobs</h1>
        <span className={connected ? 'dot on' : 'dot'} aria-label={connected ? 'Live updates on' : 'Connecting for live updates'} title={connected ? 'Live' : 'Connecting…'} />
        <span className="muted small">{connected ? 'live' : 'connecting…'}</span>
      </div>
      <div className="jobs-layout">
        <div className="grow">
          <div className="toolbar">
            <select aria-label="Status" value={status} onChange={(e) => set('status', e.target.value)}>
              <option value="">Any status</option>
              {JOB_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
            <select aria-label="Type" value={type} onChange={(e) => set('type', e.target.value)}>
              <option value="">Any type</option>
              {JOB_TYPES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
            <select aria-label="Resource category" value={resourceCategory} onChange={(e) => set('resourceCategory', e.target.value)}>
              <option value="">Any resource</option>
              {RESOURCE_CATEGORIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
            <button type="button" className="btn" onClick={() => setRefreshKey((k) => k + 1)}>
              Refresh
            </button>
          </div>
          {actionError && (
            <p className="inline-error" role="alert">
              {actionError}
            </p>
          )}
          {jobs.loading && !jobs.data && <Spinner />}
          {jobs.error !== undefined && <ErrorBox error={jobs.error} onRetry={() => setRefreshKey((k) => k + 1)} />}
          {jobs.data && list.length === 0 && <Empty title="No jobs">{status || type || resourceCategory ? 'No job matches these filters.' : 'Jobs you start show up here.'}</Empty>}
          {list.length > 0 && (
            <div className="table-wrap">
              <table className="table jobs-table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Type</th>
                    <th>Status</th>
                    <th className="progress-col">Progress</th>
                    <th>Queue</th>
                    <th>Resource</th>
                    <th>Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((j) => {
                    const q = queue.data?.get(j.id);
                    const position = q?.queuePosition ?? j.queuePosition;
                    const reason = q?.waitingReason ?? j.waitingReason;
                    return (
                      <Fragment key={j.id}>
                        <tr data-job-id={j.id} data-job-status={j.status} data-job-type={j.type}>
                          <td>{j.id}</td>
                          <td>
                            <button type="button" className="link-btn" aria-expanded={open === j.id} onClick={() => setOpen(open === j.id ? undefined : j.id)}>
                              {j.type}
                            </button>
                            {j.pipelineId !== null && <span className="muted small"> · pipeline #{j.pipelineId}</span>}
                            {j.attempts > 1 && <span className="muted small"> · try {j.attempts}</span>}
                          </td>
                          <td>
                            <span className={`badge status-badge status-${j.status}`}>{j.status}</span>
                          </td>
                          <td className="progress-col">
                            <ProgressBar value={j.progress} status={j.status} label={`Job ${j.id} progress`} />
                          </td>
                          <td className="small">
                            {position ? `#${position}` : ''} {reason && <span className="muted">{reason}</span>}
                          </td>
                          <td className="small">
                            {j.resourceCategory}
                            {j.vramRequired ? ` · ${j.vramRequired} MB` : ''}
                          </td>
                          <td className="small muted">{timeAgo(j.createdAt)}</td>
                          <td className="actions">
                            {!isFinished(j.status) && (
                              <button type="button" className="btn btn-small" onClick={() => void act(() => cancelJob(j.id))}>
                                Cancel
                              </button>
                            )}
                            {(j.status === 'failed' || j.status === 'cancelled') && (
                              <button type="button" className="btn btn-small" onClick={() => void act(() => retryJob(j.id))}>
                                Retry
                              </button>
                            )}
                          </td>
                        </tr>
                        {open === j.id && (
                          <tr className="detail-row">
                            <td colSpan={8}>
                              <JobLog id={j.id} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <aside className="jobs-side">
          <WorkersPanel refreshKey={refreshKey + workersKey} />
          <CreateJobForm onCreated={() => setRefreshKey((k) => k + 1)} />
        </aside>
      </div>
    </section>
  );
}
