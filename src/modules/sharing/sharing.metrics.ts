// Prometheus counters for shares (seed 004 §15), kept on the app's registry. Looked up by
// name so every use-case instance on one registry shares the same counters.
import { Counter, type Registry } from 'prom-client';

export type ShareMetrics = {
  shares: Counter<'platform' | 'result'>;
  failures: Counter<'platform' | 'reason'>;
};

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

export function shareMetrics(registry: Registry): ShareMetrics {
  return {
    shares: counter(registry, 'reel_shares_total', 'Share attempts recorded, by platform and result (new or repeat)', ['platform', 'result']),
    failures: counter(registry, 'reel_share_failures_total', 'Refused share attempts, by platform and reason', ['platform', 'reason']),
  };
}
