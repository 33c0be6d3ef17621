import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../src/http/test-app.js';

describe('library routes in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('documents every library and media route', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/videos', '/api/videos/{id}', '/api/videos/bulk', '/api/videos/upload', '/api/videos/uploads', '/api/videos/uploads/{uploadId}', '/api/videos/duplicates', '/api/library/scan', '/api/library/scans/{scanId}', '/media/{id}/stream', '/media/{id}/thumbnail', '/media/{id}/captions']) {
      expect(paths, p).toContain(p);
    }
  });
});
