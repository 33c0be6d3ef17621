// The video player: HLS through hls.js when the server has a ladder for this video, the
// progressive stream otherwise; custom controls so the reaction heatmap sits exactly
// above the seek bar. Keyboard: Space/K play-pause, ←/→ ±5 s, M mute, F fullscreen.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ReactNode } from 'react';
import { formatDuration, mediaUrl } from '../../ui/format';

export type PlayerHandle = { video: HTMLVideoElement | null; seek: (seconds: number) => void };

type Props = {
  videoId: number;
  /** Whether the server has an HLS ladder; probed with a HEAD request when unknown. */
  hls?: boolean;
  poster?: string;
  durationHint?: number | null;
  /** Where to start (resume point), applied once the metadata is known. */
  startAt?: number;
  /** Drawn above the seek bar, full width of the timeline. */
  timelineOverlay?: ReactNode;
  onVideo?: (video: HTMLVideoElement) => void;
};

async function hlsAvailable(videoId: number, signal: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch(mediaUrl(videoId, 'hls/master.m3u8'), { method: 'HEAD', signal });
    return res.ok;
  } catch {
    return false;
  }
}

export const Player = forwardRef<PlayerHandle, Props>(function Player({ videoId, hls, poster, durationHint, startAt, timelineOverlay, onVideo }, ref) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [source, setSource] = useState<'hls' | 'stream' | undefined>();
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(durationHint ?? 0);
  const [muted, setMuted] = useState(false);
  const [error, setError] = useState<string>();
  const startApplied = useRef(false);

  useImperativeHandle(ref, () => ({
    video: videoRef.current,
    seek: (s) => {
      if (videoRef.current) videoRef.current.currentTime = s;
    },
  }));

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    onVideo?.(video);
    const controller = new AbortController();
    let destroy: (() => void) | undefined;
    startApplied.current = false;
    setError(undefined);
    void (async () => {
      const useHls = hls ?? (await hlsAvailable(videoId, controller.signal));
      if (controller.signal.aborted) return;
      if (useHls) {
        const { default: Hls } = await import('hls.js');
        if (controller.signal.aborted) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ startPosition: startAt && startAt > 0 ? startAt : -1 });
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (data.fatal) {
              // A broken ladder should not leave the viewer stuck: fall back to the file.
              hls.destroy();
              video.src = mediaUrl(videoId, 'stream');
              setSource('stream');
            }
          });
          hls.loadSource(mediaUrl(videoId, 'hls/master.m3u8'));
          hls.attachMedia(video);
          destroy = () => hls.destroy();
          setSource('hls');
          return;
        }
        if (video.canPlayType('application/vnd.apple.mpegurl')) {
          video.src = mediaUrl(videoId, 'hls/master.m3u8');
          setSource('hls');
          return;
        }
      }
      video.src = mediaUrl(videoId, 'stream');
      setSource('stream');
    })();
    return () => {
      controller.abort();
      destroy?.();
      video.removeAttribute('src');
      video.load();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [videoId, hls]);

  // The resume point may arrive after the player was set up.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !startAt || startApplied.current) return;
    if (video.readyState >= 1) {
      video.currentTime = startAt;
      startApplied.current = true;
    }
  }, [startAt, source]);

  const toggle = () => {
    const v = videoRef.current;
    if (!v) return;
    if (v.paused) void v.play().catch((err: Error) => setError(err.message));
    else v.pause();
  };
  const seekBy = (d: number) => {
    const v = videoRef.current;
    if (v) v.currentTime = Math.max(0, Math.min(v.duration || duration, v.currentTime + d));
  };
  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void wrapRef.current?.requestFullscreen?.();
  };

  function onKey(e: React.KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
    if (target.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;
    const k = e.key.toLowerCase();
    if (k === ' ' || k === 'k') toggle();
    else if (k === 'arrowleft') seekBy(-5);
    else if (k === 'arrowright') seekBy(5);
    else if (k === 'm') setMuted((m) => !m);
    else if (k === 'f') fullscreen();
    else return;
    e.preventDefault();
  }

  return (
    <div className="player" ref={wrapRef} onKeyDown={onKey} data-source={source} tabIndex={0} aria-label="Video player: Space or K plays and pauses, arrows seek, M mutes, F full screen">
      <video
        ref={videoRef}
        className="player-video"
        poster={poster}
        playsInline
        preload="metadata"
        muted={muted}
        onClick={toggle}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          if (Number.isFinite(v.duration)) setDuration(v.duration);
          if (startAt && !startApplied.current) {
            v.currentTime = startAt;
            startApplied.current = true;
          }
        }}
        onDurationChange={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
        onError={() => setError('This video cannot be played right now.')}
      />
      {error && (
        <div className="player-error" role="alert">
          {error}
        </div>
      )}
      <div className="controls">
        <div className="timeline">
          {timelineOverlay}
          <input
            type="range"
            className="seek"
            aria-label="Seek"
            min={0}
            max={duration || 0}
            step={0.1}
            value={Math.min(time, duration || 0)}
            aria-valuetext={`${formatDuration(time)} of ${formatDuration(duration)}`}
            onChange={(e) => {
              const v = videoRef.current;
              if (v) v.currentTime = Number(e.target.value);
              setTime(Number(e.target.value));
            }}
            style={{ ['--played' as string]: `${duration ? (time / duration) * 100 : 0}%` }}
          />
        </div>
        <div className="control-row">
          <button type="button" className="btn btn-icon" onClick={toggle} aria-label={playing ? 'Pause' : 'Play'}>
            {playing ? '❚❚' : '▶'}
          </button>
          <span className="time" aria-live="off">
            {formatDuration(time)} / {formatDuration(duration)}
          </span>
          <span className="spacer" />
          {source === 'hls' && <span className="badge">HLS</span>}
          <button type="button" className="btn btn-icon" onClick={() => setMuted((m) => !m)} aria-label={muted ? 'Unmute' : 'Mute'} aria-pressed={muted}>
            {muted ? '🔇' : '🔊'}
          </button>
          <button type="button" className="btn btn-icon" onClick={fullscreen} aria-label="Full screen">
            ⛶
          </button>
        </div>
      </div>
    </div>
  );
});
