import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../gallery/test-videos.js';
import { getHeatmap } from '../reactions/reactions.usecases.js';

// The engagement tables have no foreign keys (migration 'engagement-write-path'): these are the
// deletes that ON DELETE CASCADE used to do, now done by triggers.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '1000000', VIEW_DEDUPE_WINDOW: '60' });
});
afterAll(() => t.close());

const TABLES = [
  'video_view_events',
  'video_view_marks',
  'video_upvotes',
  'video_finishes',
  'video_watch_sessions',
  'video_watch_events',
  'video_daily_stats',
  'video_retention',
  'video_progress',
  'moment_reactions',
  'moment_reaction_timeline',
  'moment_reaction_slices',
  'video_stats',
] as const;

async function rowsPerTable(videoId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.ctx.database.query<{ n: string | number }>(sql`select count(*) as n from ${sql.identifier(table)} where video_id = ${videoId}`);
    out[table] = Number(row!.n);
  }
  return out;
}

async function engage(videoId: number, auth: Record<string, string>, session: string) {
  const calls = [
    t.app.inject({ method: 'GET', url: `/api/media/public/${videoId}?sessionId=${session}` }),
    t.app.inject({ method: 'POST', url: `/api/media/public/${videoId}/upvote`, payload: { sessionId: session } }),
    t.app.inject({ method: 'POST', url: `/api/media/public/${videoId}/finish`, payload: { sessionId: session } }),
    t.app.inject({ method: 'POST', url: `/api/media/public/${videoId}/watch-time`, payload: { sessionId: session, seconds: 5, position: 5 } }),
    t.app.inject({ method: 'PUT', url: `/api/videos/${videoId}/progress`, headers: auth, payload: { watched_seconds: 5, duration_seconds: 600, last_position: 5 } }),
    t.app.inject({ method: 'POST', url: '/api/reactions', headers: auth, payload: { mediaId: videoId, reactionType: 'like', videoTimestamp: 12.5 } }),
  ];
  for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(200);
}

describe('deleting what engagement rows belong to', () => {
  it('removes every engagement row of a deleted video, and only those', async () => {
    const admin = await t.login({ role: 'admin' });
    const viewer = await t.login();
    const gone = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    const kept = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    await engage(gone, viewer.auth, 'cleanup-a');
    await engage(kept, viewer.auth, 'cleanup-a');
    const before = await rowsPerTable(gone);
    for (const table of TABLES) expect(before[table], table).toBeGreaterThan(0);

    const res = await t.app.inject({ method: 'DELETE', url: `/api/videos/${gone}`, headers: admin.auth });
    expect(res.statusCode).toBe(204);

    expect(Object.values(await rowsPerTable(gone))).toEqual(TABLES.map(() => 0));
    expect(await rowsPerTable(kept)).toEqual(before);
  });

  it("removes a deleted user's resume points and moment reactions", async () => {
    const viewer = await t.login();
    const video = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    await engage(video, viewer.auth, 'cleanup-b');
    const count = async () =>
      Number(
        (
          await t.ctx.database.query<{ n: string | number }>(
            sql`select (select count(*) from video_progress where user_id = ${viewer.id}) + (select count(*) from moment_reactions where user_id = ${viewer.id}) as n`,
          )
        )[0]!.n,
      );
    expect(await count()).toBe(2);
    await t.ctx.database.query(sql`delete from users where id = ${viewer.id}`);
    expect(await count()).toBe(0);
  });

  it("takes a deleted user's moment reactions out of the heatmap pre-aggregates too", async () => {
    const leaving = await t.login();
    const staying = await t.login();
    const video = await insertVideo(t.ctx.database, { durationSeconds: 90 });
    const react = async (auth: Record<string, string>, reactionType: string, videoTimestamp: number) => {
      const r = await t.app.inject({ method: 'POST', url: '/api/reactions', headers: auth, payload: { mediaId: video, reactionType, videoTimestamp } });
      expect(r.statusCode).toBe(200);
    };
    // Shared seconds and slices, one type only the leaving user used, one slot past 'like'.
    for (const [type, at] of [['like', 10], ['love', 10], ['wow', 45.5], ['like', 89]] as const) await react(leaving.auth, type, at);
    for (const [type, at] of [['like', 10], ['laugh', 46], ['like', 89]] as const) await react(staying.auth, type, at);
    // What the heatmaps must show once the leaving user is gone: a video with only the staying user's reactions.
    const twin = await insertVideo(t.ctx.database, { durationSeconds: 90 });
    for (const [type, at] of [['like', 10], ['laugh', 46], ['like', 89]] as const) {
      const r = await t.app.inject({ method: 'POST', url: '/api/reactions', headers: staying.auth, payload: { mediaId: twin, reactionType: type, videoTimestamp: at } });
      expect(r.statusCode).toBe(200);
    }
    const heatmaps = async (id: number) => {
      const out = [];
      for (const buckets of [100, 30]) out.push({ ...(await getHeatmap(t.ctx, id, buckets)), mediaId: 0 });
      return out;
    };
    expect(await heatmaps(video)).not.toEqual(await heatmaps(twin));

    await t.ctx.database.query(sql`delete from users where id = ${leaving.id}`);

    expect(await heatmaps(video)).toEqual(await heatmaps(twin));
    expect((await getHeatmap(t.ctx, video)).total).toBe(3);
  });

  it('a video of unknown length keeps its heatmap spanning only the seconds still reacted to', async () => {
    const leaving = await t.login();
    const staying = await t.login();
    const video = await insertVideo(t.ctx.database, { durationSeconds: null });
    for (const [auth, at] of [[staying.auth, 20], [leaving.auth, 70]] as const) {
      const r = await t.app.inject({ method: 'POST', url: '/api/reactions', headers: auth, payload: { mediaId: video, reactionType: 'like', videoTimestamp: at } });
      expect(r.statusCode).toBe(200);
    }
    expect((await getHeatmap(t.ctx, video)).durationSeconds).toBe(71);
    await t.ctx.database.query(sql`delete from users where id = ${leaving.id}`);
    const after = await getHeatmap(t.ctx, video);
    expect(after.durationSeconds).toBe(21);
    expect(after.total).toBe(1);
  });
});
