// Per-video statistics for admins: views and watch time per day, the retention curve,
// the reaction heatmap and the finish rate, drawn with recharts.
import { Link, useParams } from 'react-router-dom';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../../api/client';
import type { LibraryVideo, VideoStats } from '../../api/types';
import { heatColour } from '../../features/player/Heatmap';
import { fetchHeatmap, heatmapBins } from '../../features/reactions/reactions.api';
import { formatCount, formatDuration, plural } from '../../ui/format';
import { ErrorBox, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';
import { videoTitle } from '../../ui/VideoCard';

const AXIS = { stroke: 'var(--muted)', fontSize: 12 };
const TILES = [
  ['viewCount', 'Views'],
  ['upvoteCount', 'Upvotes'],
  ['commentCount', 'Comments'],
  ['finishCount', 'Finishes'],
  ['totalWatchTime', 'Watch time'],
] as const;

export function VideoStatsPage() {
  const id = Number(useParams().id);
  const video = useAsync((signal) => get<LibraryVideo>(`/api/videos/${id}`, undefined, { signal }), [id]);
  const stats = useAsync((signal) => get<VideoStats>(`/api/videos/${id}/stats`, undefined, { signal }), [id]);
  // About one bar per second of video (at most 100), so each bar is a readable moment.
  const buckets = Math.min(100, Math.max(1, Math.round(video.data?.durationSeconds ?? 100)));
  const heatmap = useAsync((signal) => fetchHeatmap(id, buckets, signal), [id, buckets]);

  if (stats.loading || video.loading) return <Spinner />;
  if (stats.error || video.error) return <ErrorBox error={stats.error ?? video.error} onRetry={() => (stats.reload(), video.reload())} />;
  const s = stats.data!;
  const v = video.data!;
  const duration = s.durationSeconds ?? v.durationSeconds ?? 0;
  const retention = s.retention.points.map((p) => ({ at: p.second ?? (duration * p.point) / 100, share: Math.round(p.share * 1000) / 10, viewers: p.viewers }));
  const bins = heatmapBins(heatmap.data);
  const maxBin = Math.max(1, ...bins.map((b) => b.total));
  const heat = bins.map((b) => ({ at: formatDuration(b.start), total: b.total, fill: heatColour(b.total / maxBin), top: b.top?.type ?? '' }));
  const timeAxis = { type: 'number' as const, domain: [0, Math.max(duration, 1)], tickFormatter: (v: number) => formatDuration(v), tick: AXIS, minTickGap: 24 };

  return (
    <section className="page stats-page">
      <div className="page-head">
        <h1>Statistics: {videoTitle(v)}</h1>
        <span className="spacer" />
        <Link to={`/watch/${id}`} className="btn btn-small">
          Open viewer
        </Link>
      </div>
      <div className="stat-tiles">
        {TILES.map(([key, label]) => (
          <div key={key} className="stat-tile">
            <span className="muted small">{label}</span>
            <strong>{key === 'totalWatchTime' ? formatDuration(s.totals[key]) : formatCount(s.totals[key])}</strong>
          </div>
        ))}
        <div className="stat-tile">
          <span className="muted small">Finish rate</span>
          <strong>{Math.round(s.finishRate * 100)}%</strong>
        </div>
      </div>
      <div className="chart-grid">
        <figure className="card chart">
          <figcaption>Views and watch time per day</figcaption>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={s.daily}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
              <XAxis dataKey="day" tick={AXIS} />
              <YAxis yAxisId="v" allowDecimals={false} tick={AXIS} />
              <YAxis yAxisId="w" orientation="right" tick={AXIS} />
              <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
              <Legend />
              <Line isAnimationActive={false} yAxisId="v" type="monotone" dataKey="views" name="Views" stroke="var(--accent)" strokeWidth={2} dot={false} />
              <Line isAnimationActive={false} yAxisId="w" type="monotone" dataKey="watchSeconds" name="Watch seconds" stroke="var(--accent-2)" strokeWidth={2} dot={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="card chart">
          <figcaption>Retention: share of viewers still watching ({plural(s.retention.sessions, 'session')})</figcaption>
          <ResponsiveContainer width="100%" height={240}>
            <AreaChart data={retention}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
              <XAxis dataKey="at" {...timeAxis} />
              <YAxis unit="%" domain={[0, 100]} tick={AXIS} />
              <Tooltip labelFormatter={(v) => formatDuration(Number(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
              <Area isAnimationActive={false} type="monotone" dataKey="share" name="Still watching" unit="%" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.25} />
            </AreaChart>
          </ResponsiveContainer>
        </figure>
        <figure className="card chart wide">
          <figcaption>Reaction heatmap along the timeline</figcaption>
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={heat} barCategoryGap="15%">
              <XAxis dataKey="at" tick={AXIS} minTickGap={16} />
              <YAxis allowDecimals={false} tick={AXIS} />
              <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
              <Bar isAnimationActive={false} dataKey="total" name="Reactions">
                {heat.map((h, i) => (
                  <Cell key={i} fill={h.fill} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
    </section>
  );
}
