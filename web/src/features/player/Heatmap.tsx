// The reaction heatmap: one bar per timeline bucket, drawn in the same width as the seek
// bar right under it, coloured from cool to hot by how many reacted there. Hovering or
// focusing a bar tells the time span and the top reaction; clicking seeks there.
import { useState } from 'react';
import type { ReactionDef } from '../../api/types';
import { formatDuration } from '../../ui/format';
import type { HeatBin } from '../reactions/reactions.api';

export function heatColour(intensity: number): string {
  // 0 → transparent-ish blue, 1 → hot orange-red.
  const hue = 220 - 205 * intensity;
  const light = 45 + 10 * intensity;
  return `hsl(${hue.toFixed(0)} 90% ${light.toFixed(0)}%)`;
}

export function Heatmap({ bins, catalogue, onSeek }: { bins: HeatBin[]; catalogue: ReactionDef[]; onSeek?: (seconds: number) => void }) {
  const [hover, setHover] = useState<HeatBin>();
  const max = bins.reduce((m, b) => Math.max(m, b.total), 0);
  const emoji = (type: string) => catalogue.find((r) => r.type === type)?.emoji ?? type;
  const total = bins.reduce((s, b) => s + b.total, 0);
  const n = Math.max(1, bins.length);

  return (
    <div className="heatmap" data-total={total} onMouseLeave={() => setHover(undefined)}>
      <svg viewBox={`0 0 ${n} 20`} preserveAspectRatio="none" role="img" aria-label={total ? `Reaction heatmap: ${total} reactions along the video` : 'Reaction heatmap: no reactions yet'}>
        {bins.map((b) => {
          const intensity = max ? b.total / max : 0;
          const h = b.total ? 3 + 17 * intensity : 1.5;
          return (
            <rect
              key={b.index}
              className="heat-bar"
              data-count={b.total}
              x={b.index + 0.06}
              y={20 - h}
              width={0.88}
              height={h}
              fill={b.total ? heatColour(intensity) : 'var(--heat-empty)'}
              onMouseEnter={() => setHover(b)}
              onClick={() => onSeek?.(b.start)}
            />
          );
        })}
      </svg>
      {hover && hover.total > 0 && (
        <div className="heat-tip" role="tooltip" style={{ left: `${((hover.index + 0.5) / n) * 100}%` }}>
          <strong>
            {formatDuration(hover.start)}–{formatDuration(hover.end)}
          </strong>
          <span>
            {hover.total} reaction{hover.total === 1 ? '' : 's'}
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
