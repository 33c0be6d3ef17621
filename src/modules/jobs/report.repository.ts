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

/** `column` falls in [from, to). */
const between = (column: string, from: Date, to: Date): SQL =>
  sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz and ${sql.raw(column)} < ${to.toISOString()}::timestamptz`;

export function createReportRepository(database: Pick<Database, 'query'>) {
  return {
    async periodTotals(from: Date, to: Date): Promise<PeriodTotals> {
      const created = between('created_at', from, to);
      const [row] = await database.query<Record<keyof PeriodTotals, number | string>>(sql`
        select
          (select count(*) from videos where ${created})::int as "newVideos",
          (select count(*) from videos where published and ${between('published_at', from, to)})::int as "published",
          (select count(*) from video_view_events where ${created})::int as "views",
          (select count(*) from video_upvotes where ${created})::int as "upvotes",
          (select count(*) from video_finishes where ${created})::int as "finishes",
          (select coalesce(sum(credited_seconds), 0) from video_watch_events where ${created})::bigint as "watchSeconds",
          (select count(*) from comments where ${created})::int as "comments",
          (select count(*) from moment_reactions where ${created})::int as "momentReactions"`);
      return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)])) as PeriodTotals;
    },

    topByViews(from: Date, to: Date, limit: number) {
      return database.query<{ id: number; title: string | null; filename: string; views: number }>(sql`
        select v.id, v.title, v.filename, count(*)::int as views
        from video_view_events e join videos v on v.id = e.video_id
        where ${between('e.created_at', from, to)}
        group by v.id order by views desc, v.id limit ${limit}`);
    },

    newest(from: Date, to: Date, limit: number) {
      return database.query<{ id: number; title: string | null; filename: string; directory_type: string | null }>(sql`
        select id, title, filename, directory_type from videos
        where ${between('created_at', from, to)}
        order by created_at desc limit ${limit}`);
    },
  };
}
