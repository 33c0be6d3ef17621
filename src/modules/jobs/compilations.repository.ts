// Compilations: what a compile job produced, from which sources, with which settings.
import { desc, eq } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { compilations } from './jobs.table.js';

export type NewCompilation = typeof compilations.$inferInsert;

export function createCompilationsRepository({ db }: Pick<Database, 'db'>) {
  return {
    async insert(values: NewCompilation, tx: DbOrTx = db) {
      const [row] = await tx.insert(compilations).values(values).returning();
      return row!;
    },
    list: (limit: number, offset: number, tx: DbOrTx = db) =>
      tx.select().from(compilations).orderBy(desc(compilations.id)).limit(limit).offset(offset),
    async findById(id: number, tx: DbOrTx = db) {
      const [row] = await tx.select().from(compilations).where(eq(compilations.id, id)).limit(1);
      return row;
    },
  };
}
