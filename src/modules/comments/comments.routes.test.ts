import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../../../test/fixtures/insert-video.js';
import { createCommentsUseCases } from './comments.usecases.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SESSION = 'sess_abc123def456';
const OTHER = 'sess_zzz999yyy888';
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const del = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'DELETE', url, headers });

async function counter(videoId: number) {
  const rows = await t.ctx.database.query<{ n: string | number }>(sql`select comment_count as n from video_stats where video_id = ${videoId}`);
  return Number(rows[0]?.n ?? 0);
}
/** The counter, checked against a recount of what the public sees. */
async function exactCount(videoId: number) {
  const n = await counter(videoId);
  expect(n).toBe(await createCommentsUseCases(t.ctx).recountVisible(videoId));
  return n;
}

describe('posting comments', () => {
  it('accepts an anonymous comment with sessionId and displayName', async () => {
    const v = await insertVideo(t.ctx.database);
    const res = await post('/api/media/comments', { mediaId: v.id, body: '  Great clip!  ', sessionId: SESSION, displayName: ' Sam ' });
    expect(res.statusCode).toBe(201);
    const { success, comment } = res.json();
    expect(success).toBe(true);
    expect(comment).toEqual({
      id: expect.any(Number),
      mediaId: v.id,
      parentId: null,
      body: 'Great clip!',
      displayName: 'Sam',
      userId: null,
      isAnonymous: true,
      hidden: false,
      mine: true,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.json())).not.toContain(SESSION);
    expect(await exactCount(v.id)).toBe(1);
  });

  it('uses the account name for signed-in writers', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login({ displayName: 'Ann' });
    const res = await post('/api/media/comments', { mediaId: v.id, body: 'hi', displayName: 'Someone else' }, ann.auth);
    expect(res.statusCode).toBe(201);
    expect(res.json().comment).toMatchObject({ userId: ann.id, displayName: 'Ann', isAnonymous: false, mine: true });
  });

  it('nests replies one level; a reply to a reply joins the thread', async () => {
    const v = await insertVideo(t.ctx.database);
    const top = (await post('/api/media/comments', { mediaId: v.id, body: 'top', sessionId: SESSION, displayName: 'A' })).json().comment;
    const r1 = (await post('/api/media/comments', { mediaId: v.id, body: 'r1', parentId: top.id, sessionId: OTHER, displayName: 'B' })).json().comment;
    const r2 = (await post('/api/media/comments', { mediaId: v.id, body: 'r2', parentId: r1.id, sessionId: SESSION, displayName: 'A' })).json().comment;
    expect(r1.parentId).toBe(top.id);
    expect(r2.parentId).toBe(top.id);
    const list = (await get(`/api/media/comments?mediaId=${v.id}&sessionId=${OTHER}`)).json();
    expect(list.comments).toHaveLength(1);
    expect(list.comments[0]).toMatchObject({ id: top.id, replyCount: 2, mine: false });
    expect(list.comments[0].replies.map((c: { body: string; mine: boolean }) => [c.body, c.mine])).toEqual([['r1', true], ['r2', false]]);
    expect(list.commentCount).toBe(3);
    expect(await exactCount(v.id)).toBe(3);
  });

  it('refuses bad input with a message naming the field', async () => {
    const v = await insertVideo(t.ctx.database);
    const w = await insertVideo(t.ctx.database);
    const onW = (await post('/api/media/comments', { mediaId: w.id, body: 'x', sessionId: SESSION, displayName: 'A' })).json().comment;
    const base = { mediaId: v.id, body: 'ok', sessionId: SESSION, displayName: 'Sam' };
    const cases: Array<[unknown, string | RegExp]> = [
      [{ ...base, sessionId: undefined }, 'sessionId is required'],
      [{ ...base, sessionId: 'short' }, /sessionId/],
      [{ ...base, displayName: undefined }, /displayName is required/],
      [{ ...base, displayName: '   ' }, 'displayName cannot be empty'],
      [{ ...base, displayName: 'x'.repeat(51) }, 'displayName must be at most 50 characters'],
      [{ ...base, body: undefined }, 'body is required'],
      [{ ...base, body: '' }, 'body cannot be empty'],
      [{ ...base, body: ' \n ' }, 'body cannot be empty'],
      [{ ...base, body: 'x'.repeat(2001) }, 'body must be at most 2000 characters'],
      [{ ...base, body: 42 }, 'body must be a string'],
      [{ ...base, mediaId: undefined }, 'mediaId is required'],
      [{ ...base, mediaId: 'abc' }, /mediaId/],
      [{ ...base, parentId: -1 }, /parentId/],
      [{ ...base, parentId: 'x' }, /parentId/],
      [{ ...base, parentId: onW.id }, 'parentId does not refer to a comment on this video'],
      [{ ...base, parentId: 2_000_000_000 }, 'parentId does not refer to a comment on this video'],
    ];
    for (const [payload, message] of cases) {
      const res = await post('/api/media/comments', payload);
      expect([res.statusCode, JSON.stringify(payload).slice(0, 80)]).toEqual([400, JSON.stringify(payload).slice(0, 80)]);
      if (typeof message === 'string') expect(res.json().error).toBe(message);
      else expect(res.json().error).toMatch(message);
    }
    expect((await post('/api/media/comments', { ...base, body: 'x'.repeat(2000), displayName: 'y'.repeat(50) })).statusCode).toBe(201);
    const unknown = await post('/api/media/comments', { ...base, mediaId: 999999 });
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'Media not found']);
    const locked = await insertVideo(t.ctx.database, { locked: true });
    const l = await post('/api/media/comments', { ...base, mediaId: locked.id });
    expect([l.statusCode, l.json().error]).toEqual([403, 'Media is locked']);
    const lg = await get(`/api/media/comments?mediaId=${locked.id}`);
    expect([lg.statusCode, lg.json().error]).toEqual([403, 'Media is locked']);
    const unpublished = await insertVideo(t.ctx.database, { published: false });
    const u = await get(`/api/media/comments?mediaId=${unpublished.id}`);
    expect([u.statusCode, u.json().error]).toEqual([404, 'Media not found']);
    for (const q of ['', 'mediaId=x', `mediaId=${v.id}&limit=0`, `mediaId=${v.id}&limit=101`, `mediaId=${v.id}&cursor=nonsense`, `mediaId=${v.id}&cursor=${Buffer.from('{"k":-4}').toString('base64url')}`])
      expect((await get(`/api/media/comments?${q}`)).statusCode).toBe(400);
  });
});

describe('deleting, hiding and the exact counter', () => {
  it('lets only the author (user or same session) or an admin delete', async () => {
    const v = await insertVideo(t.ctx.database);
    const ann = await t.login();
    const bob = await t.login();
    const admin = await t.login({ role: 'admin' });
    const anon = (await post('/api/media/comments', { mediaId: v.id, body: 'a', sessionId: SESSION, displayName: 'A' })).json().comment;
    const annC = (await post('/api/media/comments', { mediaId: v.id, body: 'b' }, ann.auth)).json().comment;
    const other = (await post('/api/media/comments', { mediaId: v.id, body: 'c' }, bob.auth)).json().comment;
    expect(await exactCount(v.id)).toBe(3);

    for (const [url, headers] of [
      [`/api/media/comments/${anon.id}?sessionId=${OTHER}`, {}],
      [`/api/media/comments/${anon.id}`, {}],
      [`/api/media/comments/${annC.id}`, bob.auth],
      [`/api/media/comments/${annC.id}?sessionId=${SESSION}`, {}],
    ] as const) {
      const res = await del(url, headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('Only the author or an admin can delete this comment');
    }
    expect(await exactCount(v.id)).toBe(3);
    expect((await del(`/api/media/comments/${anon.id}?sessionId=${SESSION}`)).json()).toEqual({ success: true, deleted: 1 });
    expect((await del(`/api/media/comments/${annC.id}`, ann.auth)).statusCode).toBe(200);
    expect((await del(`/api/media/comments/${other.id}`, admin.auth)).statusCode).toBe(200);
    expect(await exactCount(v.id)).toBe(0);
    const gone = await del(`/api/media/comments/${other.id}`, admin.auth);
    expect([gone.statusCode, gone.json().error]).toEqual([404, 'Comment not found']);
    expect((await del('/api/media/comments/abc', admin.auth)).statusCode).toBe(400);
    expect((await del(`/api/media/comments/${other.id}?sessionId=bad`)).json().error).toMatch(/sessionId/);
    expect((await post('/api/media/comments/0/hide', {}, admin.auth)).statusCode).toBe(400);
  });

  it('keeps comment_count exact through replies, hides, unhides and deletes', async () => {
    const v = await insertVideo(t.ctx.database);
    const admin = await t.login({ role: 'admin' });
    const user = await t.login();
    const add = async (body: string, parentId?: number) =>
      (await post('/api/media/comments', { mediaId: v.id, body, parentId, sessionId: SESSION, displayName: 'A' })).json().comment;
    const a = await add('a');
    const b = await add('b');
    const a1 = await add('a1', a.id);
    const a2 = await add('a2', a.id);
    await add('b1', b.id);
    expect(await exactCount(v.id)).toBe(5);

    expect((await post(`/api/media/comments/${a2.id}/hide`, {}, user.auth)).statusCode).toBe(403);
    expect((await post(`/api/media/comments/${a2.id}/hide`, {})).statusCode).toBe(401);
    const hid = await post(`/api/media/comments/${a2.id}/hide`, {}, admin.auth);
    expect(hid.statusCode).toBe(200);
    expect(hid.json().comment).toMatchObject({ id: a2.id, hidden: true });
    expect(await exactCount(v.id)).toBe(4);
    await post(`/api/media/comments/${a2.id}/hide`, {}, admin.auth); // idempotent
    expect(await exactCount(v.id)).toBe(4);

    // Hiding a thread's top hides the thread: a + a1 leave the count (a2 already hidden).
    await post(`/api/media/comments/${a.id}/hide`, {}, admin.auth);
    expect(await exactCount(v.id)).toBe(2);
    const pub = (await get(`/api/media/comments?mediaId=${v.id}`)).json();
    expect(pub.comments.map((c: { body: string }) => c.body)).toEqual(['b']);
    expect(pub.commentCount).toBe(2);
    const adminView = (await get(`/api/media/comments?mediaId=${v.id}`, admin.auth)).json();
    expect(adminView.comments.map((c: { body: string; hidden: boolean }) => [c.body, c.hidden])).toEqual([['b', false], ['a', true]]);
    expect(adminView.comments[1].replies.map((c: { body: string; hidden: boolean }) => [c.body, c.hidden])).toEqual([['a1', false], ['a2', true]]);
    // No new replies under a hidden thread, from the public.
    const r = await post('/api/media/comments', { mediaId: v.id, body: 'x', parentId: a.id, sessionId: SESSION, displayName: 'A' });
    expect(r.json().error).toBe('parentId does not refer to a comment on this video');
    // Unhiding a reply under a hidden top changes nothing public; unhiding the top brings the thread back.
    await post(`/api/media/comments/${a2.id}/unhide`, {}, admin.auth);
    expect(await exactCount(v.id)).toBe(2);
    await post(`/api/media/comments/${a.id}/unhide`, {}, admin.auth);
    expect(await exactCount(v.id)).toBe(5);
    await post(`/api/media/comments/${a1.id}/hide`, {}, admin.auth);
    expect(await exactCount(v.id)).toBe(4);
    // Deleting a top comment removes its replies too.
    const d = await del(`/api/media/comments/${a.id}?sessionId=${SESSION}`);
    expect(d.json()).toEqual({ success: true, deleted: 3 });
    expect(await exactCount(v.id)).toBe(2);
    expect((await post('/api/media/comments/999999/hide', {}, admin.auth)).statusCode).toBe(404);
  });

  it('stays exact under concurrent writes', async () => {
    const v = await insertVideo(t.ctx.database);
    const admin = await t.login({ role: 'admin' });
    const top = (await post('/api/media/comments', { mediaId: v.id, body: 'top', sessionId: SESSION, displayName: 'A' })).json().comment;
    const writes = Array.from({ length: 30 }, (_, i) =>
      post('/api/media/comments', { mediaId: v.id, body: `c${i}`, parentId: i % 2 ? top.id : undefined, sessionId: SESSION, displayName: 'A' }),
    );
    const hides = [post(`/api/media/comments/${top.id}/hide`, {}, admin.auth), post(`/api/media/comments/${top.id}/hide`, {}, admin.auth)];
    const results = await Promise.all([...writes, ...hides]);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 200 || r.json().code === 'INVALID_PARENT')).toBe(true);
    await exactCount(v.id);
    await post(`/api/media/comments/${top.id}/unhide`, {}, admin.auth);
    await exactCount(v.id);
  });
  it('never deadlocks or drifts when replies, deletes, hides and unhides race', async () => {
    const v = await insertVideo(t.ctx.database);
    const admin = await t.login({ role: 'admin' });
    const add = async (body: string, parentId?: number) =>
      (await post('/api/media/comments', { mediaId: v.id, body, parentId, sessionId: SESSION, displayName: 'A' })).json().comment;
    const tops = [await add('t0'), await add('t1'), await add('t2')];
    const replies = [];
    for (let i = 0; i < 12; i++) replies.push(await add(`r${i}`, tops[i % 3]!.id));
    const ops: Array<Promise<{ statusCode: number; json(): { code?: string } }>> = [];
    for (let i = 0; i < 12; i++) {
      const top = tops[i % 3]!;
      ops.push(post('/api/media/comments', { mediaId: v.id, body: `n${i}`, parentId: top.id, sessionId: SESSION, displayName: 'A' }));
      ops.push(del(`/api/media/comments/${replies[i]!.id}?sessionId=${SESSION}`));
      ops.push(post(`/api/media/comments/${i % 2 ? top.id : replies[(i + 1) % 12]!.id}/${i % 4 < 2 ? 'hide' : 'unhide'}`, {}, admin.auth));
    }
    ops.push(del(`/api/media/comments/${tops[2]!.id}`, admin.auth));
    const results = await Promise.all(ops);
    for (const r of results) {
      // Allowed outcomes: done, or the target/parent was already gone or hidden by a racing write.
      expect([200, 201, 400, 404]).toContain(r.statusCode);
      if (r.statusCode === 400) expect(r.json().code).toBe('INVALID_PARENT');
    }
    await exactCount(v.id);
  });
});

describe('reconciliation', () => {
  it('finds a comment_count edited by hand and sets it back to the recount', async () => {
    const v = await insertVideo(t.ctx.database);
    const w = await insertVideo(t.ctx.database);
    const comments = createCommentsUseCases(t.ctx);
    for (const id of [v.id, v.id, w.id]) await post('/api/media/comments', { mediaId: id, body: 'x', sessionId: SESSION, displayName: 'A' });
    expect((await comments.reconcileCounts({ videoIds: [v.id, w.id] })).mismatches).toEqual([]);
    await t.ctx.database.query(sql`update video_stats set comment_count = 40 where video_id = ${v.id}`);
    const found = await comments.reconcileCounts({ videoIds: [v.id, w.id] });
    expect(found).toEqual({ mismatches: [{ videoId: v.id, counter: 40, recount: 2 }], fixed: 0 });
    expect((await comments.reconcileCounts({ fix: true, videoIds: [v.id, w.id] })).fixed).toBe(1);
    expect(await exactCount(v.id)).toBe(2);
    expect(await exactCount(w.id)).toBe(1);
  });
});

describe('pagination', () => {
  it('pages newest first with an opaque cursor, without duplicates or gaps while comments arrive', async () => {
    const v = await insertVideo(t.ctx.database);
    const ids: number[] = [];
    for (let i = 0; i < 23; i++)
      ids.push((await post('/api/media/comments', { mediaId: v.id, body: `c${i}`, sessionId: SESSION, displayName: 'A' })).json().comment.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/media/comments?mediaId=${v.id}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(q)).json();
      seen.push(...page.comments.map((c: { id: number }) => c.id));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      cursor = page.nextCursor;
      pages++;
      // Someone comments between page loads: it must not shift what comes next.
      await post('/api/media/comments', { mediaId: v.id, body: `late${pages}`, sessionId: SESSION, displayName: 'A' });
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages one thread’s replies oldest first with parentId', async () => {
    const v = await insertVideo(t.ctx.database);
    const top = (await post('/api/media/comments', { mediaId: v.id, body: 'top', sessionId: SESSION, displayName: 'A' })).json().comment;
    const replies: number[] = [];
    for (let i = 0; i < 24; i++)
      replies.push((await post('/api/media/comments', { mediaId: v.id, body: `r${i}`, parentId: top.id, sessionId: SESSION, displayName: 'A' })).json().comment.id);
    const first = (await get(`/api/media/comments?mediaId=${v.id}`)).json();
    expect(first.comments[0].replyCount).toBe(24);
    expect(first.comments[0].replies.map((r: { id: number }) => r.id)).toEqual(replies.slice(0, 20));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { comments: Array<{ id: number }>; nextCursor: string | null } = (await get(`/api/media/comments?mediaId=${v.id}&parentId=${top.id}&limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.comments.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(replies);
    expect((await get(`/api/media/comments?mediaId=${v.id}&parentId=${replies[0]}`)).statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  it('limits anonymous comment writes per minute, not signed-in ones', async () => {
    const limited = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '3' });
    try {
      const v = await insertVideo(limited.ctx.database);
      const send = (headers: Record<string, string> = {}) =>
        limited.app.inject({ method: 'POST', url: '/api/media/comments', payload: { mediaId: v.id, body: 'x', sessionId: SESSION, displayName: 'A' }, headers });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await send()).statusCode);
      expect(codes).toEqual([201, 201, 201, 429]);
      const u = await limited.login();
      for (let i = 0; i < 4; i++) expect((await send(u.auth)).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
