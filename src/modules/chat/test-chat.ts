// Small builders shared by the chat and realtime tests (excluded from the build as test-*.ts).
import type { TestApp } from '../../http/test-app.js';

/** A 1×1 PNG. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** An MP4 `ftyp` box followed by filler: enough for content sniffing to say video/mp4. */
export function fakeMp4(size = 4096): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(512, 12);
  ftyp.write('isommp42', 16, 'latin1');
  const filler = Buffer.alloc(size - 24);
  for (let i = 0; i < filler.length; i++) filler[i] = i % 251;
  return Buffer.concat([ftyp, filler]);
}

/** A multipart/form-data body for app.inject, built by the platform's own encoder. */
export async function formData(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

/** Opens (or finds) the DM between two test users and returns its id. */
export async function openDm(t: TestApp, from: { auth: Record<string, string> }, toUserId: number): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/chat/conversations', headers: from.auth, payload: { user_id: toUserId } });
  if (res.statusCode >= 300) throw new Error(`openDm failed: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}
