// Worker nodes: each process that runs jobs registers its capacity and heartbeats, so the
// queue view can say which node could take a job and why none does.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export type NodeCapacity = { cpuSlots: number; encodeSlots: number; gpuVramMb: number };
export type WorkerNode = NodeCapacity & {
  id: number;
  name: string;
  hostname: string;
  pid: number;
  gpuSource: string;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
  alive: boolean;
};

/** A node that has not heartbeated for this long is considered gone. */
export const NODE_STALE_MS = 30_000;

export function createNodesRepository(database: Database) {
  const q = database.query;
  return {
    async register(n: NodeCapacity & { name: string; hostname: string; pid: number; gpuSource: string }): Promise<void> {
      await q(sql`
        insert into worker_nodes (name, hostname, pid, cpu_slots, encode_slots, gpu_vram_mb, gpu_source, started_at, heartbeat_at, stopped_at)
        values (${n.name}, ${n.hostname}, ${n.pid}, ${n.cpuSlots}, ${n.encodeSlots}, ${n.gpuVramMb}, ${n.gpuSource}, now(), now(), null)
        on conflict (name) do update set hostname = excluded.hostname, pid = excluded.pid, cpu_slots = excluded.cpu_slots,
          encode_slots = excluded.encode_slots, gpu_vram_mb = excluded.gpu_vram_mb, gpu_source = excluded.gpu_source,
          started_at = now(), heartbeat_at = now(), stopped_at = null`);
    },
    async heartbeat(name: string): Promise<void> {
      await q(sql`update worker_nodes set heartbeat_at = now(), stopped_at = null where name = ${name}`);
    },
    async markStopped(name: string): Promise<void> {
      await q(sql`update worker_nodes set stopped_at = now() where name = ${name}`);
    },
    async list(includeGone = false): Promise<WorkerNode[]> {
      const rows = await q<Record<string, unknown>>(sql`
        select *, (stopped_at is null and heartbeat_at > now() - ${NODE_STALE_MS} * interval '1 millisecond') as alive
        from worker_nodes
        where ${includeGone} or (stopped_at is null and heartbeat_at > now() - interval '1 day')
        order by name`);
      return rows.map((r) => ({
        id: Number(r.id),
        name: String(r.name),
        hostname: String(r.hostname),
        pid: Number(r.pid),
        cpuSlots: Number(r.cpu_slots),
        encodeSlots: Number(r.encode_slots),
        gpuVramMb: Number(r.gpu_vram_mb),
        gpuSource: String(r.gpu_source),
        startedAt: new Date(r.started_at as string),
        heartbeatAt: new Date(r.heartbeat_at as string),
        stoppedAt: r.stopped_at ? new Date(r.stopped_at as string) : null,
        alive: Boolean(r.alive),
      }));
    },
  };
}
