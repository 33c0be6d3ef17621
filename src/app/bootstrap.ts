// Opens what a process needs — config, logger, database (locked and migrated), context —
// for every mode (serve, worker, migrate, user, scan).
import path from 'node:path';
import type { Config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { openPglite, openPostgres, type Database } from '../db/client.js';
import { lockDataDir } from '../db/lock.js';
import { migrate } from '../db/migrate.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { systemClock } from '../shared/clock.js';
import { createMetricsRegistry } from '../http/plugins/metrics.js';

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = await lockDataDir(config.dataDir, (err) => {
    logger.fatal({ err }, 'lost the lock on the data directory; stopping to avoid corruption');
    process.exit(1);
  });
  try {
    const db = await openPglite(path.join(config.dataDir, 'pglite'));
    const close = db.close;
    return { ...db, close: async () => { await close(); await release(); } };
  } catch (err) {
    await release();
    throw err;
  }
}

export async function bootstrap(config: Config, opts: { migrate?: boolean; logger?: Logger } = {}): Promise<AppContext> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  if (opts.migrate !== false) await migrate(database);
  const ctx = createContext({ config, database, logger, clock: systemClock, metrics: createMetricsRegistry() });
  ctx.onStop(() => database.close());
  return ctx;
}
