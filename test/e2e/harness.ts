// Runs a real `reel serve` for browser tests: a fresh data dir (PGlite) or a fresh database
// on DATABASE_URL, a library folder of generated tiny videos, a random free port, the built
// web UI; and a headless Debian Chromium driven by playwright-core (never a downloaded one).
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { chromium, type Browser } from 'playwright-core';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ADMIN = { email: 'admin@reel.test', password: 'admin-password-1' };

/** Why the browser suite cannot run here, or undefined when it can (checked synchronously for describe.skipIf). */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const ffmpeg = spawnSync(process.env.FFMPEG_PATH ?? 'ffmpeg', ['-version'], { stdio: 'ignore' });
  if (ffmpeg.status !== 0) return 'ffmpeg is not installed';
  return undefined;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than the UI's sources. */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(ROOT, 'web/dist/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web/src')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  await run('npm', ['run', 'build:web'], { cwd: ROOT, timeout: 180_000 });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A fresh, empty database on the PostgreSQL server named by DATABASE_URL. */
async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `reel_e2e_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type Reel = {
  url: string;
  libraryDir: string;
  database: 'pglite' | 'postgres';
  logs: () => string;
  stop: () => Promise<void>;
};

/** Starts `reel serve` (from dist/ when built and current, else through tsx) and waits until it answers. */
export async function startReel(libraryDir: string, extraEnv: Record<string, string> = {}): Promise<Reel> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-e2e-data-'));
  const port = await freePort();
  const pg = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    REEL_DATA_DIR: dataDir,
    LIBRARY_ROOTS: libraryDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    VIEW_DEDUPE_WINDOW: '3600',
    WORKER_CPU_SLOTS: '2',
    WORKER_ENCODE_SLOTS: '1',
    ...extraEnv,
  };
  if (pg) env.DATABASE_URL = pg.url;
  else delete env.DATABASE_URL;

  const built = path.join(ROOT, 'dist/cli/main.js');
  const useDist = process.env.REEL_E2E_USE_DIST === '1' && existsSync(built);
  const child: ChildProcess = useDist
    ? spawn(process.execPath, [built, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`reel serve exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`reel serve did not become ready in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    libraryDir,
    database: pg ? 'postgres' : 'pglite',
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await pg?.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** JSON over HTTP against the running server, for setup and for checking what the UI did. */
export async function apiCall<T>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(base + url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export const libraryTempDir = () => mkdtempSync(path.join(tmpdir(), 'reel-e2e-lib-'));

/** Saves a screenshot for the README as a small palette PNG (ffmpeg quantizes it). */
export async function saveScreenshot(png: Buffer, name: string): Promise<string> {
  const out = path.join(ROOT, 'docs/screenshots', `${name}.png`);
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(path.dirname(out), { recursive: true });
  const raw = `${out}.raw.png`;
  await writeFile(raw, png);
  try {
    await run(process.env.FFMPEG_PATH ?? 'ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y', '-i', raw,
      '-vf', 'split[a][b];[a]palettegen=max_colors=192:stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=4',
      out,
    ]);
  } finally {
    rmSync(raw, { force: true });
  }
  return out;
}
