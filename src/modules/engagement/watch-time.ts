// Watch-time rules (SPEC §3), pure: a report credits no more than it claims, than the time
// since that session's previous report (plus a second of clock slack), or than the video
// lasts. With a position it marks which of the 100 retention buckets the session watched;
// each session counts once per bucket, and bucket -1 counts the sessions themselves.
import { badRequest } from '../../shared/errors.js';
import { pairKey } from './engagement.keys.js';

export const RETENTION_BUCKETS = 100;
export const SESSIONS_BUCKET = -1;

export type WatchState = { lastReportAt: number | null; totalSeconds: number; buckets: string };
export type WatchReport = {
  videoId: number;
  sessionId: string;
  seconds: number;
  position: number | undefined;
  /** When the report arrived (ms since epoch). */
  at: number;
  durationSeconds: number | null;
};

export type WatchPlan = {
  results: Array<{ creditedSeconds: number } | Error>;
  sessions: Array<{ videoId: number; sessionId: string; lastReportAt: Date; totalSeconds: number; buckets: string }>;
  events: Array<{ videoId: number; sessionId: string; reportedSeconds: number; creditedSeconds: number; position: number | null }>;
  retention: Array<{ videoId: number; bucket: number; n: number }>;
};

const CLOCK_SLACK_SECONDS = 1;

export const watchKey = (videoId: number, sessionId: string) => pairKey(videoId, sessionId);

/** Which buckets [position - seconds, position] of a video of `duration` seconds covers. */
export function coveredBuckets(position: number, seconds: number, duration: number): number[] {
  if (!(duration > 0) || seconds <= 0) return [];
  const size = duration / RETENTION_BUCKETS;
  const end = Math.min(duration, position);
  const start = Math.max(0, end - seconds);
  if (end <= start) return [];
  const first = Math.min(RETENTION_BUCKETS - 1, Math.floor(start / size));
  const last = Math.min(RETENTION_BUCKETS - 1, Math.max(first, Math.ceil(end / size) - 1));
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

/** Applies reports in arrival order to the sessions' states; pure. */
export function planWatchReports(reports: WatchReport[], states: Map<string, WatchState>): WatchPlan {
  const plan: WatchPlan = { results: [], sessions: [], events: [], retention: [] };
  const work = new Map<string, WatchState & { videoId: number; sessionId: string }>();
  const retention = new Map<string, { videoId: number; bucket: number; n: number }>();
  const addRetention = (videoId: number, bucket: number) => {
    const k = `${videoId}:${bucket}`;
    const r = retention.get(k) ?? { videoId, bucket, n: 0 };
    r.n += 1;
    retention.set(k, r);
  };

  for (const r of reports) {
    const duration = r.durationSeconds && r.durationSeconds > 0 ? r.durationSeconds : null;
    if (r.position !== undefined && duration !== null && r.position > duration + CLOCK_SLACK_SECONDS) {
      plan.results.push(badRequest(`position must lie within the video (0-${Math.ceil(duration)} seconds)`, undefined, 'POSITION_OUT_OF_RANGE'));
      continue;
    }
    const k = watchKey(r.videoId, r.sessionId);
    const state = work.get(k) ?? { ...(states.get(k) ?? { lastReportAt: null, totalSeconds: 0, buckets: '' }), videoId: r.videoId, sessionId: r.sessionId };
    const elapsed = state.lastReportAt === null ? Infinity : Math.max(0, (r.at - state.lastReportAt) / 1000) + CLOCK_SLACK_SECONDS;
    const credited = Math.max(0, Math.round(Math.min(r.seconds, elapsed, duration ?? Infinity)));
    state.lastReportAt = Math.max(state.lastReportAt ?? 0, r.at);
    state.totalSeconds += credited;
    if (r.position !== undefined && duration !== null) {
      const bits = (state.buckets || '0'.repeat(RETENTION_BUCKETS)).split('');
      const hadAny = bits.includes('1');
      for (const b of coveredBuckets(r.position, credited, duration)) {
        if (bits[b] === '1') continue;
        bits[b] = '1';
        addRetention(r.videoId, b);
      }
      if (!hadAny && bits.includes('1')) addRetention(r.videoId, SESSIONS_BUCKET);
      state.buckets = bits.join('');
    }
    work.set(k, state);
    plan.events.push({ videoId: r.videoId, sessionId: r.sessionId, reportedSeconds: r.seconds, creditedSeconds: credited, position: r.position ?? null });
    plan.results.push({ creditedSeconds: credited });
  }
  for (const s of work.values()) {
    plan.sessions.push({ videoId: s.videoId, sessionId: s.sessionId, lastReportAt: new Date(s.lastReportAt!), totalSeconds: s.totalSeconds, buckets: s.buckets });
  }
  plan.retention = [...retention.values()];
  return plan;
}
