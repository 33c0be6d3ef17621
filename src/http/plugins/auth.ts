// JWT bearer auth. `authenticate` requires a valid token, `optionalAuth` accepts none but
// rejects a bad one, `requireAdmin` also checks the role (seed 003's names).
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { forbidden, unauthorized } from '../../shared/errors.js';
import type { UserRole } from '../../modules/users/users.table.js';

export type AuthUser = { id: number; role: UserRole; email: string; displayName: string };
type TokenPayload = { sub: string; role: UserRole; email: string; name: string };

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: AuthUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
    optionalAuth: (request: FastifyRequest) => Promise<void>;
    requireAdmin: (request: FastifyRequest) => Promise<void>;
    signToken: (user: AuthUser) => string;
    verifyToken: (token: string) => AuthUser;
  }
}

export async function registerAuth(app: FastifyInstance, opts: { secret: string; expiresIn: string }): Promise<void> {
  await app.register(fastifyJwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.expiresIn },
    formatUser: (p) => ({ id: Number(p.sub), role: p.role, email: p.email, displayName: p.name }),
  });

  app.decorate('signToken', (user: AuthUser) =>
    app.jwt.sign({ sub: String(user.id), role: user.role, email: user.email, name: user.displayName }),
  );
  app.decorate('verifyToken', (token: string) => {
    const p = app.jwt.verify<TokenPayload>(token);
    return { id: Number(p.sub), role: p.role, email: p.email, displayName: p.name };
  });

  // A client sends the same token with every request: it is verified once (signature and
  // claims) and the user it names is remembered, keyed by the exact token text, until the
  // token expires. A hit costs one map lookup instead of a decode, a hash and an HMAC.
  const verified = new LRUCache<string, { user: AuthUser; expiresAt: number }>({ max: 10_000 });
  const verify = async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const hit = token ? verified.get(token) : undefined;
    if (hit && Date.now() < hit.expiresAt) {
      request.user = hit.user;
      return;
    }
    try {
      await request.jwtVerify();
      // jwtVerify answers with the user (formatUser), not the claims: exp is read off the token.
      const exp = token ? app.jwt.decode<{ exp?: number }>(token)?.exp : undefined;
      if (token && exp) verified.set(token, { user: request.user, expiresAt: exp * 1000 });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') throw unauthorized('Token expired', 'TOKEN_EXPIRED');
      if (code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER') throw unauthorized('Authentication required');
      throw unauthorized('Invalid token', 'INVALID_TOKEN');
    }
  };
  app.decorate('authenticate', verify);
  app.decorate('optionalAuth', async (request: FastifyRequest) => {
    if (request.headers.authorization) await verify(request);
  });
  app.decorate('requireAdmin', async (request: FastifyRequest) => {
    await verify(request);
    if (request.user.role !== 'admin') throw forbidden('Admin role required', 'ADMIN_REQUIRED');
  });
}

/** The signed-in user or undefined (for routes behind optionalAuth). */
export function currentUser(request: FastifyRequest): AuthUser | undefined {
  return (request as { user?: AuthUser | null }).user ?? undefined;
}
