import SwaggerParser from '@apidevtools/swagger-parser';
import Fastify from 'fastify';
import { registerErrorHandling } from './plugins/errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ CORS_ORIGINS: 'https://allowed.example' });
});
afterAll(() => t.close());

describe('http foundation', () => {
  it('answers health on the seed path and the probes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/videos/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json().status).toBe('ok');
  });

  it('serves a valid OpenAPI 3 document listing every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    await SwaggerParser.validate(structuredClone(doc));
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p}`);
    }
    // Every API route the app has must be in the document (HEAD twins and hidden routes aside).
    const expected = t.app.routeList
      .filter((r) => !r.hidden && r.method !== 'HEAD' && r.url.startsWith('/api/'))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    expect(expected.length).toBeGreaterThan(3);
    for (const key of expected) expect(documented, `${key} missing from /docs/json`).toContain(key);
    expect(documented).toContain('POST /api/auth/login');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatch(/not found/);
  });

  it('allows listed origins and requests without an Origin, refuses others', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://allowed.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://allowed.example');
    const none = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(none.statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exports Prometheus metrics with HTTP durations by route', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(res.body).toMatch(/process_cpu_seconds_total/);
  });

  it('hides internal error text and keeps the request id', async () => {
    const boom = Fastify({ logger: false });
    registerErrorHandling(boom);
    boom.get('/api/test-boom', async () => {
      throw new Error('secret internals');
    });
    const res = await boom.inject({ method: 'GET', url: '/api/test-boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'Internal server error', code: 'INTERNAL', requestId: expect.any(String) });
    expect(res.body).not.toContain('secret internals');
  });
});

