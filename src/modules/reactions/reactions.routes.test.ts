import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../../../test/fixtures/insert-video.js';
import { getHeatmap, topMoments } from './reactions.usecases.js';
import { bucketize } from './reactions.timeline.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const zero = { like: 0, love: 0, laugh: 0, wow: 0, sad: 0, angry: 0 };

describe('toggle reactions (seed 001)', () => {
  it('adds, changes and removes, with counts after every action', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    const bob = await t.login();
    const added = await post('/api/video-reactions', { video_id: v.id, type: 'love' }, ann.auth);
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ action: 'added', type: 'love', reaction_counts: { ...zero, love: 1 } });

    await post('/api/video-reactions', { video_id: v.id, type: 'love' }, bob.auth);
    const changed = await post('/api/video-reactions', { video_id: v.id, type: 'wow' }, ann.auth);
    expect(changed.json()).toEqual({ action: 'changed', type: 'wow', reaction_counts: { ...zero, love: 1, wow: 1 } });

    const state = await get(`/api/video-reactions?video_id=${v.id}`, ann.auth);
    expect(state.json()).toEqual({ reaction_counts: { ...zero, love: 1, wow: 1 }, user_reaction: 'wow' });
    const anon = await get(`/api/video-reactions?video_id=${v.id}`);
    expect(anon.json()).toEqual({ reaction_counts: { ...zero, love: 1, wow: 1 }, user_reaction: null });

    const removed = await post('/api/video-reactions', { video_id: v.id, type: 'wow' }, ann.auth);
    expect(removed.json()).toEqual({ action: 'removed', reaction_counts: { ...zero, love: 1 } });
    expect((await get(`/api/video-reactions?video_id=${v.id}`, ann.auth)).json().user_reaction).toBeNull();
  });

  it('ends racing toggles by one user in at most one row, consistent with the counts', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    const types = ['like', 'love', 'wow', 'like', 'sad', 'like', 'love', 'angry'];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post('/api/video-reactions', { video_id: v.id, type: types[i % types.length] }, ann.auth)),
    );
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    const rows = await t.ctx.database.query<{ n: number }>(sql`select count(*)::int as n from video_reactions where video_id = ${v.id} and user_id = ${ann.id}`);
    expect(rows[0]!.n).toBeLessThanOrEqual(1);
    const state = (await get(`/api/video-reactions?video_id=${v.id}`, ann.auth)).json();
    const total = Object.values(state.reaction_counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(rows[0]!.n);
    // Serial semantics: the number of rows equals adds minus removes.
    const adds = results.filter((r) => r.json().action === 'added').length;
    const removes = results.filter((r) => r.json().action === 'removed').length;
    expect(adds - removes).toBe(rows[0]!.n);

    // The same type raced: after an even number of toggles, no reaction; after odd, one.
    const w = await insertVideo(t.ctx.database);
    await Promise.all(Array.from({ length: 10 }, () => post('/api/video-reactions', { video_id: w.id, type: 'like' }, ann.auth)));
    expect((await get(`/api/video-reactions?video_id=${w.id}`, ann.auth)).json().user_reaction).toBeNull();
    await Promise.all(Array.from({ length: 11 }, () => post('/api/video-reactions', { video_id: w.id, type: 'like' }, ann.auth)));
    expect((await get(`/api/video-reactions?video_id=${w.id}`, ann.auth)).json().user_reaction).toBe('like');
  });

  it('refuses bad input, no token, unknown, unpublished and locked videos', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    expect((await post('/api/video-reactions', { video_id: v.id, type: 'like' })).statusCode).toBe(401);
    const bad = await post('/api/video-reactions', { video_id: v.id, type: 'meh' }, ann.auth);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('Invalid reaction type');
    const haha = await post('/api/video-reactions', { video_id: v.id, type: 'haha' }, ann.auth);
    expect(haha.json().error).toBe('Invalid reaction type');
    const missing = await post('/api/video-reactions', { type: 'like' }, ann.auth);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('video_id is required');
    const wrongType = await post('/api/video-reactions', { video_id: 'abc', type: 7 }, ann.auth);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatch(/video_id/);
    expect(wrongType.json().error).toMatch(/type/);
    expect((await post('/api/video-reactions', { video_id: -3, type: 'like' }, ann.auth)).statusCode).toBe(400);
    const unknown = await post('/api/video-reactions', { video_id: 999999, type: 'like' }, ann.auth);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('Video not found');
    const hidden = await insertVideo(t.ctx.database, { published: false });
    const h = await post('/api/video-reactions', { video_id: hidden.id, type: 'like' }, ann.auth);
    expect([h.statusCode, h.json().error]).toEqual([404, 'Media not found']);
    const locked = await insertVideo(t.ctx.database, { locked: true });
    const l = await post('/api/video-reactions', { video_id: locked.id, type: 'like' }, ann.auth);
    expect([l.statusCode, l.json().error]).toEqual([403, 'Media is locked']);
    const lg = await get(`/api/video-reactions?video_id=${locked.id}`);
    expect([lg.statusCode, lg.json().error]).toEqual([403, 'Media is locked']);
    expect((await get('/api/video-reactions')).statusCode).toBe(400);
    expect((await get('/api/video-reactions?video_id=x')).statusCode).toBe(400);
  });
});

describe('moment reactions (seed 003)', () => {
  it('records a moment with emoji and formattedTime, exactly as the seed', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 4000 });
    const ann = await t.login();
    const res = await post('/api/reactions', { mediaId: v.id, reactionType: 'love', videoTimestamp: 27 }, ann.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['reaction', 'success']);
    expect(body.success).toBe(true);
    expect(Object.keys(body.reaction).sort()).toEqual(
      ['createdAt', 'emoji', 'formattedTime', 'id', 'mediaId', 'reactionType', 'userId', 'videoTimestamp'].sort(),
    );
    expect(body.reaction).toMatchObject({ mediaId: v.id, userId: ann.id, reactionType: 'love', videoTimestamp: 27, emoji: '❤️', formattedTime: '0:27' });
    expect(new Date(body.reaction.createdAt).toISOString()).toBe(body.reaction.createdAt);
    for (const [ts, label] of [[90, '1:30'], [3661, '1:01:01']] as const) {
      const r = await post('/api/reactions', { mediaId: v.id, reactionType: 'laugh', videoTimestamp: ts }, ann.auth);
      expect(r.json().reaction).toMatchObject({ formattedTime: label, emoji: '😂' });
    }
  });

  it('lists by media in timeline order, by user, with a limit', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    const bob = await t.login();
    await post('/api/reactions', { mediaId: v.id, reactionType: 'laugh', videoTimestamp: 42 }, bob.auth);
    await post('/api/reactions', { mediaId: v.id, reactionType: 'love', videoTimestamp: 27 }, ann.auth);
    await post('/api/reactions', { mediaId: v.id, reactionType: 'wow', videoTimestamp: 100 }, ann.auth);
    const list = await get(`/api/reactions?mediaId=${v.id}&limit=20`);
    expect(list.statusCode).toBe(200);
    expect(list.json().reactions.map((r: { videoTimestamp: number; formattedTime: string }) => [r.videoTimestamp, r.formattedTime])).toEqual([
      [27, '0:27'],
      [42, '0:42'],
      [100, '1:40'],
    ]);
    expect((await get(`/api/reactions?mediaId=${v.id}&limit=2`)).json().reactions).toHaveLength(2);
    expect((await get(`/api/reactions?mediaId=${v.id}&from=30&to=100`)).json().reactions.map((r: { videoTimestamp: number }) => r.videoTimestamp)).toEqual([42, 100]);
    const mine = (await get(`/api/reactions?userId=${ann.id}`)).json().reactions;
    expect(mine.map((r: { reactionType: string }) => r.reactionType)).toEqual(['wow', 'love']);
    expect((await get(`/api/reactions?mediaId=${v.id}&userId=${bob.id}`)).json().reactions).toHaveLength(1);
  });

  it('hides moments on locked videos from the public list, not from admins', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    await post('/api/reactions', { mediaId: v.id, reactionType: 'sad', videoTimestamp: 5 }, ann.auth);
    await t.ctx.database.query(sql`update videos set locked = true where id = ${v.id}`);
    expect((await get(`/api/reactions?userId=${ann.id}`)).json().reactions).toHaveLength(0);
    const admin = await t.login({ role: 'admin' });
    expect((await get(`/api/reactions?userId=${ann.id}`, admin.auth)).json().reactions).toHaveLength(1);
    const locked = await get(`/api/reactions?mediaId=${v.id}`);
    expect([locked.statusCode, locked.json().error]).toEqual([403, 'Media is locked']);
    const write = await post('/api/reactions', { mediaId: v.id, reactionType: 'sad', videoTimestamp: 5 }, ann.auth);
    expect([write.statusCode, write.json().error]).toEqual([403, 'Media is locked']);
  });

  it('serves the configured catalogue', async () => {
    const res = await get('/api/reactions/config');
    expect(res.json()).toEqual({
      reactions: [
        { type: 'like', emoji: '👍', label: 'Like' },
        { type: 'love', emoji: '❤️', label: 'Love' },
        { type: 'laugh', emoji: '😂', label: 'Laugh' },
        { type: 'wow', emoji: '😮', label: 'Wow' },
        { type: 'sad', emoji: '😢', label: 'Sad' },
        { type: 'angry', emoji: '😠', label: 'Angry' },
      ],
    });
  });

  it('refuses bad input with the documented errors', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 60.5 });
    const ann = await t.login();
    const cases: Array<[unknown, number, string | RegExp]> = [
      [{ mediaId: v.id, reactionType: 'meh', videoTimestamp: 1 }, 400, 'Invalid reaction type'],
      [{ mediaId: v.id, reactionType: 'like', videoTimestamp: 61 }, 400, /videoTimestamp/],
      [{ mediaId: v.id, reactionType: 'like', videoTimestamp: -1 }, 400, 'videoTimestamp must be 0 or more'],
      [{ mediaId: v.id, reactionType: 'like', videoTimestamp: '12' }, 400, /videoTimestamp/],
      [{ mediaId: v.id, reactionType: 'like' }, 400, 'videoTimestamp is required'],
      [{ reactionType: 'like', videoTimestamp: 1 }, 400, 'mediaId is required'],
      [{ mediaId: v.id, videoTimestamp: 1 }, 400, 'reactionType is required'],
      [{ mediaId: 'x', reactionType: 'like', videoTimestamp: 1 }, 400, /mediaId/],
      [{ mediaId: 1.5, reactionType: 'like', videoTimestamp: 1 }, 400, /mediaId/],
      [{ mediaId: 999999, reactionType: 'like', videoTimestamp: 1 }, 404, 'Video not found'],
    ];
    for (const [payload, status, message] of cases) {
      const res = await post('/api/reactions', payload, ann.auth);
      expect([res.statusCode, JSON.stringify(payload)]).toEqual([status, JSON.stringify(payload)]);
      if (typeof message === 'string') expect(res.json().error).toBe(message);
      else expect(res.json().error).toMatch(message);
    }
    // the end of the video itself is inside it
    expect((await post('/api/reactions', { mediaId: v.id, reactionType: 'like', videoTimestamp: 60.5 }, ann.auth)).json().reaction.videoTimestamp).toBe(60);
    expect((await post('/api/reactions', { mediaId: v.id, reactionType: 'like', videoTimestamp: 0 })).statusCode).toBe(401);
    const unpublished = await insertVideo(t.ctx.database, { published: false });
    const u = await post('/api/reactions', { mediaId: unpublished.id, reactionType: 'like', videoTimestamp: 1 }, ann.auth);
    expect([u.statusCode, u.json().error]).toEqual([404, 'Media not found']);
    for (const q of ['limit=0', 'limit=abc', 'mediaId=-1', 'userId=x', 'from=-2']) expect((await get(`/api/reactions?${q}`)).statusCode).toBe(400);
    for (const q of ['', 'mediaId=abc', `mediaId=${v.id}&buckets=0`, `mediaId=${v.id}&buckets=1001`, `mediaId=${v.id}&buckets=2.5`])
      expect((await get(`/api/reactions/heatmap?${q}`)).statusCode).toBe(400);
    expect((await get('/api/reactions/heatmap?mediaId=999999')).json().error).toBe('Video not found');
  });

  it('uses the post-style catalogue when configured, for both endpoints', async () => {
    const p = await createTestApp({ REACTION_SET: 'post' });
    try {
      const v = await insertVideo(p.ctx.database);
      const u = await p.login();
      const cfg = (await p.app.inject({ method: 'GET', url: '/api/reactions/config' })).json();
      expect(cfg.reactions.map((r: { type: string }) => r.type)).toEqual(['like', 'love', 'haha', 'wow', 'sad', 'pray']);
      const ok = await p.app.inject({ method: 'POST', url: '/api/video-reactions', payload: { video_id: v.id, type: 'pray' }, headers: u.auth });
      expect(ok.json().reaction_counts).toEqual({ like: 0, love: 0, haha: 0, wow: 0, sad: 0, pray: 1 });
      const moment = await p.app.inject({ method: 'POST', url: '/api/reactions', payload: { mediaId: v.id, reactionType: 'haha', videoTimestamp: 3 }, headers: u.auth });
      expect(moment.json().reaction.emoji).toBe('😂');
      const laugh = await p.app.inject({ method: 'POST', url: '/api/reactions', payload: { mediaId: v.id, reactionType: 'laugh', videoTimestamp: 3 }, headers: u.auth });
      expect(laugh.json().error).toBe('Invalid reaction type');
    } finally {
      await p.close();
    }
  });
});

describe('heatmap', () => {
  it('counts per bucket and type from the pre-aggregate, matching the raw reactions', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 200 });
    const users = [await t.login(), await t.login()];
    const plan: Array<[number, string]> = [[0, 'like'], [1, 'like'], [2, 'love'], [50, 'wow'], [51, 'wow'], [199, 'sad'], [200, 'sad'], [117.7, 'angry']];
    for (const [i, [ts, type]] of plan.entries())
      expect((await post('/api/reactions', { mediaId: v.id, reactionType: type, videoTimestamp: ts }, users[i % 2]!.auth)).statusCode).toBe(200);

    const res = await get(`/api/reactions/heatmap?mediaId=${v.id}`);
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h).toMatchObject({ mediaId: v.id, durationSeconds: 200, bucketCount: 100, bucketSeconds: 2, total: 8, maxBucketTotal: 2 });
    expect(h.buckets).toHaveLength(100);
    expect(h.buckets[0]).toEqual({ index: 0, start: 0, end: 2, total: 2, counts: { ...zero, like: 2 } });
    expect(h.buckets[1].counts).toEqual({ ...zero, love: 1 });
    expect(h.buckets[25].counts).toEqual({ ...zero, wow: 2 });
    expect(h.buckets[58].counts).toEqual({ ...zero, angry: 1 });
    expect(h.buckets[99].counts).toEqual({ ...zero, sad: 2 });
    expect(h.totals).toEqual({ like: 2, love: 1, laugh: 0, wow: 2, sad: 2, angry: 1 });

    // Ten buckets, and the same answer as bucketing the raw rows.
    const raw = await t.ctx.database.query<{ second: number; type: string; count: number }>(
      sql`select video_timestamp as second, reaction_type as type, count(*)::int as count from moment_reactions where video_id = ${v.id} group by 1, 2`,
    );
    for (const buckets of [1, 7, 10, 100, 333]) {
      const fromRoute = (await get(`/api/reactions/heatmap?mediaId=${v.id}&buckets=${buckets}`)).json();
      const expected = bucketize(raw, buckets, 200, ['like', 'love', 'laugh', 'wow', 'sad', 'angry']);
      expect(fromRoute.buckets).toEqual(expected.buckets);
      expect(fromRoute.buckets.reduce((s: number, b: { total: number }) => s + b.total, 0)).toBe(8);
    }
    // The pre-aggregate equals a recount of the raw rows.
    const agg = await t.ctx.database.query<{ n: number }>(sql`select sum(c)::int as n from moment_reaction_timeline, unnest(counts) c where video_id = ${v.id}`);
    expect(agg[0]!.n).toBe(8);
    const slices = await t.ctx.database.query<{ n: number; rows: number }>(
      sql`select sum(c)::int as n, count(distinct slice)::int as rows from moment_reaction_slices, unnest(counts) c where video_id = ${v.id} and duration_seconds = 200`,
    );
    expect(slices[0]).toEqual({ n: 8, rows: 5 }); // buckets 0, 1, 25, 58, 99
  });

  it('stays exact when the video duration changes after reactions were recorded', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 100 });
    const ann = await t.login();
    for (const ts of [0, 40, 99, 100]) await post('/api/reactions', { mediaId: v.id, reactionType: 'wow', videoTimestamp: ts }, ann.auth);
    // A re-probe after a transcode finds a slightly different duration.
    await t.ctx.database.query(sql`update videos set duration_seconds = 90.5 where id = ${v.id}`);
    await post('/api/reactions', { mediaId: v.id, reactionType: 'like', videoTimestamp: 45 }, ann.auth);
    const raw = await t.ctx.database.query<{ second: number; type: string; count: number }>(
      sql`select video_timestamp as second, reaction_type as type, count(*)::int as count from moment_reactions where video_id = ${v.id} group by 1, 2`,
    );
    for (const buckets of [100, 9]) {
      const h = (await get(`/api/reactions/heatmap?mediaId=${v.id}&buckets=${buckets}`)).json();
      expect(h.durationSeconds).toBe(90.5);
      expect(h.buckets).toEqual(bucketize(raw, buckets, 90.5, ['like', 'love', 'laugh', 'wow', 'sad', 'angry']).buckets);
      expect(h.total).toBe(5);
    }
  });

  it('keeps the pre-aggregate exact under concurrent reactions at the same second', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 30 });
    const users = await Promise.all(Array.from({ length: 5 }, () => t.login()));
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post('/api/reactions', { mediaId: v.id, reactionType: i % 2 ? 'like' : 'wow', videoTimestamp: 7 }, users[i % 5]!.auth)),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const h = await getHeatmap(t.ctx, v.id, 30);
    expect(h.buckets[7]!.counts).toMatchObject({ like: 30, wow: 30 });
    expect(h.total).toBe(60);
    expect((await getHeatmap(t.ctx, v.id)).total).toBe(60); // the default slices too
    // Written in batches: every answer names its own row.
    const answered = results.map((r) => r.json().reaction as { id: number; reactionType: string; userId: number });
    expect(new Set(answered.map((a) => a.id)).size).toBe(60);
    const stored = await t.ctx.database.query<{ id: number; reaction_type: string; user_id: number }>(
      sql`select id, reaction_type, user_id from moment_reactions where video_id = ${v.id}`,
    );
    const byId = new Map(stored.map((r) => [Number(r.id), r]));
    for (const a of answered) expect(byId.get(a.id)).toMatchObject({ reaction_type: a.reactionType, user_id: a.userId });
  });

  it('spans to the last reaction when the duration is unknown; empty heatmap when none', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: null });
    const ann = await t.login();
    const empty = (await get(`/api/reactions/heatmap?mediaId=${v.id}&buckets=4`)).json();
    expect(empty).toMatchObject({ durationSeconds: 0, total: 0 });
    expect(empty.buckets).toHaveLength(4);
    await post('/api/reactions', { mediaId: v.id, reactionType: 'like', videoTimestamp: 39 }, ann.auth);
    const h = (await get(`/api/reactions/heatmap?mediaId=${v.id}&buckets=4`)).json();
    expect(h.durationSeconds).toBe(40);
    expect(h.buckets[3].counts.like).toBe(1);
  });

  it('refuses locked and unpublished videos to the public, not to admins', async () => {
    const v = await insertVideo(t.ctx.database, { published: false });
    const r = await get(`/api/reactions/heatmap?mediaId=${v.id}`);
    expect([r.statusCode, r.json().error]).toEqual([404, 'Media not found']);
    const admin = await t.login({ role: 'admin' });
    expect((await get(`/api/reactions/heatmap?mediaId=${v.id}`, admin.auth)).statusCode).toBe(200);
  });

  it('topMoments returns the busiest stretches for the highlight job', async () => {
    const v = await insertVideo(t.ctx.database, { durationSeconds: 120 });
    const ann = await t.login();
    for (const ts of [10, 10, 11, 12, 80, 80, 80, 80, 80, 30])
      await post('/api/reactions', { mediaId: v.id, reactionType: 'like', videoTimestamp: ts }, ann.auth);
    const moments = await topMoments(t.ctx, v.id, 2);
    expect(moments.map((m) => [m.peakSecond, m.count])).toEqual([[80, 5], [10, 4]]);
    expect(await topMoments(t.ctx, v.id, 0)).toEqual([]);
  });
});
