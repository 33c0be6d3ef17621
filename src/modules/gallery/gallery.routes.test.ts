import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from './test-videos.js';

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
  admin = (await t.login({ role: 'admin' })).auth;
});
afterAll(() => t.close());

const get = (url: string, headers?: object) => t.app.inject({ method: 'GET', url, headers: headers as never });
const post = (url: string, payload?: unknown, headers?: object) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: headers as never });

async function category(name: string, slug: string, sortOrder = 0, isActive = true) {
  const res = await post('/api/categories', { name, slug, sortOrder, isActive }, admin);
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; slug: string };
}

describe('categories (seed 002)', () => {
  it('admin CRUD, public list of active ones in sort order, unique slugs', async () => {
    const b = await category('Bravo', 'bravo-cat', 2);
    const a = await category('Alpha', 'alpha-cat', 1);
    const hidden = await category('Hidden', 'hidden-cat', 0, false);
    const list = (await get('/api/categories')).json().categories.map((c: { slug: string }) => c.slug);
    expect(list.indexOf('alpha-cat')).toBeLessThan(list.indexOf('bravo-cat'));
    expect(list).not.toContain('hidden-cat');
    const all = (await get('/api/categories?all=true', admin)).json().categories.map((c: { slug: string }) => c.slug);
    expect(all).toContain('hidden-cat');
    const dup = await post('/api/categories', { name: 'Alpha again', slug: 'alpha-cat' }, admin);
    expect(dup.statusCode).toBe(409);
    const auto = await post('/api/categories', { name: 'Café Clips!' }, admin);
    expect(auto.json()).toMatchObject({ slug: 'cafe-clips', sortOrder: 0, isActive: true });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/categories/${b.id}`, headers: admin, payload: { sortOrder: -5, name: 'Bravo 2' } });
    expect(patched.json()).toMatchObject({ name: 'Bravo 2', sortOrder: -5 });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/categories/${hidden.id}`, headers: admin })).json()).toEqual({ success: true });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/categories/${hidden.id}`, headers: admin })).statusCode).toBe(404);
    const user = await t.login();
    expect((await post('/api/categories', { name: 'x' }, user.auth)).statusCode).toBe(403);
    expect((await post('/api/categories', { name: 'x' })).statusCode).toBe(401);
    expect((await post('/api/categories', { name: '' }, admin)).json().error).toMatch(/name/);
    expect((await post('/api/categories', { name: 'x', slug: 'Not A Slug' }, admin)).json().error).toMatch(/slug/);
    expect(a.slug).toBe('alpha-cat');
  });
});

describe('gallery list (seed 003)', () => {
  let cat: { id: number; slug: string };
  const ids: number[] = [];
  beforeAll(async () => {
    cat = await category('Highlights', 'highlights', 0);
    const base = Date.parse('2026-01-15T10:00:00.000Z');
    for (let i = 0; i < 5; i++) {
      ids.push(
        await insertVideo(t.ctx.database, {
          filename: `highlight-2024-01-1${i}.mp4`,
          title: i === 0 ? 'Sunset over the harbour' : null,
          tags: i === 1 ? ['fireworks'] : [],
          categoryId: cat.id,
          orientation: i === 4 ? 'portrait' : 'landscape',
          createdAt: new Date(base + i * 1000),
          thumbnail: i === 0,
        }),
      );
    }
    await insertVideo(t.ctx.database, { categoryId: cat.id, published: false });
    await insertVideo(t.ctx.database, { categoryId: cat.id, locked: true });
  });

  it('answers the seed shape with pagination', async () => {
    const res = await get('/api/media/public?category=highlights&sort=recent&limit=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pagination).toEqual({ total: 5, limit: 2, offset: 0, hasMore: true });
    expect(body.videos.map((v: { id: number }) => v.id)).toEqual([ids[4], ids[3]]);
    expect(body.videos[0]).toMatchObject({
      id: ids[4],
      filename: 'highlight-2024-01-14.mp4',
      category: 'highlights',
      durationSeconds: 60,
      quality: '1080p',
      orientation: 'portrait',
      thumbnailPath: null,
      viewCount: 0,
      upvoteCount: 0,
      commentCount: 0,
      isLocked: false,
      createdAt: '2026-01-15T10:00:04.000Z',
    });
    const last = (await get('/api/media/public?category=highlights&limit=2&offset=4')).json();
    expect(last.pagination).toEqual({ total: 5, limit: 2, offset: 4, hasMore: false });
    expect(last.videos.map((v: { id: number }) => v.id)).toEqual([ids[0]]);
    expect(last.videos[0].thumbnailPath).toBe(`/media/${ids[0]}/thumbnail`);
    const defaults = (await get('/api/media/public?category=highlights')).json();
    expect(defaults.pagination.limit).toBe(24);
  });

  it('sorts popular and most_viewed with created_at as the tie-break', async () => {
    await post(`/api/media/public/${ids[1]}/upvote`, { sessionId: 'pop-session-1' });
    await post(`/api/media/public/${ids[1]}/upvote`, { sessionId: 'pop-session-2' });
    await post(`/api/media/public/${ids[0]}/upvote`, { sessionId: 'pop-session-1' });
    const popular = (await get('/api/media/public?category=highlights&sort=popular')).json().videos.map((v: { id: number }) => v.id);
    expect(popular).toEqual([ids[1], ids[0], ids[4], ids[3], ids[2]]);
    await get(`/api/media/public/${ids[2]}?sessionId=view-session-1`);
    const viewed = (await get('/api/media/public?category=highlights&sort=most_viewed')).json().videos.map((v: { id: number }) => v.id);
    expect(viewed).toEqual([ids[2], ids[4], ids[3], ids[1], ids[0]]);
  });

  it('filters by orientation and searches title, filename and tags, tolerating typos', async () => {
    const portrait = (await get('/api/media/public?category=highlights&orientation=portrait')).json();
    expect(portrait.videos.map((v: { id: number }) => v.id)).toEqual([ids[4]]);
    const byTitle = (await get('/api/media/public?search=harbour')).json().videos.map((v: { id: number }) => v.id);
    expect(byTitle).toEqual([ids[0]]);
    const byTag = (await get('/api/media/public?search=fireworks')).json().videos.map((v: { id: number }) => v.id);
    expect(byTag).toEqual([ids[1]]);
    const typo = (await get('/api/media/public?search=harbuor')).json().videos.map((v: { id: number }) => v.id);
    expect(typo).toContain(ids[0]);
    const typoTag = (await get('/api/media/public?search=firewroks')).json().videos.map((v: { id: number }) => v.id);
    expect(typoTag).toContain(ids[1]);
    const filename = (await get('/api/media/public?search=highlight-2024-01-13')).json().videos.map((v: { id: number }) => v.id);
    expect(filename).toContain(ids[3]);
    expect((await get('/api/media/public?category=nope')).json()).toEqual({ videos: [], pagination: { total: 0, limit: 24, offset: 0, hasMore: false }, nextCursor: null });
  });

  it('refuses bad list input with 400', async () => {
    for (const q of ['sort=best', 'limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'orientation=diagonal', 'cursor=garbage', `search=${'x'.repeat(300)}`]) {
      const res = await get(`/api/media/public?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error, q).toMatch(/sort|limit|offset|orientation|cursor|search/);
    }
    const cursor = (await get('/api/media/public?category=highlights&limit=1')).json().nextCursor;
    const otherSort = await get(`/api/media/public?category=highlights&limit=1&sort=popular&cursor=${cursor}`);
    expect(otherSort.statusCode).toBe(400);
  });
});

describe('details, lock, related, browse', () => {
  it('returns the seed 003 details shape, hides locked and unpublished media', async () => {
    const id = await insertVideo(t.ctx.database, { title: 'Details', durationSeconds: 45 });
    const res = await get(`/api/media/public/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    for (const k of ['id', 'path', 'filename', 'category', 'durationSeconds', 'quality', 'orientation', 'thumbnailPath', 'fileSize', 'viewCount', 'upvoteCount', 'commentCount', 'finishCount', 'totalWatchTime', 'isLocked', 'createdAt', 'updatedAt']) {
      expect(body, k).toHaveProperty(k);
    }
    expect(body).toMatchObject({ id, durationSeconds: 45, viewCount: 1, isLocked: false, fileSize: 1000, path: `/media/${id}/stream` });

    const locked = await post(`/api/media/public/${id}/lock`, { reason: 'copyright claim' }, admin);
    expect(locked.statusCode).toBe(200);
    expect(locked.json()).toMatchObject({ success: true, id, isLocked: true, lockedReason: 'copyright claim' });
    const hidden = await get(`/api/media/public/${id}`);
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().error).toBe('Media is locked');
    expect((await get('/api/media/public?search=Details')).json().videos).toEqual([]);
    const asAdmin = await get(`/api/media/public/${id}`, admin);
    expect(asAdmin.json()).toMatchObject({ isLocked: true, lockedReason: 'copyright claim' });
    const unlocked = await post(`/api/media/public/${id}/unlock`, {}, admin);
    expect(unlocked.json()).toMatchObject({ isLocked: false, lockedReason: null, lockedAt: null });
    expect((await get(`/api/media/public/${id}`)).statusCode).toBe(200);
    expect((await post(`/api/media/public/${id}/lock`, {}, (await t.login()).auth)).statusCode).toBe(403);
    expect((await post(`/api/media/public/99999999/lock`, {}, admin)).json().error).toBe('Media not found');

    const unpublished = await insertVideo(t.ctx.database, { published: false });
    const nf = await get(`/api/media/public/${unpublished}`);
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error).toBe('Media not found');
    expect((await get(`/api/media/public/abc`)).statusCode).toBe(400);
  });

  it('finds related videos by category and shared tags', async () => {
    const c = await category('Related', 'related-cat');
    const me = await insertVideo(t.ctx.database, { categoryId: c.id, tags: ['cats', 'funny'] });
    const sameCat = await insertVideo(t.ctx.database, { categoryId: c.id });
    const twoTags = await insertVideo(t.ctx.database, { tags: ['funny', 'cats', 'x'] });
    const oneTag = await insertVideo(t.ctx.database, { tags: ['cats'] });
    await insertVideo(t.ctx.database, { tags: ['dogs'] });
    await insertVideo(t.ctx.database, { categoryId: c.id, locked: true });
    const res = (await get(`/api/media/public/${me}/related`)).json().videos.map((v: { id: number }) => v.id);
    expect(res).toEqual([twoTags, oneTag, sameCat]);
  });

  it('browse gives the hero and one row per active category in sort order', async () => {
    const first = await category('Browse first', 'browse-first', -100);
    const second = await category('Browse second', 'browse-second', -99);
    const off = await category('Browse off', 'browse-off', -98, false);
    const hero = await insertVideo(t.ctx.database, { isHero: true, categoryId: second.id });
    const v1 = await insertVideo(t.ctx.database, { categoryId: first.id });
    await insertVideo(t.ctx.database, { categoryId: off.id });
    const body = (await get('/api/media/browse')).json();
    expect(body.hero.id).toBe(hero);
    const slugs = body.rows.map((r: { category: { slug: string } }) => r.category.slug);
    expect(slugs.slice(0, 2)).toEqual(['browse-first', 'browse-second']);
    expect(slugs).not.toContain('browse-off');
    expect(body.rows[0].videos.map((v: { id: number }) => v.id)).toEqual([v1]);
  });

  it('follows publish, unpublish and category changes made on videos (the library writes them)', async () => {
    const c = await category('Moves', 'moves-cat');
    const id = await insertVideo(t.ctx.database, { title: 'Wandering clip', published: false });
    const listed = async () => (await get('/api/media/public?search=Wandering')).json().videos.map((v: { id: number }) => v.id);
    expect(await listed()).toEqual([]);
    await t.ctx.database.query(sql`update videos set published = true, category_id = ${c.id} where id = ${id}`);
    expect(await listed()).toEqual([id]);
    expect((await get('/api/media/public?category=moves-cat')).json().videos.map((v: { id: number }) => v.id)).toEqual([id]);
    await t.ctx.database.query(sql`update videos set published = false where id = ${id}`);
    expect(await listed()).toEqual([]);
  });
});
