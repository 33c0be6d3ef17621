// Anonymous viewers are identified by a client-made sessionId (seed 003: crypto.randomUUID()).
import { z } from 'zod';

export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** zod schema for a sessionId field; the message is the seed's when it is missing. */
export const sessionIdSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'sessionId is required' : 'sessionId must be a string') })
  .regex(SESSION_ID_PATTERN, 'sessionId must be 8-128 characters of A-Z, a-z, 0-9, _ or -');

export function isValidSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value);
}
