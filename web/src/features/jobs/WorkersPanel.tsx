// Worker nodes and their capacity: CPU slots, encode slots and GPU memory in use.
import { get } from '../../api/client';
import type { WorkersResponse } from '../../api/types';
import { ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { useEffect } from 'react';
import { timeAgo } from '../../ui/format';

function Meter({ label, used, total, unit = '' }: { label: string; used: number; total: number; unit?: string }) {
  const pct = total ? Math.round((used / total) * 100) : 0;
  return (
    <div className="meter">
      <span className="small">
        {label}: {used}
        {unit} / {total}
        {unit}
      </span>
      <span className="meter-bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={used}>
        <span style={{ width: `${pct}%` }} />
      </span>
    </div>
  );
}

export function WorkersPanel({ refreshKey }: { refreshKey: number }) {
  const workers = useAsync(async (signal) => {
    const res = await get<WorkersResponse>('/api/workers', undefined, { signal });
    return res.workers;
  }, [refreshKey]);
  useEffect(() => {
    const t = setInterval(workers.reload, 10_000);
    return () => clearInterval(t);
  }, [workers.reload]);

  return (
    <section className="card" aria-labelledby="workers-title">
      <h2 id="workers-title">Workers</h2>
      {workers.loading && !workers.data && <Spinner />}
      {workers.error !== undefined && <ErrorBox error={workers.error} onRetry={workers.reload} />}
      {workers.data?.length === 0 && <p className="muted">No worker has checked in.</p>}
      {workers.data?.map((w) => (
        <div key={w.name} className={w.alive ? 'worker' : 'worker offline'}>
          <strong>
            {w.name} <span className={w.alive ? 'dot on' : 'dot'} aria-label={w.alive ? 'alive' : 'not responding'} />
          </strong>
          <span className="muted small">
            {w.hostname} · pid {w.pid} · heartbeat {timeAgo(w.heartbeatAt)}
          </span>
          <Meter label="CPU slots" used={w.cpuSlots - w.free.cpuSlots} total={w.cpuSlots} />
          <Meter label="Encode slots" used={w.encodeSlots - w.free.encodeSlots} total={w.encodeSlots} />
          {w.gpuVramMb > 0 && <Meter label={`GPU memory (${w.gpuSource})`} used={w.gpuVramMb - w.free.gpuVramMb} total={w.gpuVramMb} unit=" MB" />}
          {w.running.length > 0 && <p className="muted small">Running: {w.running.map((j) => `#${j.id} ${j.type} ${Math.round(j.progress)}%`).join(', ')}</p>}
        </div>
      ))}
    </section>
  );
}
