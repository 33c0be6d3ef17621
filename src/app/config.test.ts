import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from './config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reel-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ REEL_DATA_DIR: dir });
    expect(c.port).toBe(4100);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.maxUploadBytes).toBe(10 * 1024 ** 3);
    expect(c.registration).toBe('open');
    expect(c.reactions.map((r) => r.type)).toEqual(['like', 'love', 'laugh', 'wow', 'sad', 'angry']);
    expect(c.sharePlatforms).toEqual(['twitter', 'whatsapp', 'facebook', 'linkedin']);
    expect(c.viewDedupeWindowSeconds).toBe(3600);
  });

  it('lists every bad variable in one message, naming each', () => {
    const p = problems({ PORT: 'abc', DATABASE_URL: 'mysql://x', REGISTRATION: 'maybe', MAX_UPLOAD_SIZE_GB: '-1' });
    expect(p).toHaveLength(4);
    expect(p.join('\n')).toMatch(/^PORT: /m);
    expect(p.join('\n')).toMatch(/^DATABASE_URL: .*postgres/m);
    expect(p.join('\n')).toMatch(/^REGISTRATION: /m);
    expect(p.join('\n')).toMatch(/^MAX_UPLOAD_SIZE_GB: /m);
  });

  it('never echoes a secret back', () => {
    const p = problems({ JWT_SECRET: 'short-secret' });
    expect(p.join()).toMatch(/JWT_SECRET/);
    expect(p.join()).not.toContain('short-secret');
  });

  it('wants both admin variables or neither', () => {
    expect(problems({ ADMIN_EMAIL: 'a@b.test' }).join()).toMatch(/ADMIN_EMAIL and ADMIN_PASSWORD/);
  });

  it('switches the reaction catalogue', () => {
    expect(loadConfig({ REEL_DATA_DIR: dir, REACTION_SET: 'post' }).reactions.map((r) => r.type)).toContain('pray');
  });

  it('generates a JWT secret once and keeps it in the data dir', () => {
    const a = loadConfig({ REEL_DATA_DIR: dir }).jwtSecret;
    const b = loadConfig({ REEL_DATA_DIR: dir }).jwtSecret;
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8').trim()).toBe(a);
  });
});
