// Waiting reasons: what the jobs page tells an admin about a job that is not running.
import { describe, expect, it } from 'vitest';
import { emptyUsage, waitingReason, type NodeState } from './capacity.js';

const now = new Date('2026-01-01T00:00:00Z');
const job = (over: Partial<Parameters<typeof waitingReason>[0]> = {}) => ({ status: 'queued', resourceCategory: 'cpu' as const, vramRequired: 0, runAt: now, attempts: 0, maxAttempts: 3, ...over });
const node = (over: Partial<NodeState> = {}): NodeState => ({ name: 'n', cpuSlots: 2, encodeSlots: 1, gpuVramMb: 0, usage: emptyUsage(), ...over });

describe('waitingReason', () => {
  it('explains the wait in the order a person asks', () => {
    expect(waitingReason(job(), [], 1, now)).toBe('no worker is running');
    expect(waitingReason(job({ resourceCategory: 'gpu_ai', vramRequired: 6000 }), [node()], 1, now)).toBe('no worker offers gpu_ai');
    expect(waitingReason(job({ resourceCategory: 'gpu_ai', vramRequired: 6000 }), [node({ gpuVramMb: 2000 }), node({ name: 'm', gpuVramMb: 8000, usage: { ...emptyUsage(), vram: 7000, gpuAi: 1 } })], 1, now)).toBe(
      'waiting for 6000 MB VRAM, 2000 MB free on the largest node',
    );
    expect(waitingReason(job(), [node({ usage: { ...emptyUsage(), cpu: 2 } })], 1, now)).toBe('waiting for a free cpu slot (2 of 2 busy)');
    expect(waitingReason(job(), [node({ usage: { ...emptyUsage(), cpu: 1 } })], 3, now)).toBe('2 jobs ahead in cpu');
    expect(waitingReason(job(), [node()], 1, now)).toBe('about to start');
    expect(waitingReason(job({ resourceCategory: 'gpu_encode' }), [node({ encodeSlots: 0 })], 1, now)).toBe('no worker offers gpu_encode');
    expect(waitingReason(job({ status: 'pending', runAt: new Date(now.getTime() + 5000), attempts: 1 }), [node()], 1, now)).toBe(
      'retrying after a failure (attempt 2 of 3) at 2026-01-01T00:00:05.000Z',
    );
  });
});
