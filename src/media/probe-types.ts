// What the library needs to know about a video file, whichever prober produced it, and the
// pure rules derived from it (quality label, orientation).

export type ProbeResult = {
  durationSeconds: number;
  width: number;
  height: number;
  videoCodec: string | null;
  audioCodec: string | null;
  hasAudio: boolean;
  /** Whole-file bits per second (what ffprobe reports as format.bit_rate). */
  bitrate: number | null;
  fps: number | null;
  container: string;
  /** Which prober answered: the in-process header parser or ffprobe. */
  source: 'header' | 'ffprobe';
};

export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeError';
  }
}

const LEVELS = [
  { label: '2160p', short: 2160, long: 3840 },
  { label: '1440p', short: 1440, long: 2560 },
  { label: '1080p', short: 1080, long: 1920 },
  { label: '720p', short: 720, long: 1280 },
  { label: '480p', short: 480, long: 854 },
  { label: '360p', short: 360, long: 640 },
  { label: '240p', short: 240, long: 426 },
] as const;

/**
 * The usual label for a frame size: by the short side, or by the long side for wide
 * crops (a 1920×800 film is "1080p"), portrait or landscape alike.
 */
export function qualityLabel(width: number, height: number): string | null {
  if (!(width > 0 && height > 0)) return null;
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  for (const level of LEVELS) if (short >= level.short || long >= level.long) return level.label;
  return '144p';
}

export function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' | null {
  if (!(width > 0 && height > 0)) return null;
  // A couple of percent either way is still square (e.g. 720×704 from anamorphic crops).
  if (Math.abs(width - height) / Math.max(width, height) <= 0.02) return 'square';
  return width > height ? 'landscape' : 'portrait';
}

/** Frames per second from a rational like "30000/1001"; null when unknown. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [n, d] = rate.split('/').map(Number);
  if (!n || !Number.isFinite(n)) return null;
  const fps = d ? n / d : n;
  return fps > 0 && fps < 1000 ? Math.round(fps * 1000) / 1000 : null;
}
