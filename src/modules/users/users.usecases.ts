// Accounts: register, log in, create admins. Passwords are argon2id hashes; the plain
// text is never stored, logged or returned.
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../../app/context.js';
import { createUsersRepository } from './users.repository.js';
import { emailTaken, invalidCredentials, registrationClosed, userNotFound } from './users.errors.js';
import type { UserRole, UserRow } from './users.table.js';

export type PublicUser = { id: number; email: string; displayName: string; role: UserRole; createdAt: string };

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

const hashPassword = (password: string) => hash(password, { algorithm: 2 /* Algorithm.Argon2id (a const enum) */ });

// Verifying against a real hash even for unknown emails keeps login timing uniform.
let dummyHash: Promise<string> | undefined;

export function createUsersUseCases(ctx: Pick<AppContext, 'database' | 'config' | 'logger'>) {
  const repo = createUsersRepository(ctx.database);

  async function createUser(input: { email: string; password: string; displayName?: string; role?: UserRole }) {
    const email = input.email.trim();
    const row = await repo.insert({
      email,
      displayName: input.displayName?.trim() || email.split('@')[0]!,
      passwordHash: await hashPassword(input.password),
      role: input.role ?? 'user',
    });
    if (!row) throw emailTaken();
    return toPublicUser(row);
  }

  return {
    createUser,

    async register(input: { email: string; password: string; displayName?: string }) {
      if (ctx.config.registration === 'closed') throw registrationClosed();
      return createUser({ ...input, role: 'user' });
    },

    async login(email: string, password: string): Promise<PublicUser> {
      const row = await repo.findByEmail(email.trim());
      if (!row) {
        dummyHash ??= hashPassword('not-a-real-password');
        await verify(await dummyHash, password).catch(() => false);
        throw invalidCredentials();
      }
      const ok = await verify(row.passwordHash, password).catch(() => false);
      if (!ok) throw invalidCredentials();
      return toPublicUser(row);
    },

    async getById(id: number): Promise<PublicUser> {
      const row = await repo.findById(id);
      if (!row) throw userNotFound();
      return toPublicUser(row);
    },

    /** First start: make the configured admin if it does not exist yet. */
    async ensureConfiguredAdmin(): Promise<void> {
      const admin = ctx.config.admin;
      if (!admin) return;
      if (await repo.findByEmail(admin.email)) return;
      await createUser({ email: admin.email, password: admin.password, role: 'admin', displayName: 'Admin' }).catch(
        (err) => {
          if ((err as { code?: string }).code !== 'EMAIL_TAKEN') throw err;
        },
      );
      ctx.logger.info({ email: admin.email }, 'created the configured admin account');
    },

    search: (q: string, limit: number) => repo.search(q, limit),
  };
}
