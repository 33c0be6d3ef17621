// Reconciliation: recounts every counter from its event rows and proves counters equal the
// recount (they are written in one transaction, so a difference means someone edited the
// tables by hand). With `fix`, counters that differ are set to their recount.
import type { Database } from '../../db/client.js';
import { createEngagementRepository, type CounterMismatch } from './engagement.repository.js';

export type ReconcileReport = { mismatches: CounterMismatch[]; fixed: number; remaining: CounterMismatch[] };

const COUNTER_FIELDS = new Set<CounterMismatch['field']>(['view_count', 'upvote_count', 'finish_count', 'total_watch_seconds']);

export async function reconcileCounters(deps: { database: Pick<Database, 'query' | 'db'> }, opts: { fix?: boolean; videoIds?: number[] } = {}): Promise<ReconcileReport> {
  const repo = createEngagementRepository(deps.database);
  const mismatches = await repo.findMismatches(opts.videoIds);
  if (!opts.fix || !mismatches.length) return { mismatches, fixed: 0, remaining: mismatches };
  const ids = [...new Set(mismatches.filter((m) => COUNTER_FIELDS.has(m.field)).map((m) => m.videoId))];
  await repo.resetCounters(ids);
  const remaining = await repo.findMismatches(opts.videoIds);
  return { mismatches, fixed: ids.length, remaining };
}
