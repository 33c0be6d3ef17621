// What a node can run and why a waiting job is not running: pure functions over node
// capacity and what each node is running, so the queue view and the tests agree.
import { execFile } from 'node:child_process';
import type { ResourceCategory } from '../modules/jobs/jobs.table.js';
import type { NodeCapacity } from './nodes.repository.js';

export type Usage = { cpu: number; encode: number; gpuAi: number; vram: number };
export const emptyUsage = (): Usage => ({ cpu: 0, encode: 0, gpuAi: 0, vram: 0 });

/** gpu_ai jobs are bounded by VRAM; this caps how many share one card. */
export const GPU_AI_MAX_CONCURRENT = 4;

export function offers(node: NodeCapacity, category: ResourceCategory): boolean {
  if (category === 'cpu') return node.cpuSlots > 0;
  if (category === 'gpu_encode') return node.encodeSlots > 0;
  return node.gpuVramMb > 0;
}

export function slotsFor(node: NodeCapacity, category: ResourceCategory): number {
  if (category === 'cpu') return node.cpuSlots;
  if (category === 'gpu_encode') return node.encodeSlots;
  return node.gpuVramMb > 0 ? GPU_AI_MAX_CONCURRENT : 0;
}

export function usedSlots(usage: Usage, category: ResourceCategory): number {
  return category === 'cpu' ? usage.cpu : category === 'gpu_encode' ? usage.encode : usage.gpuAi;
}

export function addUsage(usage: Usage, category: ResourceCategory, vram: number, sign: 1 | -1): void {
  if (category === 'cpu') usage.cpu += sign;
  else if (category === 'gpu_encode') usage.encode += sign;
  else usage.gpuAi += sign;
  usage.vram += sign * vram;
}

export type NodeState = NodeCapacity & { name: string; usage: Usage };
export type WaitingJob = {
  status: string;
  resourceCategory: ResourceCategory;
  vramRequired: number;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
};

/**
 * The human reason a job is still waiting, checked in the order a person would ask:
 * is anyone there, does anyone offer this kind of work, is there enough VRAM, is a slot
 * free, is it next.
 */
export function waitingReason(job: WaitingJob, nodes: NodeState[], position: number, now: Date): string {
  if (job.status === 'pending' && job.runAt > now) {
    return `retrying after a failure (attempt ${job.attempts + 1} of ${job.maxAttempts}) at ${job.runAt.toISOString()}`;
  }
  if (!nodes.length) return 'no worker is running';
  const offering = nodes.filter((n) => offers(n, job.resourceCategory));
  if (!offering.length) return `no worker offers ${job.resourceCategory}`;
  if (job.vramRequired > 0) {
    const freeVram = Math.max(...offering.map((n) => n.gpuVramMb - n.usage.vram));
    if (freeVram < job.vramRequired) return `waiting for ${job.vramRequired} MB VRAM, ${Math.max(0, freeVram)} MB free on the largest node`;
  }
  const total = offering.reduce((s, n) => s + slotsFor(n, job.resourceCategory), 0);
  const busy = offering.reduce((s, n) => s + Math.min(usedSlots(n.usage, job.resourceCategory), slotsFor(n, job.resourceCategory)), 0);
  const free = total - busy;
  if (free <= 0) return `waiting for a free ${job.resourceCategory} slot (${busy} of ${total} busy)`;
  if (position > free) return `${position - free} job${position - free === 1 ? '' : 's'} ahead in ${job.resourceCategory}`;
  return 'about to start';
}

/** VRAM of the first GPU according to nvidia-smi, or undefined when there is none. */
export function detectGpuVramMb(timeoutMs = 3000): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=memory.total', '--format=csv,noheader,nounits'], { timeout: timeoutMs }, (err, stdout) => {
      if (err) return resolve(undefined);
      const mb = stdout
        .split('\n')
        .map((l) => Number.parseInt(l.trim(), 10))
        .filter((n) => Number.isFinite(n) && n > 0);
      resolve(mb.length ? Math.max(...mb) : undefined);
    });
  });
}
