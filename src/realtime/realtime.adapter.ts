// Cross-instance delivery on PostgreSQL: the socket.io Postgres adapter (LISTEN/NOTIFY,
// with large payloads parked in `socket_io_attachments`). It speaks node-postgres, so it
// gets a small pool of its own.
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from '../shared/logger.js';

export const ATTACHMENTS_TABLE = 'socket_io_attachments';

export async function createPostgresAdapter(url: string, logger: Logger) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client losing its connection must not crash the process; the adapter reconnects.
  pool.on('error', (err) => logger.warn({ err }, 'realtime: postgres pool error'));
  const client = await pool.connect();
  try {
    // Two instances starting together must not race on CREATE TABLE.
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('reel:${ATTACHMENTS_TABLE}'))`);
    await client.query(`create table if not exists ${ATTACHMENTS_TABLE} (
      id bigserial unique,
      created_at timestamptz default now(),
      payload bytea
    )`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  const adapter = createAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    errorHandler: (err) => logger.warn({ err }, 'realtime: postgres adapter error'),
  });
  return { adapter, pool };
}
