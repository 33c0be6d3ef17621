// Rate limit for anonymous writes (SPEC §3): RATE_LIMIT_ANON_PER_MINUTE per sessionId, or
// per client address when the request has none. Runs once the body is parsed (so its
// sessionId can be the key) but before validation (so floods of bad requests count too).
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../app/config.js';
import { isValidSessionId } from '../../shared/session-id.js';

export function anonymousKey(request: FastifyRequest): string {
  const fromBody = (request.body as { sessionId?: unknown } | undefined)?.sessionId;
  const fromQuery = (request.query as { sessionId?: unknown } | undefined)?.sessionId;
  const sessionId = isValidSessionId(fromBody) ? fromBody : isValidSessionId(fromQuery) ? fromQuery : undefined;
  return sessionId ? `s:${sessionId}` : `ip:${request.ip}`;
}

export const anonRateLimit = (config: Pick<Config, 'rateLimitAnonPerMinute'>) => ({
  rateLimit: {
    max: config.rateLimitAnonPerMinute,
    timeWindow: 60_000,
    hook: 'preValidation' as const,
    keyGenerator: anonymousKey,
  },
});
