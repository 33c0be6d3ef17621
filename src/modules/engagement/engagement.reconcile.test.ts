import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../gallery/test-videos.js';
import { reconcileCounters } from './engagement.reconcile.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
});
afterAll(() => t.close());

describe('reconciliation', () => {
  it('finds counters that differ from their events and sets them to the recount', async () => {
    const id = await insertVideo(t.ctx.database);
    const other = await insertVideo(t.ctx.database);
    await t.app.inject({ method: 'POST', url: `/api/media/public/${id}/upvote`, payload: { sessionId: 'reconcile-1' } });
    await t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=reconcile-1` });
    await t.app.inject({ method: 'POST', url: `/api/media/public/${id}/finish`, payload: { sessionId: 'reconcile-1' } });
    expect((await reconcileCounters(t.ctx)).mismatches).toEqual([]);

    await t.ctx.database.query(sql`update video_stats set upvote_count = 7, view_count = 0 where video_id = ${id}`);
    const report = await reconcileCounters(t.ctx, { fix: true });
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        { videoId: id, field: 'upvote_count', counter: 7, recount: 1 },
        { videoId: id, field: 'view_count', counter: 0, recount: 1 },
      ]),
    );
    expect(report.mismatches.some((m) => m.videoId === other)).toBe(false);
    expect(report.fixed).toBe(1);
    expect(report.remaining).toEqual([]);
    const [row] = await t.ctx.database.query<{ upvote_count: string; view_count: string }>(sql`select upvote_count, view_count from video_stats where video_id = ${id}`);
    expect([Number(row!.upvote_count), Number(row!.view_count)]).toEqual([1, 1]);
  });
});
