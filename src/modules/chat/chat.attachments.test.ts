import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { fakeMp4, formData, openDm, PNG_1PX } from './test-chat.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['login']>>;
let ann: U, bob: U, cat: U;
let dm: number;

beforeAll(async () => {
  t = await createTestApp({ CHAT_MAX_ATTACHMENT_MB: '0.05' }); // 51 KB
  [ann, bob, cat] = [await t.login(), await t.login(), await t.login()];
  dm = await openDm(t, ann, bob.id);
});
afterAll(() => t.close());

const upload = async (fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }, who: U = ann, id = dm) => {
  const { payload, headers } = await formData(fields, file);
  return t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/attachments`, headers: { ...who.auth, ...headers }, payload });
};
const storedFiles = () => {
  const dir = path.join(t.dataDir, 'chat', String(dm));
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('POST /api/chat/conversations/:id/attachments', () => {
  it('stores an image typed by its bytes and serves it to members and signed URLs only', async () => {
    const res = await upload({ body: 'look' }, { name: 'dot.png', data: PNG_1PX, type: 'application/octet-stream' });
    expect(res.statusCode).toBe(201);
    const msg = res.json();
    expect(msg).toMatchObject({ type: 'image', body: 'look', attachment: { mime_type: 'image/png', size: PNG_1PX.length, filename: 'dot.png' } });
    expect(msg.attachment.url).toMatch(new RegExp(`^/api/chat/attachments/${msg.id}\\?exp=\\d+&sig=`));

    const signed = await t.app.inject({ url: msg.attachment.url });
    expect(signed.statusCode).toBe(200);
    expect(signed.headers['content-type']).toBe('image/png');
    expect(signed.rawPayload.equals(PNG_1PX)).toBe(true);

    const bare = `/api/chat/attachments/${msg.id}`;
    expect((await t.app.inject({ url: bare, headers: bob.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url: bare, headers: cat.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: bare })).statusCode).toBe(401);
    const forged = msg.attachment.url.replace(/sig=./, 'sig=A');
    expect((await t.app.inject({ url: forged, headers: cat.auth })).statusCode).toBe(404);
    const expired = msg.attachment.url.replace(/exp=\d+/, 'exp=1000');
    expect((await t.app.inject({ url: expired })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/chat/attachments/999999', headers: ann.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/chat/attachments/x', headers: ann.auth })).statusCode).toBe(400);
  });

  it('video attachments answer Range requests with 206', async () => {
    const data = fakeMp4(8000);
    const res = await upload({ type: 'video' }, { name: 'clip.mp4', data });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'video', attachment: { mime_type: 'video/mp4' } });
    const url = res.json().attachment.url;
    const part = await t.app.inject({ url, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${data.length}`);
    expect(part.rawPayload.equals(data.subarray(100, 200))).toBe(true);
    const tail = await t.app.inject({ url, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(data.subarray(data.length - 10))).toBe(true);
    const bad = await t.app.inject({ url, headers: { range: 'bytes=99999-' } });
    expect(bad.statusCode).toBe(416);
  });

  it('refuses oversize files with 413 and keeps nothing on disk', async () => {
    const before = storedFiles().length;
    const res = await upload({}, { name: 'big.mp4', data: fakeMp4(60 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/larger than the 0\.05 MB limit/);
    expect(storedFiles().length).toBe(before);
  });

  it('bad uploads → 400 and nothing kept; non-members → 404', async () => {
    const before = storedFiles().length;
    const cases: Array<[Record<string, string>, { name: string; data: Buffer } | undefined, RegExp]> = [
      [{ type: 'video' }, { name: 'dot.png', data: PNG_1PX }, /not a video file \(detected image\/png\)/],
      [{}, { name: 'notes.txt', data: Buffer.from('just some text, not media') }, /not a recognised image, video or audio file/],
      [{ type: 'sticker' }, { name: 'dot.png', data: PNG_1PX }, /type must be one of image, video, audio/],
      [{ body: 'no file' }, undefined, /file is required/],
    ];
    for (const [fields, file, message] of cases) {
      const res = await upload(fields, file);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.json().error).toMatch(message);
    }
    expect(storedFiles().length).toBe(before);
    const json = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${dm}/attachments`, headers: ann.auth, payload: { type: 'image' } });
    expect([json.statusCode, json.json().error]).toEqual([400, 'send the file as multipart/form-data with a `file` field']);
    expect((await upload({}, { name: 'dot.png', data: PNG_1PX }, cat)).statusCode).toBe(404);
    expect(storedFiles().length).toBe(before);
  });
});

describe('default attachment limit (CHAT_MAX_ATTACHMENT_MB=50)', () => {
  it('accepts files well past the 1 MB JSON body limit', async () => {
    const other = await createTestApp();
    try {
      const [x, y] = [await other.login(), await other.login()];
      const id = await openDm(other, x, y.id);
      const data = fakeMp4(3 * 1024 * 1024);
      const { payload, headers } = await formData({}, { name: 'big.mp4', data });
      const res = await other.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/attachments`, headers: { ...x.auth, ...headers }, payload });
      expect(res.statusCode).toBe(201);
      expect(res.json().attachment.size).toBe(data.length);
    } finally {
      await other.close();
    }
  });
});
