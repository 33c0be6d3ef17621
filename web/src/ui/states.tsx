// Loading, empty and error states, so every page says what is going on.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  // "Not found" and "locked" are answers, not failures: no retry, no alarm.
  const final = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <div className="state state-error" role="alert">
      <strong>{final ? 'Not available:' : 'Something went wrong:'}</strong> <span>{message}</span>
      {onRetry && !final && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}
