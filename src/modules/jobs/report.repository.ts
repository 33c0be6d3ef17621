// What the digest reads: counts of a period's new videos and engagement events, the most
// viewed videos and the newest ones. Plain rows out; the job shapes the summary.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

export type PeriodTotals = {
  newVideos: number;
  published: number;
  views: number;
  upvotes: number;
  finishes: number;
  watchSeconds: number;
  comments: number;
  momentReactions: number;
};

export function createReportRepository(database: Pick<Database, 'query'>) {
  return {
    async periodTotals(from: Date, to: Date): Promise<PeriodTotals> {
      const between = (col: SQL) => sql`${col} >= ${from.toISOString()}::timestamptz and ${col} < ${to.toISOString()}::timestamptz`;
      const at = sql.raw('created_at');
      const [row] = await database.query<Record<keyof PeriodTotals, number | string>>(sql`
        select
          (select count(*) from videos where ${between(at)})::int as "newVideos",
          (select count(*) from videos where published and ${between(sql.raw('published_at'))})::int as "published",
          (select count(*) from video_view_events where ${between(at)})::int as "views",
          (select count(*) from video_upvotes where ${between(at)})::int as "upvotes",
          (select count(*) from video_finishes where ${between(at)})::int as "finishes",
          (select coalesce(sum(credited_seconds), 0) from video_watch_events where ${between(at)})::bigint as "watchSeconds",
          (select count(*) from comments where ${between(at)})::int as "comments",
          (select count(*) from moment_reactions where ${between(at)})::int as "momentReactions"`);
      return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)])) as PeriodTotals;
    },

    topByViews(from: Date, to: Date, limit: number) {
      return database.query<{ id: number; title: string | null; filename: string; views: number }>(sql`
        select v.id, v.title, v.filename, count(*)::int as views
        from video_view_events e join videos v on v.id = e.video_id
        where e.created_at >= ${from.toISOString()}::timestamptz and e.created_at < ${to.toISOString()}::timestamptz
        group by v.id order by views desc, v.id limit ${limit}`);
    },

    newest(from: Date, to: Date, limit: number) {
      return database.query<{ id: number; title: string | null; filename: string; directory_type: string | null }>(sql`
        select id, title, filename, directory_type from videos
        where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
        order by created_at desc limit ${limit}`);
    },
  };
}
