// One pool of hashing threads per running app, started on first use and ended at stop:
// scans and uploads share it, and only the first full hash pays for starting the threads.
import type { AppContext } from '../../app/context.js';
import { HashPool } from '../../media/hash.js';

const pools = new WeakMap<AppContext, HashPool>();

export function hashPoolFor(ctx: AppContext): HashPool {
  let pool = pools.get(ctx);
  if (!pool) {
    const created = new HashPool();
    pools.set(ctx, created);
    ctx.onStop(async () => {
      pools.delete(ctx);
      await created.close();
    });
    pool = created;
  }
  return pool;
}
