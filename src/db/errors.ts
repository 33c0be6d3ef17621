// PostgreSQL errors the code reacts to, whichever driver raised them (drizzle wraps the
// driver's error as `cause`).
type PgError = { code?: string; constraint?: string; constraint_name?: string };

const pgErrorOf = (err: unknown): PgError => {
  const e = err as PgError & { cause?: PgError };
  return e?.code ? e : (e?.cause ?? {});
};

/** The SQLSTATE of a PostgreSQL error, if it is one. */
export const pgErrorCode = (err: unknown): string | undefined => pgErrorOf(err).code;

/** A unique violation (23505), of `constraint` (index name) when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = pgErrorOf(err);
  if (e.code !== '23505') return false;
  return constraint === undefined || (e.constraint ?? e.constraint_name) === constraint;
}
