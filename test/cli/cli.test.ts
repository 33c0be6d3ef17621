// The binary as a user runs it: config errors, the data-dir lock, user creation,
// migrations, start-up and graceful shutdown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database.js';
import { freePort, reel, waitFor } from './helpers.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-cli-'));
let db: TestDatabase | undefined;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  // On PostgreSQL runs the CLI gets a fresh database of its own; on PGlite, the data dir.
  if (process.env.DATABASE_URL) db = await createTestDatabase();
  env = { REEL_DATA_DIR: dataDir, DATABASE_URL: db?.url ?? '' };
});
afterAll(async () => {
  await db?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reel CLI', () => {
  it('stops with one line naming each bad variable', async () => {
    const run = reel(['serve'], { ...env, PORT: 'abc', REGISTRATION: 'sometimes' });
    expect(await run.exited).toBe(2);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(lines[0]).toMatch(/REGISTRATION/);
  });

  it('migrates, creates an admin, refuses a duplicate', async () => {
    const m = reel(['migrate'], env);
    expect(await m.exited).toBe(0);
    const c = reel(['user', 'create', '--email', 'root@example.test', '--password', 'secret-pass', '--admin'], env);
    expect(await c.exited).toBe(0);
    expect(c.output()).toMatch(/created admin root@example.test/);
    const again = reel(['user', 'create', '--email', 'ROOT@example.test', '--password', 'secret-pass'], env);
    expect(await again.exited).toBe(2);
    expect(again.output()).toMatch(/already exists/);
  });

  it('serves, logs in the CLI-made admin, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = reel(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'root@example.test', password: 'secret-pass' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');

      if (!process.env.DATABASE_URL) {
        // A second process on the same PGlite directory must refuse, not corrupt it.
        const second = reel(['serve'], { ...env, PORT: String(await freePort()) });
        expect(await second.exited).toBe(2);
        expect(second.output()).toMatch(/in use by another Reel process/);
      }
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
  });
});
