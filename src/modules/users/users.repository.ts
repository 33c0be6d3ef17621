import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { users, type UserRole, type UserRow } from './users.table.js';

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository({ db }: { db: Db }) {
  return {
    async findByEmail(email: string, tx: DbOrTx = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
      return row;
    },
    async findById(id: number, tx: DbOrTx = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      return row;
    },
    /** Inserts unless the email is taken (any case); returns undefined on conflict. */
    async insert(
      input: { email: string; displayName: string; passwordHash: string; role: UserRole },
      tx: DbOrTx = db,
    ): Promise<UserRow | undefined> {
      const [row] = await tx.insert(users).values(input).onConflictDoNothing().returning();
      return row;
    },
    async countAdmins(tx: DbOrTx = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, 'admin'));
      return row?.n ?? 0;
    },
    async listByIds(ids: number[], tx: DbOrTx = db) {
      if (ids.length === 0) return [];
      return tx
        .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role })
        .from(users)
        .where(sql`${users.id} = any(${sql.param(ids)}::int[])`);
    },
    async search(q: string, limit: number, tx: DbOrTx = db) {
      return tx
        .select({ id: users.id, displayName: users.displayName, email: users.email })
        .from(users)
        .where(sql`lower(${users.displayName}) like ${'%' + q.toLowerCase() + '%'} or lower(${users.email}) like ${'%' + q.toLowerCase() + '%'}`)
        .orderBy(users.displayName)
        .limit(limit);
    },
  };
}
