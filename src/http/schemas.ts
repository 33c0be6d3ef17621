// Schemas shared by every route: the error body, ids in paths, pagination numbers.
import { z } from 'zod';

export const errorSchema = z
  .object({
    error: z.string(),
    code: z.string().optional(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });

/** Standard error responses to spread into a route's `response` map. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
} as const;

/** A positive integer id from a path or query string ("12" → 12). */
export const idParam = (name = 'id') =>
  z.coerce
    .number({ error: `${name} must be a positive integer` })
    .int(`${name} must be a positive integer`)
    .positive(`${name} must be a positive integer`)
    .max(2_147_483_647, `${name} is out of range`);

export const idParams = z.object({ id: idParam('id') });

export const limitQuery = (dflt: number, max: number) =>
  z.coerce.number().int().min(1, `limit must be between 1 and ${max}`).max(max, `limit must be between 1 and ${max}`).default(dflt);
export const offsetQuery = z.coerce.number().int().min(0, 'offset must be 0 or more').max(10_000_000).default(0);

/** Query-string booleans: "true"/"false"/"1"/"0". */
export const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
