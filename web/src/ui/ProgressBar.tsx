// An accessible progress bar (0–100) with the status as its colour.
export function ProgressBar({ value, status, label }: { value: number; status?: string; label: string }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={`progress status-${status ?? 'running'}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v}>
      <span style={{ width: `${v}%` }} />
      <em>{v}%</em>
    </div>
  );
}
