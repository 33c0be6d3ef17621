// Reports what was watched while the video plays: watch time (every anonymous or signed-in
// viewer, by session) with the playback position for retention, resume progress for
// signed-in users, and a finish when the video ends. Seeks are not counted as watching.
import { useEffect, useRef } from 'react';
import { post, put } from '../../api/client';
import { sessionId } from '../../api/session';

const FLUSH_EVERY_MS = 10_000;

export function useWatchReporting(video: HTMLVideoElement | null, videoId: number, signedIn: boolean) {
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;

  useEffect(() => {
    if (!video) return;
    let watched = 0; // seconds played since the last report
    let maxPosition = 0;
    let last = video.currentTime;
    let timer: ReturnType<typeof setInterval> | undefined;
    let finished = false;

    const flush = (opts: { completed?: boolean } = {}) => {
      const seconds = Math.floor(watched);
      const position = video.currentTime;
      if (seconds > 0) {
        watched -= seconds;
        void post(`/api/media/public/${videoId}/watch-time`, { sessionId: sessionId(), seconds, position: Math.floor(position) }).catch(() => undefined);
      }
      if (signedInRef.current && (seconds > 0 || opts.completed || position > 0)) {
        const duration = Number.isFinite(video.duration) ? Math.floor(video.duration) : 0;
        void put(`/api/videos/${videoId}/progress`, {
          watched_seconds: Math.floor(maxPosition),
          last_position: Math.floor(opts.completed ? duration : position),
          duration_seconds: duration,
          ...(opts.completed ? { completed: true } : {}),
        }).catch(() => undefined);
      }
    };

    const onTime = () => {
      const now = video.currentTime;
      const delta = now - last;
      // Small forward steps are playback; anything else is a seek.
      if (!video.paused && delta > 0 && delta < 1.5) watched += delta;
      last = now;
      if (now > maxPosition) maxPosition = now;
    };
    const onSeeked = () => {
      last = video.currentTime;
    };
    const onPlay = () => {
      last = video.currentTime;
      timer ??= setInterval(() => flush(), FLUSH_EVERY_MS);
    };
    const stopTimer = () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    };
    const onPause = () => {
      stopTimer();
      if (!video.ended) flush();
    };
    const onEnded = () => {
      onTime();
      stopTimer();
      maxPosition = Number.isFinite(video.duration) ? video.duration : maxPosition;
      flush({ completed: true });
      if (!finished) {
        finished = true;
        void post(`/api/media/public/${videoId}/finish`, { sessionId: sessionId() }).catch(() => undefined);
      }
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden' && !video.paused) flush();
    };

    const listeners = { timeupdate: onTime, seeked: onSeeked, play: onPlay, pause: onPause, ended: onEnded } as const;
    for (const [event, fn] of Object.entries(listeners)) video.addEventListener(event, fn);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      for (const [event, fn] of Object.entries(listeners)) video.removeEventListener(event, fn);
      document.removeEventListener('visibilitychange', onHide);
      stopTimer();
      if (!video.paused && !video.ended) flush();
    };
  }, [video, videoId]);
}
