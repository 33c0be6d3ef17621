// PostgreSQL errors the code reacts to, whichever driver raised them (drizzle wraps the
// driver's error as `cause`).
type PgError = { code?: string; constraint?: string; constraint_name?: string };

const pgErrorOf = (err: unknown): PgError => {
  const e = err as PgError & { cause?: PgError };
  return e?.code ? e : (e?.cause ?? {});
};

/** A unique violation (23505), of `constraint` (index name) when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgErrorOf(err);
  if (e.code !== '23505') return false;
  return constraint === undefined || (e.constraint ?? e.constraint_name) === constraint;
}
