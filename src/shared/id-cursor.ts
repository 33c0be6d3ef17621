// Opaque cursors for lists paged by id (newest first): base64url of the last id seen, so
// pages never shift when new rows arrive (they get larger ids and only reach page one).
import { badRequest } from './errors.js';

export const invalidCursor = () => badRequest('cursor is invalid', undefined, 'INVALID_CURSOR');

export const encodeIdCursor = (id: number): string => Buffer.from(`id:${id}`).toString('base64url');

/** The id in a cursor; undefined for none; 400 "cursor is invalid" for anything else. */
export function decodeIdCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const m = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw invalidCursor();
  return id;
}
