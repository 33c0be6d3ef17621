// Video categories (seed 002): name, unique slug, sort order, active flag.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { videoCategories } from '../library/library.table.js';

export type CategoryRow = typeof videoCategories.$inferSelect;
export type CategoryInput = { name: string; slug: string; sortOrder?: number; isActive?: boolean };

export function createCategoriesRepository(database: Pick<Database, 'db'>) {
  const { db } = database;
  return {
    list: (onlyActive: boolean) =>
      db
        .select()
        .from(videoCategories)
        .where(onlyActive ? eq(videoCategories.isActive, true) : undefined)
        .orderBy(asc(videoCategories.sortOrder), asc(videoCategories.name), asc(videoCategories.id)),

    async findById(id: number): Promise<CategoryRow | undefined> {
      const [row] = await db.select().from(videoCategories).where(eq(videoCategories.id, id)).limit(1);
      return row;
    },

    async findBySlug(slug: string): Promise<CategoryRow | undefined> {
      const [row] = await db.select().from(videoCategories).where(eq(videoCategories.slug, slug)).limit(1);
      return row;
    },

    /** Returns undefined when the slug is taken. */
    async insert(input: CategoryInput): Promise<CategoryRow | undefined> {
      try {
        const [row] = await db.insert(videoCategories).values(input).returning();
        return row;
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },

    /** Returns 'conflict' when the new slug is taken, undefined when the id is unknown. */
    async update(id: number, patch: Partial<CategoryInput>): Promise<CategoryRow | undefined | 'conflict'> {
      try {
        const [row] = await db
          .update(videoCategories)
          .set({ ...patch, updatedAt: new Date() })
          .where(eq(videoCategories.id, id))
          .returning();
        return row;
      } catch (err) {
        if (isUniqueViolation(err)) return 'conflict';
        throw err;
      }
    },

    async remove(id: number): Promise<boolean> {
      const rows = await db.delete(videoCategories).where(eq(videoCategories.id, id)).returning({ id: videoCategories.id });
      return rows.length > 0;
    },
  };
}
