// The one place that reads the environment. Parsed once at start; every problem is
// reported in one message naming the variable, so a bad deploy fails loudly and early.
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cpus } from 'node:os';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const intIn = (min: number, max: number, dflt: number) =>
  z.coerce.number().int().min(min).max(max).default(dflt);

export const REACTION_SETS = {
  // seed 003: the media service's catalogue
  media: [
    { type: 'like', emoji: '👍', label: 'Like' },
    { type: 'love', emoji: '❤️', label: 'Love' },
    { type: 'laugh', emoji: '😂', label: 'Laugh' },
    { type: 'wow', emoji: '😮', label: 'Wow' },
    { type: 'sad', emoji: '😢', label: 'Sad' },
    { type: 'angry', emoji: '😠', label: 'Angry' },
  ],
  // seed 001: the post-style catalogue
  post: [
    { type: 'like', emoji: '👍', label: 'Like' },
    { type: 'love', emoji: '❤️', label: 'Love' },
    { type: 'haha', emoji: '😂', label: 'Haha' },
    { type: 'wow', emoji: '😮', label: 'Wow' },
    { type: 'sad', emoji: '😢', label: 'Sad' },
    { type: 'pray', emoji: '🙏', label: 'Pray' },
  ],
} as const;

export type ReactionDef = { type: string; emoji: string; label: string };

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: intIn(0, 65535, 4100),
  HOST: z.string().min(1).default('0.0.0.0'),
  REEL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LIBRARY_ROOTS: csv,
  CORS_ORIGINS: csv,
  MAX_UPLOAD_SIZE_GB: z.coerce.number().positive().max(1024).default(10),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN: z
    .string()
    .regex(/^\d+[smhd]$/, 'must look like 15m, 12h or 7d')
    .default('7d'),
  REGISTRATION: z.enum(['open', 'closed']).default('open'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REACTION_SET: z.enum(['media', 'post']).default('media'),
  VIEW_DEDUPE_WINDOW: z.coerce.number().int().min(0).default(3600),
  SHARE_PLATFORMS: csv,
  CHAT_MAX_ATTACHMENT_MB: z.coerce.number().positive().max(10_240).default(50),
  RATE_LIMIT_ANON_PER_MINUTE: intIn(1, 1_000_000, 600),
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
  WORKER_CPU_SLOTS: intIn(0, 256, Math.max(1, cpus().length)),
  WORKER_ENCODE_SLOTS: intIn(0, 64, 1),
  WORKER_GPU_VRAM_MB: intIn(0, 1_000_000, 0),
  WORKER_NAME: z.string().min(1).optional(),
  WEB_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export type Config = {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  libraryRoots: string[];
  corsOrigins: string[];
  maxUploadBytes: number;
  jwtSecret: string;
  jwtExpiresIn: string;
  registration: 'open' | 'closed';
  admin: { email: string; password: string } | undefined;
  logLevel: Env['LOG_LEVEL'];
  reactions: readonly ReactionDef[];
  viewDedupeWindowSeconds: number;
  sharePlatforms: string[];
  chatMaxAttachmentBytes: number;
  rateLimitAnonPerMinute: number;
  ffmpegPath: string;
  ffprobePath: string;
  worker: { name: string | undefined; cpuSlots: number; encodeSlots: number; gpuVramMb: number };
  webDir: string | undefined;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (result.success) {
    const env = result.data;
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither']);
    }
    return env;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = source[name];
    const shown = value === undefined ? '' : ` (got "${name.includes('SECRET') || name.includes('PASSWORD') ? '***' : value}")`;
    return `${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}

/** A secret generated on first start and kept in the data dir, so tokens survive restarts. */
function persistentJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const dataDir = path.resolve(env.REEL_DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    libraryRoots: env.LIBRARY_ROOTS.map((r) => path.resolve(r)),
    corsOrigins: env.CORS_ORIGINS,
    maxUploadBytes: Math.floor(env.MAX_UPLOAD_SIZE_GB * 1024 ** 3),
    jwtSecret: env.JWT_SECRET ?? persistentJwtSecret(dataDir),
    jwtExpiresIn: env.JWT_EXPIRES_IN,
    registration: env.REGISTRATION,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    logLevel: env.LOG_LEVEL,
    reactions: REACTION_SETS[env.REACTION_SET],
    viewDedupeWindowSeconds: env.VIEW_DEDUPE_WINDOW,
    sharePlatforms: env.SHARE_PLATFORMS.length
      ? env.SHARE_PLATFORMS.map((p) => p.toLowerCase())
      : ['twitter', 'whatsapp', 'facebook', 'linkedin'],
    chatMaxAttachmentBytes: Math.floor(env.CHAT_MAX_ATTACHMENT_MB * 1024 ** 2),
    rateLimitAnonPerMinute: env.RATE_LIMIT_ANON_PER_MINUTE,
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    worker: {
      name: env.WORKER_NAME,
      cpuSlots: env.WORKER_CPU_SLOTS,
      encodeSlots: env.WORKER_ENCODE_SLOTS,
      gpuVramMb: env.WORKER_GPU_VRAM_MB,
    },
    webDir: env.WEB_DIR,
  };
}
