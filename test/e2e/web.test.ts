// The web UI end to end: a real `reel serve` (fresh PGlite, or a fresh database on
// DATABASE_URL), generated tiny videos in its library, and Debian's Chromium.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeVideo } from '../fixtures/make-video.js';
import { ADMIN, apiCall, ensureWebBuilt, launchBrowser, libraryTempDir, missingPrerequisite, saveScreenshot, startReel, type Reel } from './harness.js';
import { type BrowserGlobals, type VideoLike, expectClose, poll, fillRegister, heatmapTotal, newPage, numberIn, signIn, videoTime, waitForVideoTime } from './ui.js';

const skip = missingPrerequisite();
if (skip) console.warn(`[e2e] browser tests skipped: ${skip}`);

type LibVideo = { id: number; filename: string; published: boolean; locked: boolean };

describe.skipIf(skip)('web UI in a real browser', () => {
  let reel: Reel;
  let browser: Browser;
  let adminToken: string;
  const ids: Record<string, number> = {};
  let ann: { context: BrowserContext; page: Page } | undefined;
  const contexts: BrowserContext[] = [];

  const open = async () => {
    const p = await newPage(browser, reel.url);
    contexts.push(p.context);
    return p;
  };
  const publicVideo = async (id: number) => (await apiCall<{ upvoteCount: number; viewCount: number }>(reel.url, 'GET', `/api/media/public/${id}`)).body;

  beforeAll(async () => {
    const lib = libraryTempDir();
    // One longer (6 s) clip so the heatmap has a timeline worth drawing; the rest ≤ 2 s.
    await Promise.all([
      makeVideo(path.join(lib, 'studios/acme/ocean-waves.mp4'), { width: 320, height: 180, duration: 6, fps: 10, source: 'testsrc2' }),
      makeVideo(path.join(lib, 'videos/city-lights.mp4'), { duration: 2, source: 'smptebars' }),
      makeVideo(path.join(lib, 'videos/mountain-trail.mp4'), { duration: 2, source: 'rgbtestsrc' }),
      makeVideo(path.join(lib, 'curated/portrait-clip.mp4'), { width: 180, height: 320, duration: 2 }),
      makeVideo(path.join(lib, 'videos/night-drive.mp4'), { duration: 2, source: 'color=c=navy' }),
    ]);
    await ensureWebBuilt();
    reel = await startReel(lib);
    browser = await launchBrowser();
    const login = await apiCall<{ token: string }>(reel.url, 'POST', '/api/auth/login', ADMIN);
    adminToken = login.body.token;
    const ready = await apiCall<{ database: { kind: string } }>(reel.url, 'GET', '/readyz');
    expect(ready.body.database.kind).toBe(reel.database);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await reel?.stop();
  });

  test('an admin signs in, scans the library, publishes, locks a video (the public page then refuses)', async () => {
    const { page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByText('The library is empty').waitFor();

    await page.getByRole('button', { name: 'Scan library' }).click();
    const scanStatus = page.locator('[data-scan-status="completed"]');
    await scanStatus.waitFor({ timeout: 120_000 });
    await scanStatus.getByText(/Scan finished: 5 new, 0 updated, 0 unchanged/).waitFor();
    // The scan ran as a job on the server's queue; the panel followed that job.
    const scanJobId = Number(await scanStatus.getAttribute('data-job-id'));
    const scanJob = await apiCall<{ type: string; status: string; progress: number; result: { new: number; errors: number } }>(reel.url, 'GET', `/api/jobs/${scanJobId}`, undefined, adminToken);
    expect(scanJob.body).toMatchObject({ type: 'scan', status: 'completed', progress: 100, result: { new: 5, errors: 0 } });
    await poll(() => page.locator('article.tile').count()).toBe(5);

    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Publish: 5 video(s) done').waitFor();
    await poll(() => page.locator('article.tile .ok-badge').count()).toBe(5);
    await saveScreenshot(await page.screenshot(), 'admin-library');

    const list = await apiCall<{ videos: LibVideo[] }>(reel.url, 'GET', '/api/videos?limit=100', undefined, adminToken);
    for (const v of list.body.videos) ids[v.filename.replace(/\.\w+$/, '')] = v.id;
    expect(Object.keys(ids).sort()).toEqual(['city-lights', 'mountain-trail', 'night-drive', 'ocean-waves', 'portrait-clip']);
    expect(list.body.videos.every((v) => v.published)).toBe(true);

    await page.getByRole('link', { name: 'Shared media' }).click();
    const row = page.locator(`tr[data-video-id="${ids['night-drive']}"]`);
    await row.getByRole('button', { name: 'Lock…' }).click();
    await row.getByLabel('Reason for locking').fill('Rights under review');
    await row.getByRole('button', { name: 'Lock', exact: true }).click();
    await row.getByText('Locked: Rights under review').waitFor();

    const visitor = await open();
    await visitor.page.goto(`/watch/${ids['night-drive']}`);
    await visitor.page.getByRole('alert').getByText('Media is locked').waitFor();

    // Categories with ordering, and the browse page's hero.
    for (const name of ['Nature', 'Test cards']) {
      await page.getByLabel('New category name').fill(name);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator('.category-list li', { hasText: name }).waitFor();
    }
    await page.getByRole('button', { name: 'Move Test cards up' }).click();
    await poll(() => page.locator('.category-list li .grow').allInnerTexts()).toEqual([expect.stringContaining('Test cards'), expect.stringContaining('Nature')]);
    const ocean = page.locator(`tr[data-video-id="${ids['ocean-waves']}"]`);
    await ocean.getByLabel(/^Category of/).selectOption({ label: 'Nature' });
    // The box follows the server's answer, so click and wait for it rather than check().
    await ocean.getByLabel('Hero video').click();
    await poll(() => ocean.getByLabel('Hero video').isChecked()).toBe(true);
    await page.locator(`tr[data-video-id="${ids['city-lights']}"]`).getByLabel(/^Category of/).selectOption({ label: 'Test cards' });

    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    await page.getByText('No duplicates').waitFor();
  });

  test('an admin starts a transcode and watches its progress reach 100%', async () => {
    const { page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/jobs');
    const form = page.locator('form.create-job');
    await form.locator('select[name="type"]').selectOption('reencode_streaming');
    await form.locator('input[name="videoId"]').fill(String(ids['mountain-trail']));
    await form.getByRole('button', { name: 'Create job' }).click();
    await form.getByText(/Job #\d+ created/).waitFor();

    const row = page.locator('tr[data-job-type="reencode_streaming"]').first();
    await row.waitFor();
    const bar = row.getByRole('progressbar');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add((await bar.getAttribute('aria-valuenow')) ?? '');
          return row.getAttribute('data-job-status');
        },
        { timeout: 180_000, interval: 200 },
      )
      .toBe('completed');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(seen.size, `progress seen on the way: ${[...seen].join(', ')}`).toBeGreaterThan(1);

    // A pipeline: its steps show up as jobs, in order.
    await form.getByRole('tab', { name: 'Pipeline' }).click();
    await form.getByLabel('Step 1', { exact: true }).selectOption('tag_generation');
    await form.getByLabel('Step 2', { exact: true }).selectOption('generate_gif');
    await form.locator('input[name="videoId"]').fill(String(ids['city-lights']));
    await form.getByRole('button', { name: 'Create pipeline' }).click();
    await form.getByText(/Pipeline #\d+ created: 2 steps/).waitFor();
    await page.locator('tr[data-job-type="tag_generation"]').waitFor();

    await page.getByLabel('Status').selectOption('completed');
    await poll(async () => new Set(await page.locator('tr[data-job-status]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job-status')))).size).toBe(1);
    await page.getByLabel('Status').selectOption('');
    await page.locator('tr[data-job-type="generate_gif"]').waitFor();

    // A job no worker here can take (no GPU memory) waits, says why, and can be cancelled.
    await form.getByRole('tab', { name: 'Job' }).click();
    await form.locator('select[name="type"]').selectOption('tag_generation');
    await form.locator('select[name="resourceCategory"]').selectOption('gpu_ai');
    await form.locator('input[name="vramRequired"]').fill('6000');
    await form.locator('input[name="videoId"]').fill(String(ids['portrait-clip']));
    await form.getByRole('button', { name: 'Create job' }).click();
    const created = await form.getByText(/Job #\d+ created/).innerText();
    const waitingId = Number(/#(\d+)/.exec(created)![1]);
    const waiting = page.locator(`tr[data-job-id="${waitingId}"]`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await waiting.getByText(/waiting|no worker/i).waitFor();
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.waitForTimeout(500); // let the bars finish their transition
    await saveScreenshot(await page.screenshot(), 'jobs');
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => waiting.getAttribute('data-job-status')).toBe('cancelled');

    // A job that fails shows its error; Retry queues it again.
    await form.locator('select[name="type"]').selectOption('scan');
    await form.locator('select[name="resourceCategory"]').selectOption('');
    await form.locator('input[name="vramRequired"]').fill('');
    await form.locator('input[name="videoId"]').fill('');
    await form.locator('input[name="params"]').fill('{"roots": ["/etc"]}');
    await form.getByRole('button', { name: 'Create job' }).click();
    const failedId = Number(/#(\d+)/.exec(await form.getByText(/Job #\d+ created/).innerText())![1]);
    expect(failedId).toBeGreaterThan(waitingId);
    const failing = page.locator(`tr[data-job-id="${failedId}"]`);
    await poll(() => failing.getAttribute('data-job-status'), 60_000).toBe('failed');
    await failing.getByRole('button', { name: 'scan' }).click();
    await page.locator('.job-detail').getByText(/not inside a library root/).first().waitFor();
    const before = (await apiCall<{ updatedAt: string }>(reel.url, 'GET', `/api/jobs/${failedId}`, undefined, adminToken)).body.updatedAt;
    await failing.getByRole('button', { name: 'Retry' }).click();
    await poll(async () => (await apiCall<{ updatedAt: string }>(reel.url, 'GET', `/api/jobs/${failedId}`, undefined, adminToken)).body.updatedAt).not.toBe(before);

    // The ladder now exists: the viewer plays the video through hls.js.
    const viewer = await open();
    await viewer.page.goto(`/watch/${ids['mountain-trail']}`);
    await viewer.page.locator('.player[data-source="hls"]').waitFor();
    await viewer.page.getByRole('button', { name: 'Play' }).click();
    await waitForVideoTime(viewer.page, 0.3);
  });

  test('a visitor browses, plays a video, upvotes once, comments and opens the share menu', async () => {
    const { page } = await open();
    await page.goto('/');
    await page.locator('.hero').getByRole('heading', { name: 'ocean-waves' }).waitFor();
    expect(await page.locator('.row h2').allInnerTexts()).toEqual(['Test cards', 'Nature']);
    await saveScreenshot(await page.screenshot(), 'browse');
    await page.getByRole('link', { name: 'Gallery', exact: true }).click();
    await poll(() => page.locator('.grid article.video-card').count()).toBe(4); // the locked one is not listed
    await saveScreenshot(await page.screenshot(), 'gallery');

    // Infinite scroll: two per page; reaching the bottom loads the next page by its cursor.
    const cursors: string[] = [];
    page.on('request', (r) => r.url().includes('/api/media/public?') && new URL(r.url()).searchParams.get('cursor') && cursors.push(r.url()));
    await page.goto('/gallery?limit=2');
    await page.locator('.grid article.video-card').nth(1).waitFor();
    await page.mouse.wheel(0, 4000);
    await poll(() => page.locator('.grid article.video-card').count()).toBe(4);
    expect(cursors.length).toBeGreaterThanOrEqual(1);

    const id = ids['ocean-waves']!;
    await page.locator(`article[data-video-id="${id}"] a.card-title`).click();
    await poll(() => new URL(page.url()).pathname).toBe(`/watch/${id}`);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForVideoTime(page, 0.8);
    expect(await videoTime(page)).toBeGreaterThan(0.5);

    // Upvote: +1, and the same browser session again → still +1.
    const before = (await publicVideo(id)).upvoteCount;
    await page.locator('.watch-meta .btn-upvote').click();
    await poll(() => numberIn(page, '.watch-meta .upvote-count')).toBe(before + 1);
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.removeItem('reel.upvoted')); // the UI forgets, the session id stays
    await page.reload();
    await page.locator('.watch-meta .btn-upvote[aria-pressed="false"]').click();
    await page.locator('.watch-meta .btn-upvote[aria-pressed="true"]').waitFor();
    expect(await numberIn(page, '.watch-meta .upvote-count')).toBe(before + 1);
    expect((await publicVideo(id)).upvoteCount).toBe(before + 1);

    await page.getByLabel('Your name').fill('Visitor');
    await page.getByLabel('Add a comment').fill('Lovely waves');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = page.locator('li.comment', { hasText: 'Lovely waves' });
    await comment.waitFor();
    await comment.getByRole('button', { name: 'Reply' }).click();
    await comment.getByLabel('Reply').fill('Agreed!');
    await comment.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await comment.locator('.replies li.comment', { hasText: 'Agreed!' }).waitFor();

    await page.getByRole('button', { name: '↗ Share' }).click();
    const menu = page.getByRole('dialog', { name: 'Share this video' });
    await menu.getByRole('button', { name: /Copy link/ }).waitFor();
    await poll(() => menu.locator('[data-platform]').count()).toBeGreaterThanOrEqual(4);

    // Phone width: the navigation folds into a menu.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
    await page.locator('.grid article.video-card').first().waitFor();
  });

  test('a signed-up user reacts at moments, the heatmap changes, and playback resumes where they left off', async () => {
    ann = await open();
    const { page } = ann;
    const id = ids['ocean-waves']!;
    await page.goto(`/watch/${id}`);
    await page.getByRole('link', { name: 'Sign in to react' }).click();
    // The sign-in form's own Register link, which carries ?next= back to this video (the
    // header's Register link is there before the sign-in page has loaded, and has none).
    await page.locator('a[href^="/register?next="]').click();
    await fillRegister(page, { name: 'Ann', email: 'ann@reel.test', password: 'ann-password-1' });
    await poll(() => new URL(page.url()).pathname).toBe(`/watch/${id}`);
    await page.locator('.heatmap').waitFor();

    const start = await heatmapTotal(page);
    const react = async (at: number, type: string, label: RegExp) => {
      await page.locator('video').evaluate((v: VideoLike, t) => (v.currentTime = t), at);
      await page.locator(`[data-reaction="${type}"]`).click();
      await page.getByRole('status').getByText(label).waitFor();
    };
    await react(3, 'laugh', /at 0:03/);
    await poll(() => heatmapTotal(page)).toBe(start + 1);
    await react(4, 'laugh', /at 0:04/);
    await react(4, 'love', /at 0:04/);
    await react(1, 'wow', /at 0:01/);
    await poll(() => heatmapTotal(page)).toBe(start + 4);
    await page.locator('.video-reactions').getByRole('button', { name: /^Love/ }).click();
    await page.locator('.video-reactions button[aria-pressed="true"]').waitFor();
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.locator('.heat-bar[data-count="2"]').first().hover();
    await page.getByRole('tooltip').getByText(/2 reactions · top/).waitFor();
    await saveScreenshot(await page.screenshot(), 'viewer');

    // Watch to ~2.3 s, pause: the resume point is saved; a reload starts there.
    await page.locator('video').evaluate((v: VideoLike) => (v.currentTime = 0));
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForVideoTime(page, 2.3);
    await page.getByRole('button', { name: 'Pause' }).click();
    const token = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).localStorage.getItem('reel.token'));
    await poll(async () => (await apiCall<{ last_position: number }>(reel.url, 'GET', `/api/videos/${id}/progress`, undefined, token ?? '')).body.last_position)
      .toBeGreaterThanOrEqual(2);
    await page.reload();
    await page.getByText('Resuming at 0:02').waitFor();
    await page.waitForFunction(() => ((globalThis as unknown as BrowserGlobals).document.querySelector('video')?.readyState ?? 0) >= 1);
    expectClose(await videoTime(page), 2, 0.6);

    await page.getByRole('link', { name: 'Continue watching' }).click();
    await page.locator(`article[data-video-id="${id}"]`).waitFor();
  });

  test('two users chat, and a video shared from the viewer appears in the other window without a reload', async () => {
    expect(ann, 'the reactions flow signs Ann up').toBeDefined();
    const bea = await open();
    await bea.page.goto('/register?next=/chat');
    await fillRegister(bea.page, { name: 'Bea', email: 'bea@reel.test', password: 'bea-password-1' });
    await poll(() => new URL(bea.page.url()).pathname).toBe('/chat');
    await bea.page.getByLabel('Start a conversation: find someone').fill('Ann');
    await bea.page.getByRole('button', { name: /^Ann/ }).click();
    await bea.page.waitForURL(/\/chat\/\d+$/);
    await bea.page.getByRole('textbox', { name: 'Message' }).fill('Hi Ann, seen anything good?');
    await bea.page.getByRole('button', { name: 'Send' }).click();
    await bea.page.locator('.msg.mine', { hasText: 'Hi Ann' }).waitFor();

    // Ann sees it live in her chat window, answers, then shares a video from the viewer.
    const { page } = ann!;
    await page.goto('/chat');
    await page.getByRole('link', { name: /Bea/ }).click();
    await page.locator('.msg', { hasText: 'Hi Ann' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Yes, look at this');
    await page.getByRole('button', { name: 'Send' }).click();
    await bea.page.locator('.msg:not(.mine)', { hasText: 'Yes, look at this' }).waitFor();

    const id = ids['city-lights']!;
    await page.goto(`/watch/${id}`);
    await page.getByRole('button', { name: '↗ Share' }).click();
    await page.getByRole('button', { name: /Send in chat/ }).click();
    await page.getByRole('button', { name: 'Send to Bea' }).click();
    await page.getByRole('status').getByText('Sent to Bea').waitFor();

    const card = bea.page.locator(`.shared-video[data-shared-video-id="${id}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('city-lights');
    await saveScreenshot(await bea.page.screenshot(), 'chat');
    await card.click();
    await poll(() => new URL(bea.page.url()).pathname).toBe(`/watch/${id}`);
  });

  test('an admin reads a video\'s statistics: views over time, retention, heatmap, finish rate', async () => {
    const { page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/shared');
    await page.locator(`tr[data-video-id="${ids['ocean-waves']}"]`).getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics: ocean-waves' }).waitFor();
    await poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    const tile = (label: string) => page.locator('.stat-tile', { hasText: label }).locator('strong');
    expect(Number(await tile('Views').innerText())).toBeGreaterThanOrEqual(1);
    expect(await tile('Finish rate').innerText()).toMatch(/^\d+%$/);
    await page.getByText(/Retention: share of viewers still watching \([1-9]\d* sessions?\)/).waitFor();
    await page.mouse.move(5, 790); // no chart tooltip in the picture
    await saveScreenshot(await page.screenshot(), 'stats');
  });
});
