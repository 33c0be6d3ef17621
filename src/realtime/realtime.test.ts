import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import { insertVideo } from '../../test/fixtures/insert-video.js';
import { openDm } from '../modules/chat/test-chat.js';
import { connectClient, listenWithRealtime, nextEvent, type ClientSocket } from './test-realtime.js';

let t: TestApp;
let port: number;
let close: () => Promise<void>;
type U = Awaited<ReturnType<TestApp['login']>>;
let ann: U, bob: U, cat: U, admin: U;
const sockets: ClientSocket[] = [];
const client = async (u: U | undefined) => {
  const s = await connectClient(port, u?.token);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  t = await createTestApp();
  const rt = await listenWithRealtime(t.app, t.ctx);
  port = rt.port;
  close = rt.realtime.close;
  [ann, bob, cat, admin] = [await t.login(), await t.login(), await t.login(), await t.login({ role: 'admin' })];
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await close();
  await t.close();
});

const noEvent = async (socket: ClientSocket, event: 'message:new' | 'job:updated', ms = 300) => {
  let got = false;
  const h = () => {
    got = true;
  };
  socket.on(event, h);
  await new Promise((r) => setTimeout(r, ms));
  socket.off(event, h);
  return !got;
};

describe('socket.io handshake', () => {
  it('refuses a missing or invalid token', async () => {
    await expect(connectClient(port, undefined)).rejects.toThrow('Authentication required');
    await expect(connectClient(port, 'not-a-jwt')).rejects.toThrow('Invalid token');
    const forged = ann.token.slice(0, -4) + 'AAAA';
    await expect(connectClient(port, forged)).rejects.toThrow('Invalid token');
  });

  it('accepts the API token and answers a ping', async () => {
    const s = await client(ann);
    const pong = await new Promise<{ now: string }>((resolve) => s.emit('ping', resolve));
    expect(Date.parse(pong.now)).toBeGreaterThan(0);
  });
});

describe('delivery', () => {
  it('a new message reaches every open socket of every member at once, and no one else', async () => {
    const id = await openDm(t, ann, bob.id);
    const [bob1, bob2, annSocket, catSocket] = [await client(bob), await client(bob), await client(ann), await client(cat)];
    const arrivals = [nextEvent(bob1, 'message:new'), nextEvent(bob2, 'message:new'), nextEvent(annSocket, 'message:new')];
    const catQuiet = noEvent(catSocket, 'message:new');
    const res = await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/messages`, headers: ann.auth, payload: { body: 'hi bob' } });
    expect(res.statusCode).toBe(201);
    for (const m of await Promise.all(arrivals)) expect(m).toEqual(res.json());
    expect(await catQuiet).toBe(true);
  });

  it('shared videos arrive with their card; read markers and new conversations are announced', async () => {
    const video = await insertVideo(t.ctx.database, { title: 'Live' });
    const dave = await t.login();
    const daveSocket = await client(dave);
    const created = nextEvent(daveSocket, 'conversation:new');
    const id = await openDm(t, ann, dave.id);
    expect(await created).toMatchObject({ id, type: 'dm' });
    const arrived = nextEvent(daveSocket, 'message:new');
    await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/messages`, headers: ann.auth, payload: { type: 'shared_video', shared_video_id: video.id } });
    expect((await arrived).shared_video).toMatchObject({ id: video.id, title: 'Live' });
    const annSocket = await client(ann);
    const read = nextEvent(annSocket, 'conversation:read');
    await t.app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/read`, headers: dave.auth });
    expect(await read).toMatchObject({ conversation_id: id, user_id: dave.id });
  });

  it('job updates reach admins only', async () => {
    const [adminSocket, userSocket] = [await client(admin), await client(bob)];
    const got = nextEvent(adminSocket, 'job:updated');
    const quiet = noEvent(userSocket, 'job:updated');
    t.ctx.events.emit('job.updated', { id: 7, status: 'running', progress: 40, type: 'generate_gif' });
    expect(await got).toEqual({ id: 7, status: 'running', progress: 40, type: 'generate_gif' });
    expect(await quiet).toBe(true);
  });
});
