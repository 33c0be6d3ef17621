// The reaction heatmap, drawn in the same width as the seek bar right under it: a smoothed
// curve of how many reacted along the timeline, coloured from cool to hot by intensity.
// Each bucket is also a hit area: hovering it tells the time span, the count and the top
// reaction; clicking seeks there. The exact counts stay on the hit areas (data-count).
import { useId, useMemo, useState } from 'react';
import type { ReactionDef } from '../../api/types';
import { formatDuration } from '../../ui/format';
import type { HeatBin } from '../reactions/reactions.api';

export function heatColour(intensity: number): string {
  const hue = 220 - 205 * intensity; // blue → orange-red
  const light = 45 + 10 * intensity;
  return `hsl(${hue.toFixed(0)} 90% ${light.toFixed(0)}%)`;
}

/** Gaussian-smoothed totals so a few reactions read as a heat curve, not hairlines. */
export function smooth(totals: number[], sigma: number): number[] {
  const radius = Math.ceil(sigma * 3);
  return totals.map((_, i) => {
    let sum = 0;
    for (let j = Math.max(0, i - radius); j <= Math.min(totals.length - 1, i + radius); j++) {
      sum += totals[j]! * Math.exp(-((i - j) ** 2) / (2 * sigma * sigma));
    }
    return sum;
  });
}

const H = 20;

/** "around 0:04" for a bucket shorter than a second, "1:00–1:30" otherwise. */
function spanLabel(b: HeatBin): string {
  return b.end - b.start < 1 ? `around ${formatDuration(Math.round((b.start + b.end) / 2))}` : `${formatDuration(b.start)}–${formatDuration(b.end)}`;
}

export function Heatmap({ bins, catalogue, onSeek }: { bins: HeatBin[]; catalogue: ReactionDef[]; onSeek?: (seconds: number) => void }) {
  const [hover, setHover] = useState<HeatBin>();
  const gradientId = useId();
  const n = Math.max(1, bins.length);
  const total = bins.reduce((s, b) => s + b.total, 0);
  const emoji = (type: string) => catalogue.find((r) => r.type === type)?.emoji ?? type;

  const { path, stops } = useMemo(() => {
    const curve = smooth(bins.map((b) => b.total), Math.max(1, n / 60));
    const max = Math.max(0, ...curve);
    if (!max) return { path: '', stops: [] as { offset: number; colour: string }[] };
    const pts = curve.map((v, i) => [i + 0.5, H - (v / max) * (H - 2)] as const);
    const d = [`M0 ${H}`, ...pts.map(([x, y]) => `L${x.toFixed(2)} ${y.toFixed(2)}`), `L${n} ${H}`, 'Z'].join(' ');
    return { path: d, stops: curve.map((v, i) => ({ offset: (i + 0.5) / n, colour: heatColour(v / max) })) };
  }, [bins, n]);

  return (
    <div className="heatmap" data-total={total} onMouseLeave={() => setHover(undefined)}>
      <svg viewBox={`0 0 ${n} ${H}`} preserveAspectRatio="none" role="img" aria-label={total ? `Reaction heatmap: ${total} reactions along the video` : 'Reaction heatmap: no reactions yet'}>
        <defs>
          <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
            {stops.map((s, i) => (
              <stop key={i} offset={s.offset} stopColor={s.colour} />
            ))}
          </linearGradient>
        </defs>
        <rect x={0} y={H - 1.5} width={n} height={1.5} fill="var(--heat-empty)" />
        {path && <path d={path} fill={`url(#${gradientId})`} fillOpacity={0.95} />}
        {bins.map((b) => (
          <rect
            key={b.index}
            className="heat-bar"
            data-count={b.total}
            x={b.index}
            y={0}
            width={1}
            height={H}
            fill="transparent"
            onMouseEnter={() => setHover(b)}
            onClick={() => onSeek?.(b.start)}
          />
        ))}
        {hover && <rect x={hover.index} y={0} width={1} height={H} fill="currentColor" opacity={0.35} pointerEvents="none" />}
      </svg>
      {hover && (
        <div className="heat-tip" role="tooltip" style={{ left: `${((hover.index + 0.5) / n) * 100}%` }}>
          <strong>{spanLabel(hover)}</strong>
          <span>
            {hover.total ? `${hover.total} reaction${hover.total === 1 ? '' : 's'}` : 'No reactions here'}
            {hover.top && (
              <>
                {' '}
                · top {emoji(hover.top.type)} ×{hover.top.count}
              </>
            )}
          </span>
        </div>
      )}
    </div>
  );
}
