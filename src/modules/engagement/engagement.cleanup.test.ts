import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../gallery/test-videos.js';

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
});
