import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../src/http/test-app.js';
import { waitForJob } from '../../src/jobs/test-support.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { jobRegistry } from '../../src/modules/jobs/jobs.registry.js';
import { createJobsUseCases } from '../../src/modules/jobs/jobs.usecases.js';
import { makeVideo } from '../fixtures/make-video.js';

type Auth = { authorization: string };

function multipart(filename: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----reel${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('library API', () => {
  let t: TestApp;
  let root: string;
  let admin: Auth;
  let adminToken: string;
  let user: Auth;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'reel-api-'));
    await makeVideo(path.join(root, 'inbox', 'Beach Day.mp4'), { width: 320, height: 240, duration: 1, source: 'testsrc' });
    writeFileSync(path.join(root, 'inbox', 'Beach Day.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nWaves\n');
    await makeVideo(path.join(root, 'curated', 'tall.mp4'), { width: 180, height: 320, duration: 1, source: 'testsrc2', audio: false });
    t = await createTestApp({ LIBRARY_ROOTS: root, MAX_UPLOAD_SIZE_GB: String(200_000 / 1024 ** 3), WORKER_CPU_SLOTS: '1', WORKER_ENCODE_SLOTS: '1', WORKER_GPU_VRAM_MB: '0' });
    const a = await t.login({ role: 'admin' });
    admin = a.auth;
    adminToken = a.token;
    user = (await t.login()).auth;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('enqueues a scan job; a worker runs it and the job carries progress, log and summary', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: {} });
    expect(started.statusCode).toBe(202);
    const scan = started.json();
    expect(scan).toMatchObject({ jobId: expect.any(Number), status: 'queued', roots: [root], progress: 0, summary: null });
    // The job is in the jobs table, where any instance (and any worker) sees it.
    const job = (await t.app.inject({ url: `/api/jobs/${scan.jobId}`, headers: admin })).json();
    expect(job).toMatchObject({ id: scan.jobId, type: 'scan', status: 'queued', params: { roots: [root] } });
    // One scan at a time: a second request names the waiting one.
    const again = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SCAN_RUNNING', details: { jobId: scan.jobId } });
    expect(again.json().error).toContain(`job ${scan.jobId}`);

    const events: Array<{ id: number; status: string; progress: number }> = [];
    t.ctx.events.on('job.updated', (e) => e.id === scan.jobId && events.push(e));
    const jobs = createJobsUseCases(t.ctx);
    const worker = await new JobWorker(t.ctx, jobRegistry, { name: 'library-api-test', queue: jobs.queue, pipelines: jobs.pipelines }).start();
    try {
      const finished = await waitForJob(t.ctx, scan.jobId, undefined, 90_000);
      expect({ status: finished.status, error: finished.error }).toEqual({ status: 'completed', error: null });
    } finally {
      await worker.stop(1000);
    }
    expect(events.map((e) => e.status)).toContain('running');
    expect(events.at(-1)).toMatchObject({ status: 'completed', progress: 100 });
    const running = events.filter((e) => e.status === 'running').map((e) => e.progress);
    expect(running).toEqual([...running].sort((a, b) => a - b));

    const done = (await t.app.inject({ url: `/api/jobs/${scan.jobId}`, headers: admin })).json();
    expect(done).toMatchObject({ status: 'completed', progress: 100, result: { new: 2, updated: 0, unchanged: 0, moved: 0, duplicates: 0, invalid: 0, errors: 0 } });
    expect(done.log).toContain('looking for video files');
    expect(done.log).toContain('found 2: 2 new, 0 updated, 0 unchanged, 0 moved, 0 duplicates, 0 invalid, 0 vanished, 0 errors');
    const view = await t.app.inject({ url: `/api/library/scans/${scan.jobId}`, headers: admin });
    expect(view.json()).toMatchObject({ jobId: scan.jobId, status: 'completed', progress: 100, roots: [root], summary: { new: 2, errors: 0 }, error: null });
    expect(view.json().finishedAt).toEqual(expect.any(String));
    expect((await t.app.inject({ url: '/api/library/scans', headers: admin })).json().scans[0].jobId).toBe(scan.jobId);
    expect((await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: {} })).statusCode).toBe(202);
  });

  it('refuses roots that are missing or outside the library before enqueueing anything', async () => {
    const count = async () => (await t.app.inject({ url: '/api/jobs?type=scan', headers: admin })).json().total as number;
    const before = await count();
    // Cancel the scan the previous test left waiting, so a refusal below is about the roots.
    const waiting = (await t.app.inject({ url: '/api/library/scans?limit=1', headers: admin })).json().scans[0];
    if (waiting?.status === 'queued') await t.app.inject({ method: 'POST', url: `/api/jobs/${waiting.jobId}/cancel`, headers: admin });

    const outside = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: { roots: ['/etc'] } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toContain('not inside a library root');
    const missing = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: { roots: [path.join(root, 'no-such-folder')] } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'NOT_A_DIRECTORY' });
    symlinkSync('/etc', path.join(root, 'etc-link'));
    const viaLink = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: { roots: [path.join(root, 'etc-link')] } });
    expect(viaLink.statusCode).toBe(400);
    rmSync(path.join(root, 'etc-link'));
    expect((await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: { roots: 'inbox' } })).statusCode).toBe(400);
    expect(await count()).toBe(before);

    const inside = await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: { roots: [path.join(root, 'curated')] } });
    expect(inside.statusCode).toBe(202);
    expect(inside.json().roots).toEqual([path.join(root, 'curated')]);
    await t.app.inject({ method: 'POST', url: `/api/jobs/${inside.json().jobId}/cancel`, headers: admin });

    expect((await t.app.inject({ method: 'POST', url: '/api/library/scan', headers: user, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/library/scans/not-an-id', headers: admin })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/library/scans/999999', headers: admin })).json()).toMatchObject({ code: 'SCAN_NOT_FOUND' });
  });

  it('starts one scan when several requests race for it', async () => {
    const active = (await t.app.inject({ url: '/api/library/scans?limit=5', headers: admin })).json().scans as Array<{ jobId: number; status: string }>;
    for (const s of active.filter((x) => x.status === 'queued' || x.status === 'running')) {
      await t.app.inject({ method: 'POST', url: `/api/jobs/${s.jobId}/cancel`, headers: admin });
    }
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'POST', url: '/api/library/scan', headers: admin, payload: {} })));
    const started = answers.filter((a) => a.statusCode === 202);
    expect(started.length).toBe(1);
    const winner = started[0]!.json().jobId as number;
    for (const a of answers.filter((x) => x.statusCode !== 202)) {
      expect(a.statusCode).toBe(409);
      expect(a.json()).toMatchObject({ code: 'SCAN_RUNNING', details: { jobId: winner } });
    }
    // Bringing back an older scan while this one waits is refused the same way.
    const cancelled = (await t.app.inject({ url: '/api/jobs?type=scan&status=cancelled', headers: admin })).json().jobs as Array<{ id: number }>;
    expect(cancelled.length).toBeGreaterThan(0);
    const retried = await t.app.inject({ method: 'POST', url: `/api/jobs/${cancelled[0]!.id}/retry`, headers: admin });
    expect(retried.statusCode).toBe(409);
    expect(retried.json()).toMatchObject({ code: 'JOB_ALREADY_ACTIVE' });
    await t.app.inject({ method: 'POST', url: `/api/jobs/${winner}/cancel`, headers: admin });
  });

  it('lists with search, filters and pagination', async () => {
    const all = (await t.app.inject({ url: '/api/videos', headers: admin })).json();
    expect(all).toMatchObject({ total: 2, limit: 50, offset: 0 });
    for (const v of all.videos) ids[v.filename] = v.id;
    const search = (await t.app.inject({ url: '/api/videos?search=BEACH', headers: admin })).json();
    expect(search.videos.map((v: { filename: string }) => v.filename)).toEqual(['Beach Day.mp4']);
    expect(search.videos[0]).toMatchObject({ title: 'Beach Day', thumbnailUrl: `/media/${ids['Beach Day.mp4']}/thumbnail`, streamUrl: `/media/${ids['Beach Day.mp4']}/stream` });
    const portrait = (await t.app.inject({ url: '/api/videos?orientation=portrait&directoryType=curated&isValid=true', headers: admin })).json();
    expect(portrait.videos.map((v: { filename: string }) => v.filename)).toEqual(['tall.mp4']);
    const page = (await t.app.inject({ url: '/api/videos?limit=1&offset=1', headers: admin })).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.videos).toHaveLength(1);
    const bad = await t.app.inject({ url: '/api/videos?limit=500', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('limit');
    expect((await t.app.inject({ url: '/api/videos?orientation=sideways', headers: admin })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/videos' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/videos', headers: user })).statusCode).toBe(403);
  });

  it('reads and edits a video; publishing stamps publishedAt; a new directory type moves the file', async () => {
    const id = ids['Beach Day.mp4']!;
    expect((await t.app.inject({ url: `/api/videos/${id}`, headers: admin })).json()).toMatchObject({ id, directoryType: 'inbox', published: false });
    expect((await t.app.inject({ url: '/api/videos/999999', headers: admin })).json()).toMatchObject({ error: 'Video not found' });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/videos/${id}`, headers: admin, payload: { title: 'Beach', tags: ['sea', 'sun'], published: true, isHero: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Beach', tags: ['sea', 'sun'], published: true, isHero: true });
    expect(patched.json().publishedAt).toEqual(expect.any(String));
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/videos/${id}`, headers: admin, payload: { directoryType: 'highlights', standardizeName: true } });
    expect(moved.json()).toMatchObject({ directoryType: 'highlights', filename: 'beach-240p.mp4', originalFilename: 'Beach Day.mp4', originalPath: path.join(root, 'inbox', 'Beach Day.mp4') });
    expect(existsSync(path.join(root, 'highlights', 'beach-240p.mp4'))).toBe(true);
    expect(existsSync(path.join(root, 'inbox', 'Beach Day.mp4'))).toBe(false);
    // Its captions went with it.
    expect(moved.json().captionsUrl).toBe(`/media/${id}/captions`);
    expect(existsSync(path.join(root, 'highlights', 'beach-240p.vtt'))).toBe(true);
    const badCategory = await t.app.inject({ method: 'PATCH', url: `/api/videos/${id}`, headers: admin, payload: { categoryId: 9999 } });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().error).toContain('categoryId');
    const badField = await t.app.inject({ method: 'PATCH', url: `/api/videos/${id}`, headers: admin, payload: { directoryType: 'attic' } });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error).toContain('directoryType');
  });

  it('refuses to overwrite when organizing', async () => {
    const id = ids['tall.mp4']!;
    mkdirSync(path.join(root, 'private'), { recursive: true });
    writeFileSync(path.join(root, 'private', 'tall.mp4'), 'occupied');
    const res = await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [id], action: 'move', directoryType: 'private' } });
    expect(res.json()).toMatchObject({ action: 'move', succeeded: [], failed: [{ id, error: expect.stringContaining('already exists') }] });
    expect(readFileSync(path.join(root, 'private', 'tall.mp4'), 'utf8')).toBe('occupied');
    expect(existsSync(path.join(root, 'curated', 'tall.mp4'))).toBe(true);
  });

  it('applies bulk actions', async () => {
    const tall = ids['tall.mp4']!;
    const beach = ids['Beach Day.mp4']!;
    const lock = await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [tall, 424242], action: 'lock', reason: 'review' } });
    expect(lock.json()).toMatchObject({ succeeded: [tall], failed: [{ id: 424242, error: 'Video not found' }] });
    expect((await t.app.inject({ url: `/api/videos/${tall}`, headers: admin })).json()).toMatchObject({ locked: true, lockedReason: 'review' });
    await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [tall], action: 'publish' } });
    const pub = (await t.app.inject({ url: `/api/videos/${tall}`, headers: admin })).json();
    expect(pub.published).toBe(true);
    expect(pub.publishedAt).toEqual(expect.any(String));
    await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [beach], action: 'unpublish' } });
    expect((await t.app.inject({ url: `/api/videos/${beach}`, headers: admin })).json()).toMatchObject({ published: false, publishedAt: null });
    const badAction = await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [tall], action: 'explode' } });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().error).toContain('action');
    const noDir = await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [tall], action: 'move' } });
    expect(noDir.statusCode).toBe(400);
    expect(noDir.json().error).toContain('directoryType');
  });

  it('streams bytes with Range, and only to those allowed', async () => {
    const beach = ids['Beach Day.mp4']!;
    const tall = ids['tall.mp4']!; // published but locked
    const file = readFileSync(path.join(root, 'highlights', 'beach-240p.mp4'));
    expect((await t.app.inject({ url: `/media/${beach}/stream` })).json()).toMatchObject({ error: 'Media not found' });
    expect((await t.app.inject({ url: `/media/${tall}/stream` })).json()).toMatchObject({ error: 'Media is locked' });
    expect((await t.app.inject({ url: `/media/${beach}/stream?token=garbage` })).statusCode).toBe(401);

    const full = await t.app.inject({ url: `/media/${beach}/stream?token=${adminToken}` });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('video/mp4');
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.rawPayload.equals(file)).toBe(true);

    const head = await t.app.inject({ method: 'HEAD', url: `/media/${beach}/stream`, headers: admin });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(file.length));
    const part = await t.app.inject({ url: `/media/${beach}/stream`, headers: { ...admin, range: 'bytes=100-1099' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${file.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.rawPayload.equals(file.subarray(100, 1100))).toBe(true);
    const suffix = await t.app.inject({ url: `/media/${beach}/stream`, headers: { ...admin, range: 'bytes=-500' } });
    expect(suffix.rawPayload.equals(file.subarray(file.length - 500))).toBe(true);
    const open = await t.app.inject({ url: `/media/${beach}/stream`, headers: { ...admin, range: `bytes=${file.length - 10}-` } });
    expect(open.rawPayload.equals(file.subarray(file.length - 10))).toBe(true);
    for (const bad of [`bytes=${file.length}-`, 'bytes=500-100', 'bytes=abc', 'bytes=-0']) {
      const res = await t.app.inject({ url: `/media/${beach}/stream`, headers: { ...admin, range: bad } });
      expect(res.statusCode, bad).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${file.length}`);
    }

    await t.app.inject({ method: 'POST', url: '/api/videos/bulk', headers: admin, payload: { ids: [beach], action: 'publish' } });
    const pub = await t.app.inject({ url: `/media/${beach}/stream`, headers: { range: 'bytes=0-9' } });
    expect(pub.statusCode).toBe(206);
    const thumb = await t.app.inject({ url: `/media/${beach}/thumbnail` });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    const captions = await t.app.inject({ url: `/media/${beach}/captions` });
    expect(captions.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(captions.body).toContain('Waves');
    expect((await t.app.inject({ url: `/media/${ids['tall.mp4']}/captions`, headers: admin })).statusCode).toBe(404);
  });

  it('serves HLS files of the video and nothing outside its folder', async () => {
    const beach = ids['Beach Day.mp4']!;
    const dir = path.join(t.dataDir, 'hls', String(beach));
    mkdirSync(path.join(dir, 'v0'), { recursive: true });
    writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\nv0/index.m3u8\n');
    writeFileSync(path.join(dir, 'v0', 'seg0.ts'), Buffer.alloc(188, 0x47));
    writeFileSync(path.join(t.dataDir, 'secret.txt'), 'TOPSECRET-CONTENT');
    const master = await t.app.inject({ url: `/media/${beach}/hls/master.m3u8?token=${adminToken}` });
    expect(master.headers['content-type']).toContain('application/vnd.apple.mpegurl');
    expect(master.body).toContain(`v0/index.m3u8?token=${adminToken}`);
    const seg = await t.app.inject({ url: `/media/${beach}/hls/v0/seg0.ts` });
    expect(seg.statusCode).toBe(200);
    expect(seg.headers['content-type']).toBe('video/mp2t');
    for (const evil of ['../../secret.txt', '..%2F..%2Fsecret.txt', '%2e%2e/%2e%2e/secret.txt', '../../../../../../etc/passwd', 'v0/../../../secret.txt']) {
      const res = await t.app.inject({ url: `/media/${beach}/hls/${evil}` });
      expect(res.statusCode, evil).toBe(404);
      expect(res.body).not.toContain('TOPSECRET');
    }
    // A symlink planted inside the folder does not lead out of it either.
    symlinkSync('/etc/passwd', path.join(dir, 'v0', 'link.ts'));
    expect((await t.app.inject({ url: `/media/${beach}/hls/v0/link.ts` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/media/..%2F..%2Fetc%2Fpasswd/stream' })).statusCode).toBe(400);
  });

  it('uploads: stores a video, refuses non-videos, oversize files and exact duplicates, leaves nothing behind', async () => {
    const src = await makeVideo(path.join(t.dataDir, 'src', 'up.webm'), { width: 160, height: 120, duration: 1, source: 'rgbtestsrc', audio: false });
    const bytes = readFileSync(src);
    const up = multipart('My Upload.webm', bytes, { title: 'Uploaded clip' });
    const created = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, ...up.headers }, payload: up.payload });
    expect(created.statusCode).toBe(201);
    const video = created.json();
    expect(video).toMatchObject({ title: 'Uploaded clip', filename: 'My Upload.webm', directoryType: 'inbox', container: 'webm', width: 160, height: 120, isValid: true });
    expect(video.thumbnailUrl).toBe(`/media/${video.id}/thumbnail`);
    expect(readFileSync(path.join(root, 'inbox', 'My Upload.webm')).equals(bytes)).toBe(true);

    const again = multipart('other name.webm', bytes);
    const dup = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, ...again.headers }, payload: again.payload });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ details: { existingId: video.id } });

    const text = multipart('notes.mp4', Buffer.from('just some text, not a video\n'.repeat(20)));
    const refused = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, ...text.headers }, payload: text.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toContain('not a video');

    const big = multipart('big.mp4', Buffer.concat([bytes.subarray(0, 64), Buffer.alloc(250_000, 1)]));
    const tooBig = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, ...big.headers }, payload: big.payload });
    expect(tooBig.statusCode).toBe(413);
    // Under the early Content-Length check but over the limit once streamed.
    const edge = multipart('edge.mp4', Buffer.alloc(200_000 + 1000, 2));
    const edgeRes = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, ...edge.headers }, payload: edge.payload });
    expect(edgeRes.statusCode).toBe(413);

    expect(readdirSync(path.join(root, '.partial'))).toEqual([]);
    expect(readdirSync(path.join(root, 'inbox')).filter((f) => !f.endsWith('.vtt'))).toEqual(['My Upload.webm']);
    const noFile = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: admin, payload: {} });
    expect(noFile.statusCode).toBe(400);
    const asUser = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...user, ...up.headers }, payload: up.payload });
    expect(asUser.statusCode).toBe(403);
  });

  it('lists duplicate groups and deletes records (the file only when asked)', async () => {
    const dups = await t.app.inject({ url: '/api/videos/duplicates', headers: admin });
    expect(dups.statusCode).toBe(200);
    expect(dups.json()).toMatchObject({ exact: [], near: expect.any(Array) });
    const tall = ids['tall.mp4']!;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/${tall}`, headers: admin })).statusCode).toBe(204);
    expect(existsSync(path.join(root, 'curated', 'tall.mp4'))).toBe(true);
    const beach = ids['Beach Day.mp4']!;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/${beach}?deleteFile=true`, headers: admin })).statusCode).toBe(204);
    expect(existsSync(path.join(root, 'highlights', 'beach-240p.mp4'))).toBe(false);
    expect((await t.app.inject({ url: `/api/videos/${beach}`, headers: admin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/${beach}`, headers: admin })).statusCode).toBe(404);
  });
});
