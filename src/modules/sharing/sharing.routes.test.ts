import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../../../test/fixtures/insert-video.js';

let t: TestApp;
let user: Awaited<ReturnType<TestApp['login']>>;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.login();
});
afterAll(() => t.close());
// A fresh sharer per test: the per-user rate limit must not leak between tests.
beforeEach(async () => {
  user = await t.login();
});

const share = (videoId: number | string, body: unknown, auth = user.auth) =>
  t.app.inject({ method: 'POST', url: `/api/videos/${videoId}/share`, headers: auth, payload: body as object });

const auditRows = (videoId: number) =>
  t.ctx.database.query<{ platform: string; status: string; already_shared: boolean; record_id: number | null; error_message: string | null }>(
    sql`select platform, status, already_shared, record_id, error_message from share_audit where video_id = ${videoId} order by id`,
  );
const recordCount = async (videoId: number) =>
  (await t.ctx.database.query<{ n: number }>(sql`select count(*)::int as n from share_records where video_id = ${videoId}`))[0]!.n;

describe('POST /api/videos/:id/share', () => {
  it('records new shares, then answers alreadyShared without changing state (seed 004 idempotency)', async () => {
    const video = await insertVideo(t.ctx.database);
    const first = await share(video.id, { platforms: ['twitter', 'whatsapp'], mode: 'track_only' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      video_id: video.id,
      results: [
        { platform: 'twitter', status: 'success', alreadyShared: false },
        { platform: 'whatsapp', status: 'success', alreadyShared: false },
      ],
    });
    const [before] = await t.ctx.database.query<{ updated_at: string; attempt_count: number }>(
      sql`select updated_at::text, attempt_count from share_records where video_id = ${video.id} and platform = 'twitter'`,
    );
    const again = await share(video.id, { platforms: ['twitter'] });
    expect(again.json().results).toEqual([{ platform: 'twitter', status: 'success', alreadyShared: true }]);
    const [after] = await t.ctx.database.query<{ updated_at: string; attempt_count: number }>(
      sql`select updated_at::text, attempt_count from share_records where video_id = ${video.id} and platform = 'twitter'`,
    );
    expect(after).toEqual(before);
    expect(await recordCount(video.id)).toBe(2);
  });

  it('partial exist: one platform already shared, one new', async () => {
    const video = await insertVideo(t.ctx.database);
    await share(video.id, { platforms: ['whatsapp'] });
    const res = await share(video.id, { platforms: ['twitter', 'whatsapp'], mode: 'track_only' });
    expect(res.json().results).toEqual([
      { platform: 'twitter', status: 'success', alreadyShared: false },
      { platform: 'whatsapp', status: 'success', alreadyShared: true },
    ]);
  });

  it('normalises case, whitespace and duplicates', async () => {
    const video = await insertVideo(t.ctx.database);
    const res = await share(video.id, { platforms: [' Twitter ', 'TWITTER', 'LinkedIn'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { platform: string }) => r.platform)).toEqual(['twitter', 'linkedin']);
    expect(await recordCount(video.id)).toBe(2);
  });

  it('is idempotent per user: another user sharing the same platform gets a record of their own', async () => {
    const video = await insertVideo(t.ctx.database);
    const other = await t.login();
    await share(video.id, { platforms: ['facebook'] });
    const res = await share(video.id, { platforms: ['facebook'] }, other.auth);
    expect(res.json().results[0].alreadyShared).toBe(false);
    expect(await recordCount(video.id)).toBe(2);
  });

  it('appends one audit row per platform per attempt', async () => {
    const video = await insertVideo(t.ctx.database);
    await share(video.id, { platforms: ['twitter', 'whatsapp'] });
    await share(video.id, { platforms: ['twitter'] });
    const rows = await auditRows(video.id);
    expect(rows.map((r) => [r.platform, r.status, r.already_shared])).toEqual([
      ['twitter', 'success', false],
      ['whatsapp', 'success', false],
      ['twitter', 'success', true],
    ]);
    expect(rows[0]!.record_id).toBe(rows[2]!.record_id);
  });

  it('racing double clicks end in one record and report exactly one new share', async () => {
    const video = await insertVideo(t.ctx.database);
    const responses = await Promise.all(Array.from({ length: 8 }, () => share(video.id, { platforms: ['twitter'] })));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const fresh = responses.filter((r) => r.json().results[0].alreadyShared === false);
    expect(fresh).toHaveLength(1);
    expect(await recordCount(video.id)).toBe(1);
    expect(await auditRows(video.id)).toHaveLength(8);
  });

  it('unknown platforms → 400 listing every unsupported one, nothing recorded, attempt audited', async () => {
    const video = await insertVideo(t.ctx.database);
    const res = await share(video.id, { platforms: ['twitter', 'MySpace', 'friendster'] });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('UNSUPPORTED_PLATFORM');
    expect(body.error).toContain('myspace, friendster');
    expect(body.details.unsupported).toEqual(['myspace', 'friendster']);
    expect(await recordCount(video.id)).toBe(0);
    const rows = await auditRows(video.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'failed' && r.record_id === null && r.error_message)).toBe(true);
  });

  it('server_post → 400 saying it is not available', async () => {
    const video = await insertVideo(t.ctx.database);
    const res = await share(video.id, { platforms: ['twitter'], mode: 'server_post' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SERVER_POST_UNAVAILABLE');
    expect(res.json().error).toMatch(/not available/);
    expect(await recordCount(video.id)).toBe(0);
  });

  it('refuses locked (403) and unpublished or unknown (404) videos, auditing the refusal', async () => {
    const locked = await insertVideo(t.ctx.database, { locked: true });
    const hidden = await insertVideo(t.ctx.database, { published: false });
    const lockedRes = await share(locked.id, { platforms: ['twitter'] });
    expect(lockedRes.statusCode).toBe(403);
    expect(lockedRes.json().error).toBe('Media is locked');
    const hiddenRes = await share(hidden.id, { platforms: ['twitter'] });
    expect(hiddenRes.statusCode).toBe(404);
    expect(hiddenRes.json().error).toBe('Media not found');
    expect((await share(999_999, { platforms: ['twitter'] })).statusCode).toBe(404);
    expect((await auditRows(locked.id))[0]).toMatchObject({ status: 'failed', error_message: 'Media is locked' });
    expect(await recordCount(locked.id)).toBe(0);
  });

  it('bad input → 400/401 naming the problem', async () => {
    const video = await insertVideo(t.ctx.database);
    expect((await share(video.id, { platforms: ['twitter'] }, {} as never)).statusCode).toBe(401);
    const cases: Array<[string | number, unknown, RegExp]> = [
      [video.id, {}, /platforms/],
      [video.id, { platforms: [] }, /at least one platform/],
      [video.id, { platforms: ['  '] }, /at least one platform/],
      [video.id, { platforms: 'twitter' }, /platforms/],
      [video.id, { platforms: [42] }, /platform/],
      [video.id, { platforms: ['twitter'], mode: 'carrier_pigeon' }, /mode/],
      ['abc', { platforms: ['twitter'] }, /id must be a positive integer/],
      [-3, { platforms: ['twitter'] }, /id must be a positive integer/],
    ];
    for (const [id, body, message] of cases) {
      const res = await share(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatch(message);
    }
  });

  it('counts shares and failures per platform on /metrics', async () => {
    const video = await insertVideo(t.ctx.database);
    await share(video.id, { platforms: ['linkedin'] });
    await share(video.id, { platforms: ['linkedin'] });
    await share(video.id, { platforms: ['orkut'] });
    const text = await t.ctx.metrics.metrics();
    expect(text).toMatch(/reel_shares_total\{platform="linkedin",result="new"\} [1-9]/);
    expect(text).toMatch(/reel_shares_total\{platform="linkedin",result="repeat"\} [1-9]/);
    expect(text).toMatch(/reel_share_failures_total\{platform="unsupported",reason="unsupported_platform"\} [1-9]/);
  });

  it('rate-limits each user', async () => {
    const video = await insertVideo(t.ctx.database);
    const spammer = await t.login();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await share(video.id, { platforms: ['twitter'] }, spammer.auth)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes[30]).toBe(429);
    // Someone else is not affected.
    expect((await share(video.id, { platforms: ['twitter'] }, (await t.login()).auth)).statusCode).toBe(200);
  });
});

describe('GET /api/videos/:id/share-status', () => {
  it('lists every allowed platform with shared and lastSharedAt', async () => {
    const video = await insertVideo(t.ctx.database);
    await share(video.id, { platforms: ['twitter'] });
    const anon = await t.app.inject({ url: `/api/videos/${video.id}/share-status` });
    expect(anon.statusCode).toBe(200);
    const body = anon.json();
    expect(body.video_id).toBe(video.id);
    expect(body.platforms.map((p: { platform: string }) => p.platform)).toEqual(['twitter', 'whatsapp', 'facebook', 'linkedin']);
    const twitter = body.platforms[0];
    expect(twitter).toMatchObject({ platform: 'twitter', shared: true, shareCount: 1 });
    expect(new Date(twitter.lastSharedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(twitter.sharedByMe).toBeUndefined();
    expect(body.platforms[1]).toEqual({ platform: 'whatsapp', shared: false, shareCount: 0 });
    const mine = (await t.app.inject({ url: `/api/videos/${video.id}/share-status`, headers: user.auth })).json();
    expect(mine.platforms[0].sharedByMe).toBe(true);
  });

  it('404/403 for hidden videos and 400 for a bad id', async () => {
    const hidden = await insertVideo(t.ctx.database, { published: false });
    expect((await t.app.inject({ url: `/api/videos/${hidden.id}/share-status` })).statusCode).toBe(404);
    const locked = await insertVideo(t.ctx.database, { locked: true });
    expect((await t.app.inject({ url: `/api/videos/${locked.id}/share-status` })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/videos/nope/share-status` })).statusCode).toBe(400);
  });
});

describe('GET /api/share/platforms', () => {
  it('returns each platform with its real intent for the video, built from the request origin', async () => {
    const video = await insertVideo(t.ctx.database, { title: 'Sunset & surf' });
    const res = await t.app.inject({
      url: `/api/share/platforms?videoId=${video.id}`,
      headers: { host: 'reel.example:8080', 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const watch = `https://reel.example:8080/watch/${video.id}`;
    expect(body.watchUrl).toBe(watch);
    const byName = Object.fromEntries(body.platforms.map((p: { platform: string; shareUrl: string }) => [p.platform, p.shareUrl]));
    const u = encodeURIComponent(watch);
    expect(byName.twitter).toBe(`https://x.com/intent/tweet?url=${u}&text=Sunset%20%26%20surf`);
    expect(byName.whatsapp).toBe(`https://wa.me/?text=${encodeURIComponent(`Sunset & surf ${watch}`)}`);
    expect(byName.facebook).toBe(`https://www.facebook.com/sharer/sharer.php?u=${u}`);
    expect(byName.linkedin).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${u}`);
  });

  it('without a video lists the allowlist; honours SHARE_PLATFORMS; 404/400 on bad videos', async () => {
    const res = await t.app.inject({ url: '/api/share/platforms' });
    expect(res.json().platforms.map((p: { platform: string }) => p.platform)).toEqual(['twitter', 'whatsapp', 'facebook', 'linkedin']);
    expect((await t.app.inject({ url: '/api/share/platforms?videoId=999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/share/platforms?videoId=x' })).statusCode).toBe(400);
    const custom = await createTestApp({ SHARE_PLATFORMS: 'Telegram,twitter' });
    try {
      const body = (await custom.app.inject({ url: '/api/share/platforms' })).json();
      expect(body.platforms.map((p: { platform: string }) => p.platform)).toEqual(['telegram', 'twitter']);
      const u = await custom.login();
      const v = await insertVideo(custom.ctx.database);
      const r = await custom.app.inject({ method: 'POST', url: `/api/videos/${v.id}/share`, headers: u.auth, payload: { platforms: ['whatsapp'] } });
      expect(r.statusCode).toBe(400);
    } finally {
      await custom.close();
    }
  });
});

describe('GET /api/videos/:id/share-audit', () => {
  it('admins read every attempt newest first; others are refused', async () => {
    const video = await insertVideo(t.ctx.database);
    await share(video.id, { platforms: ['twitter'] });
    await share(video.id, { platforms: ['twitter', 'bebo'] });
    await share(video.id, { platforms: ['twitter'] });
    const admin = await t.login({ role: 'admin' });
    const res = await t.app.inject({ url: `/api/videos/${video.id}/share-audit`, headers: admin.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.map((e: { platform: string; status: string; alreadyShared: boolean }) => [e.platform, e.status, e.alreadyShared])).toEqual([
      ['twitter', 'success', true],
      ['bebo', 'failed', false],
      ['twitter', 'failed', false],
      ['twitter', 'success', false],
    ]);
    expect((await t.app.inject({ url: `/api/videos/${video.id}/share-audit`, headers: user.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/videos/${video.id}/share-audit` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/videos/${video.id}/share-audit?limit=0`, headers: admin.auth })).statusCode).toBe(400);
  });
});
