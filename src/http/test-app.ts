// Test harness: a real app on a fresh database (PGlite clone or a new PostgreSQL db),
// with helpers to make users and tokens. Used by every route test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../app/config.js';
import { createContext, type AppContext } from '../app/context.js';
import { createTestDatabase } from '../db/test-database.js';
import { createLogger } from '../shared/logger.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createMetricsRegistry } from './plugins/metrics.js';
import { buildApp } from './app.js';
import { createUsersUseCases } from '../modules/users/users.usecases.js';

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  dataDir: string;
  /** Creates a user and returns its bearer token header value and id. */
  login(opts?: { role?: 'admin' | 'user'; email?: string; displayName?: string }): Promise<{ id: number; token: string; auth: { authorization: string } }>;
  close(): Promise<void>;
};

let counter = 0;

/** A context on a fresh database and a temp data dir, for tests that need no HTTP. */
export async function createTestContext(
  env: Record<string, string> = {},
  opts: { clock?: Clock } = {},
): Promise<{ ctx: AppContext; config: Config; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-000',
    REEL_DATA_DIR: dataDir,
    FFMPEG_PATH: process.env.FFMPEG_PATH ?? 'ffmpeg',
    FFPROBE_PATH: process.env.FFPROBE_PATH ?? 'ffprobe',
    ...env,
  });
  const database = await createTestDatabase();
  const ctx = createContext({
    config,
    database,
    logger: createLogger(config.logLevel),
    clock: opts.clock ?? systemClock,
    metrics: createMetricsRegistry(),
  });
  return {
    ctx,
    config,
    dataDir,
    async cleanup() {
      await ctx.stop();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { clock?: Clock; web?: boolean } = {},
): Promise<TestApp> {
  const { ctx, config, dataDir, cleanup } = await createTestContext(env, opts);
  const app = await buildApp(ctx, { web: opts.web ?? false });
  await app.ready();
  const users = createUsersUseCases(ctx);
  return {
    app,
    ctx,
    config,
    dataDir,
    async login(o = {}) {
      const n = ++counter;
      const user = await users.createUser({
        email: o.email ?? `user${n}-${Date.now()}@example.test`,
        password: 'password123',
        displayName: o.displayName ?? `User ${n}`,
        role: o.role ?? 'user',
      });
      const token = app.signToken(user);
      return { id: user.id, token, auth: { authorization: `Bearer ${token}` } };
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
