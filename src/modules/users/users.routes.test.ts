import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../http/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('auth', () => {
  it('registers, logs in and answers /me', async () => {
    const reg = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'Ann@Example.test', password: 'correct-horse', displayName: 'Ann' } });
    expect(reg.statusCode).toBe(201);
    const body = reg.json();
    expect(body.user).toMatchObject({ email: 'Ann@Example.test', displayName: 'Ann', role: 'user' });
    expect(JSON.stringify(body)).not.toContain('correct-horse');
    expect(body.user.passwordHash).toBeUndefined();

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ann@example.test', password: 'correct-horse' } });
    expect(login.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('Ann@Example.test');
  });

  it('refuses a duplicate email in any case with 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'ANN@example.test', password: 'whatever123' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatch(/already exists/);
  });

  it('gives one message for a wrong password and an unknown email', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ann@example.test', password: 'nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'who@example.test', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toBe(unknown.json().error);
  });

  it('rejects missing, tampered and expired tokens with 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const { token } = await t.login();
    const tampered = token.slice(0, -3) + (token.endsWith('aaa') ? 'bbb' : 'aaa');
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${tampered}` } });
    expect(res.statusCode).toBe(401);
    const expired = t.app.jwt.sign({ sub: '1', role: 'user', email: 'x@y.z', name: 'x' }, { expiresIn: -10 } as never);
    const res2 = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res2.statusCode).toBe(401);
    expect(res2.json().error).toBe('Token expired');
  });

  it('stops accepting a token it has already verified once the token expires', async () => {
    const { token } = await t.login();
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200); // remembered as verified
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 400 * 24 * 3600 * 1000);
      const res = await me();
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('Token expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('validates bodies with field names', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'not-an-email', password: 'short' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/email/);
    expect(res.json().error).toMatch(/password/);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('Malformed JSON in request body');
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 5, password: [] } });
    expect(wrongType.statusCode).toBe(400);
  });
});

describe('closed registration', () => {
  it('refuses to register with 403', async () => {
    const closed = await createTestApp({ REGISTRATION: 'closed' });
    try {
      const res = await closed.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'a@b.test', password: 'password123' } });
      expect(res.statusCode).toBe(403);
    } finally {
      await closed.close();
    }
  });
});
