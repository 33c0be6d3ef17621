import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../src/http/test-app.js';
import { makeVideo } from '../fixtures/make-video.js';

describe('resumable uploads', () => {
  let t: TestApp;
  let root: string;
  let admin: { authorization: string };
  let bytes: Buffer;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'reel-resume-'));
    t = await createTestApp({ LIBRARY_ROOTS: root, MAX_UPLOAD_SIZE_GB: String(2_000_000 / 1024 ** 3) });
    admin = (await t.login({ role: 'admin' })).auth;
    bytes = readFileSync(await makeVideo(path.join(t.dataDir, 'src', 'clip.mp4'), { duration: 1, source: 'testsrc2' }));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const chunk = (id: string, offset: number, body: Buffer) =>
    t.app.inject({ method: 'PATCH', url: `/api/videos/uploads/${id}`, headers: { ...admin, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, payload: body });

  it('takes a file in chunks, resumes from the reported offset, then indexes it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/videos/uploads', headers: admin, payload: { filename: 'Long Film.mp4', size: bytes.length, title: 'Long film' } });
    expect(created.statusCode).toBe(201);
    const { uploadId } = created.json();
    const third = Math.floor(bytes.length / 3);

    const first = await chunk(uploadId, 0, bytes.subarray(0, third));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ offset: third, size: bytes.length });
    expect(first.headers['upload-offset']).toBe(String(third));

    // A client that lost track sends the wrong offset: told where the upload is.
    const wrong = await chunk(uploadId, 0, bytes.subarray(0, 10));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().details).toEqual({ offset: third });
    expect((await t.app.inject({ url: `/api/videos/uploads/${uploadId}`, headers: admin })).json()).toMatchObject({ offset: third });

    // More than the declared size is refused and the chunk dropped.
    const over = await chunk(uploadId, third, Buffer.concat([bytes.subarray(third), Buffer.alloc(100)]));
    expect(over.statusCode).toBe(413);
    expect((await t.app.inject({ url: `/api/videos/uploads/${uploadId}`, headers: admin })).json()).toMatchObject({ offset: third });

    expect((await chunk(uploadId, third, bytes.subarray(third, 2 * third))).statusCode).toBe(200);
    const last = await chunk(uploadId, 2 * third, bytes.subarray(2 * third));
    expect(last.statusCode).toBe(201);
    expect(last.json().video).toMatchObject({ title: 'Long film', filename: 'Long Film.mp4', directoryType: 'inbox', isValid: true, width: 320 });
    expect(readFileSync(path.join(root, 'inbox', 'Long Film.mp4')).equals(bytes)).toBe(true);
    expect((await t.app.inject({ url: `/api/videos/uploads/${uploadId}`, headers: admin })).statusCode).toBe(404);
    expect(readdirSync(path.join(root, '.partial'))).toEqual([]);
  });

  it('accepts chunks and multipart files larger than the JSON body limit', async () => {
    const big = Buffer.concat([bytes, Buffer.alloc(1_500_000 - bytes.length, 0)]);
    const s = (await t.app.inject({ method: 'POST', url: '/api/videos/uploads', headers: admin, payload: { filename: 'padded.mp4', size: big.length + 10 } })).json();
    const res = await chunk(s.uploadId, 0, big);
    expect(res.statusCode).toBe(200);
    expect(res.json().offset).toBe(big.length);
    await t.app.inject({ method: 'DELETE', url: `/api/videos/uploads/${s.uploadId}`, headers: admin });

    const boundary = 'reelboundary42';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="padded.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
      big,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({ method: 'POST', url: '/api/videos/upload', headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(up.statusCode).toBe(201);
    expect(up.json().fileSize).toBe(big.length);
  });

  it('refuses sizes over the limit up front, bad headers, and cleans up cancelled or refused uploads', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/videos/uploads', headers: admin, payload: { filename: 'big.mp4', size: 2_100_000 } });
    expect(big.statusCode).toBe(413);
    const s = (await t.app.inject({ method: 'POST', url: '/api/videos/uploads', headers: admin, payload: { filename: 'x.mp4', size: 50 } })).json();
    const noOffset = await t.app.inject({ method: 'PATCH', url: `/api/videos/uploads/${s.uploadId}`, headers: { ...admin, 'content-type': 'application/offset+octet-stream' }, payload: Buffer.alloc(5) });
    expect(noOffset.statusCode).toBe(400);
    expect(noOffset.json().error).toContain('Upload-Offset');
    const text = await chunk(s.uploadId, 0, Buffer.from('not a video, just fifty bytes of plain text here!!'));
    expect(text.statusCode).toBe(400);
    expect(existsSync(path.join(root, '.partial', s.uploadId))).toBe(false);

    const c = (await t.app.inject({ method: 'POST', url: '/api/videos/uploads', headers: admin, payload: { filename: 'y.mp4', size: 50 } })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/uploads/${c.uploadId}`, headers: admin })).statusCode).toBe(204);
    expect(readdirSync(path.join(root, '.partial'))).toEqual([]);
    expect((await t.app.inject({ url: '/api/videos/uploads/00000000-0000-4000-8000-000000000000', headers: admin })).statusCode).toBe(404);
  });
});
