import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../gallery/test-videos.js';
import { createEngagementRepository } from './engagement.repository.js';

let t: TestApp;
const S = 'sess_abc123def456';

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
});
afterAll(() => t.close());

const post = (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });
const counters = async (id: number) => createEngagementRepository(t.ctx.database).counters(id);

describe('upvotes (seed 003)', () => {
  it('upvotes, is idempotent, and removes with the seed responses', async () => {
    const id = await insertVideo(t.ctx.database);
    const first = await post(`/api/media/public/${id}/upvote`, { sessionId: S });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ success: true, upvoted: true, upvoteCount: 1 });
    const again = await post(`/api/media/public/${id}/upvote`, { sessionId: S });
    expect(again.json()).toEqual({ success: true, upvoted: true, upvoteCount: 1 });
    const other = await post(`/api/media/public/${id}/upvote`, { sessionId: 'another-session-1' });
    expect(other.json()).toEqual({ success: true, upvoted: true, upvoteCount: 2 });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/media/public/${id}/upvote?sessionId=${S}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ success: true, upvoted: false, upvoteCount: 1 });
    const delAgain = await t.app.inject({ method: 'DELETE', url: `/api/media/public/${id}/upvote?sessionId=${S}` });
    expect(delAgain.json()).toEqual({ success: true, upvoted: false, upvoteCount: 1 });
  });

  it('answers the seed messages: sessionId is required, Media not found, Media is locked', async () => {
    const id = await insertVideo(t.ctx.database);
    const missing = await post(`/api/media/public/${id}/upvote`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('sessionId is required');
    const missingDelete = await t.app.inject({ method: 'DELETE', url: `/api/media/public/${id}/upvote` });
    expect(missingDelete.statusCode).toBe(400);
    expect(missingDelete.json().error).toBe('sessionId is required');
    const unknown = await post(`/api/media/public/99999999/upvote`, { sessionId: S });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('Media not found');
    const unpublished = await insertVideo(t.ctx.database, { published: false });
    expect((await post(`/api/media/public/${unpublished}/upvote`, { sessionId: S })).json().error).toBe('Media not found');
    const locked = await insertVideo(t.ctx.database, { locked: true });
    const res = await post(`/api/media/public/${locked}/upvote`, { sessionId: S });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('Media is locked');
  });

  it('bad input gives 400 naming the field, never 500', async () => {
    const id = await insertVideo(t.ctx.database);
    for (const payload of [{ sessionId: 5 }, { sessionId: 'short' }, { sessionId: 'x'.repeat(200) }, { sessionId: 'has spaces in it' }]) {
      const res = await post(`/api/media/public/${id}/upvote`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatch(/sessionId/);
    }
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999']) {
      const res = await post(`/api/media/public/${bad}/upvote`, { sessionId: S });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatch(/id/);
    }
  });

  it('100 parallel upvotes from one session count once', async () => {
    const id = await insertVideo(t.ctx.database);
    const results = await Promise.all(Array.from({ length: 100 }, () => post(`/api/media/public/${id}/upvote`, { sessionId: 'same-session-x' })));
    expect(results.every((r) => r.statusCode === 200 && r.json().upvoted === true)).toBe(true);
    expect((await counters(id)).upvoteCount).toBe(1);
    const [row] = await t.ctx.database.query<{ n: string }>(sql`select count(*) as n from video_upvotes where video_id = ${id}`);
    expect(Number(row!.n)).toBe(1);
  });
});

describe('views', () => {
  it('1,000 parallel views from distinct viewers add exactly 1,000', async () => {
    const id = await insertVideo(t.ctx.database);
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=viewer-${i}-abcdef` })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(Math.max(...results.map((r) => r.json().viewCount))).toBe(1000);
    expect((await counters(id)).viewCount).toBe(1000);
  });

  it('dedupes a viewer within the window (sessionId, else address)', async () => {
    const id = await insertVideo(t.ctx.database);
    const a = await t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=${S}` });
    expect(a.json().viewCount).toBe(1);
    const b = await t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=${S}` });
    expect(b.json().viewCount).toBe(1);
    await t.app.inject({ method: 'GET', url: `/api/media/public/${id}`, remoteAddress: '10.0.0.1' });
    await t.app.inject({ method: 'GET', url: `/api/media/public/${id}`, remoteAddress: '10.0.0.1' });
    const c = await t.app.inject({ method: 'GET', url: `/api/media/public/${id}`, remoteAddress: '10.0.0.2' });
    expect(c.json().viewCount).toBe(3);
  });
});

describe('finish and watch time', () => {
  it('counts a finish once per session', async () => {
    const id = await insertVideo(t.ctx.database);
    const a = await post(`/api/media/public/${id}/finish`, { sessionId: S });
    expect(a.json()).toEqual({ success: true, counted: true, finishCount: 1 });
    const b = await post(`/api/media/public/${id}/finish`, { sessionId: S });
    expect(b.json()).toEqual({ success: true, counted: false, finishCount: 1 });
    expect((await post(`/api/media/public/${id}/finish`, {})).json().error).toBe('sessionId is required');
  });

  it('caps watch time by the duration and by the time since the previous report', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 30 });
    const first = await post(`/api/media/public/${id}/watch-time`, { sessionId: S, seconds: 500, position: 30 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ success: true, creditedSeconds: 30, totalWatchTime: 30 });
    // Immediately after: at most ~1 s of slack has elapsed.
    const second = await post(`/api/media/public/${id}/watch-time`, { sessionId: S, seconds: 20 });
    expect(second.json().creditedSeconds).toBeLessThanOrEqual(2);
    expect((await counters(id)).totalWatchTime).toBe(30 + second.json().creditedSeconds);
  });

  it('refuses bad watch-time input with 400', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 30 });
    const cases: Array<[unknown, RegExp]> = [
      [{ seconds: 5 }, /sessionId is required/],
      [{ sessionId: S }, /seconds is required/],
      [{ sessionId: S, seconds: '5' }, /seconds must be a number/],
      [{ sessionId: S, seconds: -1 }, /seconds must be 0 or more/],
      [{ sessionId: S, seconds: 1e12 }, /seconds must be at most/],
      [{ sessionId: S, seconds: 5, position: -3 }, /position/],
      [{ sessionId: S, seconds: 5, position: 400 }, /position must lie within the video/],
    ];
    for (const [payload, message] of cases) {
      const res = await post(`/api/media/public/${id}/watch-time`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatch(message);
    }
  });
});

describe('progress (seed 001)', () => {
  it('keeps the max watched_seconds, always the latest last_position, completed one-way', async () => {
    const id = await insertVideo(t.ctx.database);
    const { auth } = await t.login();
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: `/api/videos/${id}/progress`, headers: auth, payload });
    const a = await put({ watched_seconds: 40, duration_seconds: 120, last_position: 40 });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ watched_seconds: 40, last_position: 40, completed: false, duration_seconds: 120 });
    const b = await put({ watched_seconds: 10, duration_seconds: 120, last_position: 10 });
    expect(b.json()).toEqual({ watched_seconds: 40, last_position: 10, completed: false, duration_seconds: 120 });
    const c = await put({ watched_seconds: 120, duration_seconds: 120, last_position: 120, completed: true });
    expect(c.json()).toEqual({ watched_seconds: 120, last_position: 120, completed: true, duration_seconds: 120 });
    const d = await put({ watched_seconds: 5, duration_seconds: 120, last_position: 5, completed: false });
    expect(d.json()).toEqual({ watched_seconds: 120, last_position: 5, completed: true, duration_seconds: 120 });
    const got = await t.app.inject({ method: 'GET', url: `/api/videos/${id}/progress`, headers: auth });
    expect(got.json()).toEqual(d.json());
  });

  it('validates, authenticates and says Video not found', async () => {
    const id = await insertVideo(t.ctx.database);
    const { auth } = await t.login();
    const put = (url: string, payload: object, headers: object = auth) => t.app.inject({ method: 'PUT', url, headers: headers as never, payload });
    expect((await put(`/api/videos/${id}/progress`, { watched_seconds: 1, duration_seconds: 1, last_position: 1 }, {})).statusCode).toBe(401);
    const notFound = await put(`/api/videos/99999999/progress`, { watched_seconds: 1, duration_seconds: 1, last_position: 1 });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().error).toBe('Video not found');
    for (const payload of [
      { duration_seconds: 1, last_position: 1 },
      { watched_seconds: -1, duration_seconds: 1, last_position: 1 },
      { watched_seconds: 1.5, duration_seconds: 1, last_position: 1 },
      { watched_seconds: '1', duration_seconds: 1, last_position: 1 },
      { watched_seconds: 1e15, duration_seconds: 1, last_position: 1 },
      { watched_seconds: 1, duration_seconds: 1, last_position: 1, completed: 'yes' },
    ]) {
      const res = await put(`/api/videos/${id}/progress`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatch(/watched_seconds|completed/);
    }
  });

  it('lists unfinished videos most recent first in continue watching', async () => {
    const { auth } = await t.login();
    const [a, b, done] = [await insertVideo(t.ctx.database, { title: 'A' }), await insertVideo(t.ctx.database, { title: 'B' }), await insertVideo(t.ctx.database)];
    const put = (id: number, payload: object) => t.app.inject({ method: 'PUT', url: `/api/videos/${id}/progress`, headers: auth, payload });
    await put(a, { watched_seconds: 5, duration_seconds: 60, last_position: 5 });
    await new Promise((r) => setTimeout(r, 5));
    await put(b, { watched_seconds: 7, duration_seconds: 60, last_position: 7 });
    await put(done, { watched_seconds: 60, duration_seconds: 60, last_position: 60, completed: true });
    const res = await t.app.inject({ method: 'GET', url: '/api/me/continue-watching', headers: auth });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { video: { id: number } }) => i.video.id)).toEqual([b, a]);
    expect(items[0]).toMatchObject({ watched_seconds: 7, last_position: 7, duration_seconds: 60, video: { id: b, title: 'B' } });
  });
});

describe('statistics', () => {
  it('serves daily views, finish rate and the retention curve from rollups', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 100 });
    const { auth } = await t.login({ role: 'admin' });
    await t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=viewer-one-1` });
    await t.app.inject({ method: 'GET', url: `/api/media/public/${id}?sessionId=viewer-two-2` });
    await post(`/api/media/public/${id}/finish`, { sessionId: 'viewer-one-1' });
    await post(`/api/media/public/${id}/watch-time`, { sessionId: 'viewer-one-1', seconds: 100, position: 100 });
    await post(`/api/media/public/${id}/watch-time`, { sessionId: 'viewer-two-2', seconds: 50, position: 50 });
    const res = await t.app.inject({ method: 'GET', url: `/api/videos/${id}/stats?days=7`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({ viewCount: 2, finishCount: 1, totalWatchTime: 150 });
    expect(body.finishRate).toBe(0.5);
    expect(body.daily).toHaveLength(7);
    expect(body.daily[6]).toMatchObject({ views: 2, watchSeconds: 150, finishes: 1 });
    expect(body.retention.sessions).toBe(2);
    expect(body.retention.points).toHaveLength(100);
    expect(body.retention.points[0].share).toBe(1);
    expect(body.retention.points[99].share).toBe(0.5);
    // The reaction heatmap comes from the reactions module's pre-aggregate.
    expect(body.heatmap).toMatchObject({ mediaId: id, bucketCount: 100, durationSeconds: 100, total: 0 });
    const user = await t.login();
    expect((await t.app.inject({ method: 'GET', url: `/api/videos/${id}/stats`, headers: user.auth })).statusCode).toBe(403);
  });

  it('recounts every counter from the event rows without a difference', async () => {
    expect(await createEngagementRepository(t.ctx.database).findMismatches()).toEqual([]);
  });
});
