import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../../../test/fixtures/insert-video.js';
import type { ChatMessageEvent } from './chat.events.js';
import { openDm } from './test-chat.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['login']>>;
let ann: U, bob: U, cat: U;

beforeAll(async () => {
  t = await createTestApp();
  [ann, bob, cat] = [await t.login({ displayName: 'Ann' }), await t.login({ displayName: 'Bob' }), await t.login({ displayName: 'Cat' })];
});
afterAll(() => t.close());

const post = (conversationId: number | string, payload: object, who: U = ann) =>
  t.app.inject({ method: 'POST', url: `/api/chat/conversations/${conversationId}/messages`, headers: who.auth, payload });
const page = (conversationId: number | string, query = '', who: U = ann) =>
  t.app.inject({ url: `/api/chat/conversations/${conversationId}/messages${query}`, headers: who.auth });
const conversationsOf = async (who: U) =>
  (await t.app.inject({ url: '/api/chat/conversations', headers: who.auth })).json().conversations as Array<Record<string, any>>;

describe('POST /api/chat/conversations (DM find-or-create)', () => {
  it('creates once (201), then finds the same DM from either side (200)', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/chat/conversations', headers: ann.auth, payload: { user_id: bob.id } });
    expect(first.statusCode).toBe(201);
    const dm = first.json();
    expect(dm).toMatchObject({ type: 'dm', unread_count: 0, last_message: null });
    expect(dm.members.map((m: { user_id: number }) => m.user_id).sort()).toEqual([ann.id, bob.id].sort());
    const again = await t.app.inject({ method: 'POST', url: '/api/chat/conversations', headers: ann.auth, payload: { user_id: bob.id } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(dm.id);
    const fromBob = await t.app.inject({ method: 'POST', url: '/api/chat/conversations', headers: bob.auth, payload: { user_id: ann.id } });
    expect(fromBob.json().id).toBe(dm.id);
  });

  it('racing creates end in one conversation', async () => {
    const [x, y] = [await t.login(), await t.login()];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/chat/conversations',
          headers: (i % 2 ? x : y).auth,
          payload: { user_id: i % 2 ? y.id : x.id },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('creates a group with several members', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/chat/conversations',
      headers: ann.auth,
      payload: { user_ids: [bob.id, cat.id], title: 'Film club' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'group', title: 'Film club' });
    expect(res.json().members).toHaveLength(3);
  });

  it('bad input → documented 4xx', async () => {
    const send = (payload: unknown, headers: Record<string, string> = ann.auth) =>
      t.app.inject({ method: 'POST', url: '/api/chat/conversations', headers, payload: payload as object });
    expect((await send({ user_id: bob.id }, {})).statusCode).toBe(401);
    const self = await send({ user_id: ann.id });
    expect([self.statusCode, self.json().code]).toEqual([400, 'SELF_CONVERSATION']);
    const unknown = await send({ user_id: 987_654 });
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'User not found: 987654']);
    for (const body of [{}, { user_id: 'bob' }, { user_id: -1 }, { user_id: bob.id, user_ids: [cat.id] }, { user_ids: [] }]) {
      const res = await send(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatch(/user_id/);
    }
  });
});

describe('messages', () => {
  it('text messages: 201, then newest first with cursor pagination', async () => {
    const [x, y] = [await t.login(), await t.login()];
    const id = await openDm(t, x, y.id);
    const sent = [];
    for (let i = 1; i <= 5; i++) {
      const res = await post(id, { type: 'text', body: `hello ${i}` }, i % 2 ? x : y);
      expect(res.statusCode).toBe(201);
      sent.push(res.json());
    }
    expect(sent[0]).toMatchObject({ conversation_id: id, type: 'text', body: 'hello 1', sender_id: x.id, shared_video: null, attachment: null });
    const first = (await page(id, '?limit=2', x)).json();
    expect(first.messages.map((m: { body: string }) => m.body)).toEqual(['hello 5', 'hello 4']);
    expect(first.next_cursor).toBeTruthy();
    const second = (await page(id, `?limit=2&cursor=${first.next_cursor}`, y)).json();
    expect(second.messages.map((m: { body: string }) => m.body)).toEqual(['hello 3', 'hello 2']);
    const last = (await page(id, `?limit=2&cursor=${second.next_cursor}`, y)).json();
    expect(last.messages.map((m: { body: string }) => m.body)).toEqual(['hello 1']);
    expect(last.next_cursor).toBeNull();
  });

  it('defaults type to text and announces the message to every member', async () => {
    const id = await openDm(t, ann, cat.id);
    const seen: ChatMessageEvent[] = [];
    const listener = (e: ChatMessageEvent) => seen.push(e);
    t.ctx.events.on('chat.message', listener);
    try {
      const res = await post(id, { body: 'hi cat' });
      expect(res.json().type).toBe('text');
      expect(seen).toHaveLength(1);
      expect(seen[0]!.recipientIds.sort()).toEqual([ann.id, cat.id].sort());
      expect(seen[0]!.message).toEqual(res.json());
    } finally {
      t.ctx.events.off('chat.message', listener);
    }
  });

  it('non-members get 404 on every conversation route', async () => {
    const id = await openDm(t, ann, bob.id);
    expect((await page(id, '', cat)).statusCode).toBe(404);
    expect((await post(id, { type: 'text', body: 'let me in' }, cat)).statusCode).toBe(404);
    const read = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: cat.auth });
    expect(read.statusCode).toBe(404);
    expect(read.json().error).toBe('Conversation not found');
    expect((await page(999_999)).statusCode).toBe(404);
    expect((await conversationsOf(cat)).some((c) => c.id === id)).toBe(false);
  });

  it('bad input → documented 4xx', async () => {
    const id = await openDm(t, ann, bob.id);
    const cases: Array<[object, RegExp]> = [
      [{ type: 'text' }, /body is required/],
      [{ type: 'text', body: '   ' }, /body is required/],
      [{ type: 'text', body: 'x'.repeat(4001) }, /at most 4000/],
      [{ type: 'sticker', body: 'x' }, /type must be one of/],
      [{ type: 'text', body: 5 }, /body must be a string/],
      [{ type: 'image', body: 'x' }, /multipart/],
      [{ type: 'shared_video' }, /shared_video_id is required/],
      [{ type: 'shared_video', shared_video_id: 'abc' }, /shared_video_id/],
      [{ type: 'text', body: 'x', shared_video_id: 1 }, /only allowed with type shared_video/],
    ];
    for (const [body, message] of cases) {
      const res = await post(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatch(message);
    }
    expect((await post('abc', { body: 'x' })).statusCode).toBe(400);
    expect((await page(id, '?limit=0')).statusCode).toBe(400);
    expect((await page(id, '?limit=101')).statusCode).toBe(400);
    const badCursor = await page(id, '?cursor=not-a-cursor');
    expect([badCursor.statusCode, badCursor.json().error]).toEqual([400, 'cursor is invalid']);
    expect((await t.app.inject({ url: `/api/chat/conversations/${id}/messages` })).statusCode).toBe(401);
  });
});

describe('shared_video messages (seed 001)', () => {
  it('a published video is shared and every fetched message embeds its card', async () => {
    const video = await insertVideo(t.ctx.database, { title: 'Surf', durationSeconds: 93.5, thumbnailPath: '/thumbs/x.jpg' });
    const id = await openDm(t, ann, bob.id);
    const res = await post(id, { type: 'shared_video', shared_video_id: video.id, body: 'watch this' });
    expect(res.statusCode).toBe(201);
    const card = { id: video.id, title: 'Surf', thumbnail_url: `/media/${video.id}/thumbnail`, duration_seconds: 93.5, available: true };
    expect(res.json()).toMatchObject({ type: 'shared_video', shared_video_id: video.id, body: 'watch this', shared_video: card });
    const fetched = (await page(id, '', bob)).json().messages[0];
    expect(fetched.shared_video).toEqual(card);
  });

  it('unpublished, locked or unknown videos → 400', async () => {
    const id = await openDm(t, ann, bob.id);
    const hidden = await insertVideo(t.ctx.database, { published: false });
    const locked = await insertVideo(t.ctx.database, { locked: true });
    const cases: Array<[number, string]> = [
      [hidden.id, 'shared_video_id: Video is not published'],
      [locked.id, 'shared_video_id: Media is locked'],
      [999_999, 'shared_video_id: Video not found'],
    ];
    for (const [videoId, error] of cases) {
      const res = await post(id, { type: 'shared_video', shared_video_id: videoId });
      expect([res.statusCode, res.json().error]).toEqual([400, error]);
    }
  });

  it('a page of shared videos is loaded with one query, not one per message', async () => {
    const [x, y] = [await t.login(), await t.login()];
    const id = await openDm(t, x, y.id);
    for (let i = 0; i < 12; i++) {
      const v = await insertVideo(t.ctx.database, { title: `V${i}` });
      await post(id, { type: 'shared_video', shared_video_id: v.id }, x);
    }
    const db = t.ctx.database.db;
    const selects = vi.spyOn(db, 'select');
    const executes = vi.spyOn(db, 'execute');
    try {
      const res = await page(id, '?limit=12', y);
      expect(res.json().messages.map((m: { shared_video: { title: string } }) => m.shared_video.title)).toEqual(
        Array.from({ length: 12 }, (_, i) => `V${11 - i}`),
      );
      // membership check + the page itself (and the spies do see the repository's queries)
      expect(selects.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(selects.mock.calls.length + executes.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      selects.mockRestore();
      executes.mockRestore();
    }
  });

  it('a video unpublished after sharing keeps its card, marked unavailable', async () => {
    const video = await insertVideo(t.ctx.database);
    const id = await openDm(t, ann, bob.id);
    await post(id, { type: 'shared_video', shared_video_id: video.id });
    await t.ctx.database.query(sql`update videos set published = false where id = ${video.id}`);
    const m = (await page(id, '?limit=1')).json().messages[0];
    expect(m.shared_video).toMatchObject({ id: video.id, available: false });
  });
});

describe('conversation list, unread counts and the read marker', () => {
  it('lists my conversations with last message and unread count; reading clears it', async () => {
    const [x, y] = [await t.login({ displayName: 'Xena' }), await t.login({ displayName: 'Yuri' })];
    const id = await openDm(t, x, y.id);
    await post(id, { body: 'one' }, x);
    const second = (await post(id, { body: 'two' }, x)).json();
    const mine = (await conversationsOf(x)).find((c) => c.id === id)!;
    expect(mine.unread_count).toBe(0);
    expect(mine.last_message.body).toBe('two');
    const theirs = (await conversationsOf(y)).find((c) => c.id === id)!;
    expect(theirs.unread_count).toBe(2);
    expect(theirs.members.map((m: { display_name: string }) => m.display_name).sort()).toEqual(['Xena', 'Yuri']);

    const first = (await page(id, '?limit=2', y)).json().messages[1];
    const partial = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: y.auth, payload: { message_id: first.id } });
    expect(partial.json()).toEqual({ conversation_id: id, last_read_message_id: first.id, unread_count: 1 });
    const all = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: y.auth });
    expect(all.json()).toEqual({ conversation_id: id, last_read_message_id: second.id, unread_count: 0 });
    // The marker never moves backwards.
    const back = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: y.auth, payload: { message_id: first.id } });
    expect(back.json().last_read_message_id).toBe(second.id);
    expect((await conversationsOf(y)).find((c) => c.id === id)!.unread_count).toBe(0);
  });

  it('most recently active conversation first', async () => {
    const [x, y, z] = [await t.login(), await t.login(), await t.login()];
    const a = await openDm(t, x, y.id);
    const b = await openDm(t, x, z.id);
    await post(b, { body: 'b' }, x);
    await post(a, { body: 'a' }, x);
    expect((await conversationsOf(x)).map((c) => c.id)).toEqual([a, b]);
  });

  it('read marker bad input → 400', async () => {
    const id = await openDm(t, ann, bob.id);
    const other = await openDm(t, ann, cat.id);
    const msg = (await post(other, { body: 'elsewhere' })).json();
    const wrong = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: ann.auth, payload: { message_id: msg.id } });
    expect([wrong.statusCode, wrong.json().error]).toEqual([400, 'message_id is not a message of this conversation']);
    const bad = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: ann.auth, payload: { message_id: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/chat/conversations?limit=0', headers: ann.auth })).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the chat and sharing routes', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/chat/conversations',
      '/api/chat/conversations/{id}/messages',
      '/api/chat/conversations/{id}/attachments',
      '/api/chat/conversations/{id}/read',
      '/api/chat/attachments/{messageId}',
      '/api/videos/{id}/share',
      '/api/videos/{id}/share-status',
      '/api/share/platforms',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
