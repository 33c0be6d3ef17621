import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../http/test-app.js';
import { insertVideo } from '../gallery/test-videos.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '3' });
});
afterAll(() => t.close());

describe('anonymous write rate limit and flush metrics', () => {
  it('answers 429 past RATE_LIMIT_ANON_PER_MINUTE per sessionId, others unaffected', async () => {
    const id = await insertVideo(t.ctx.database);
    const vote = (sessionId: string) => t.app.inject({ method: 'POST', url: `/api/media/public/${id}/upvote`, payload: { sessionId } });
    for (let i = 0; i < 3; i++) expect((await vote('limited-session-1')).statusCode).toBe(200);
    const over = await vote('limited-session-1');
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatch(/Too many requests/);
    expect((await vote('limited-session-2')).statusCode).toBe(200);
    // Without a sessionId the client address is the key (and the body is still validated).
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'POST', url: `/api/media/public/${id}/finish`, payload: {}, remoteAddress: '10.9.9.9' });
    expect((await t.app.inject({ method: 'POST', url: `/api/media/public/${id}/finish`, payload: {}, remoteAddress: '10.9.9.9' })).statusCode).toBe(429);
  });

  it('exports the counter flush lag on /metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/reel_counter_flush_lag_seconds_count \d+/);
    expect(res.body).toMatch(/reel_counter_flush_pending_age_seconds 0/);
  });
});
