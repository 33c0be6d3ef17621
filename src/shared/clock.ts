// Injected where time matters (leases, dedupe windows, rate caps) so tests can move it.
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
