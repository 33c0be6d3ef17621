// Content fingerprints for de-duplication (seed 003, two stages):
// - partial hash: xxh3-64 of the size plus the first and last 64 KiB — a few small reads,
//   enough to group candidates and to recognise a moved file;
// - full hash: xxh3-128 of every byte, computed in worker threads so a multi-GB file never
//   blocks the event loop. @node-rs/xxhash has no streaming
//   128-bit hasher, so files are hashed in 16 MiB chunks and, when there is more than one,
//   the result is xxh3-128 over the chunks' digests (a fixed, documented tree).
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { FileHandle } from 'node:fs/promises';
import { cpus } from 'node:os';
import { xxh3 } from '@node-rs/xxhash';

export const PARTIAL_BYTES = 64 * 1024;
export const FULL_HASH_CHUNK = 16 * 1024 * 1024;

/** Reads the tail (the head is read by the caller, once, for sniffing too) and hashes both. */
export async function partialHash(handle: FileHandle, size: number, head: Buffer): Promise<string> {
  const parts: Buffer[] = [Buffer.from(`${size}:`), head.subarray(0, PARTIAL_BYTES)];
  if (size > PARTIAL_BYTES) {
    const tailLength = Math.min(PARTIAL_BYTES, size - PARTIAL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    parts.push(tail);
  }
  return xxh3.xxh64(Buffer.concat(parts)).toString(16).padStart(16, '0');
}

/** The same tree hash as the workers compute, for buffers already in memory (tests, uploads of small files). */
export function fullHashOfBuffer(data: Buffer): string {
  if (data.length <= FULL_HASH_CHUNK) return hex128(xxh3.xxh128(data));
  const digests: Buffer[] = [];
  for (let off = 0; off < data.length; off += FULL_HASH_CHUNK) digests.push(digestBytes(xxh3.xxh128(data.subarray(off, off + FULL_HASH_CHUNK))));
  return hex128(xxh3.xxh128(Buffer.concat(digests)));
}

function hex128(v: bigint): string {
  return v.toString(16).padStart(32, '0');
}
function digestBytes(v: bigint): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(v >> 64n, 0);
  b.writeBigUInt64BE(v & 0xffffffffffffffffn, 8);
  return b;
}

// Plain CommonJS so it runs the same under tsx, vitest and the compiled build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { xxh3 } = require(workerData.xxhash);
const CHUNK = ${FULL_HASH_CHUNK};
const buf = Buffer.allocUnsafe(CHUNK);
function digestBytes(v) { const b = Buffer.alloc(16); b.writeBigUInt64BE(v >> 64n, 0); b.writeBigUInt64BE(v & 0xffffffffffffffffn, 8); return b; }
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const digests = [];
    let pos = 0;
    for (;;) {
      let filled = 0;
      while (filled < CHUNK) {
        const n = fs.readSync(fd, buf, filled, CHUNK - filled, pos);
        if (n === 0) break;
        filled += n; pos += n;
      }
      if (filled === 0 && digests.length > 0) break;
      digests.push(xxh3.xxh128(buf.subarray(0, filled)));
      if (filled < CHUNK) break;
    }
    const value = digests.length === 1 ? digests[0] : xxh3.xxh128(Buffer.concat(digests.map(digestBytes)));
    parentPort.postMessage({ id, hash: value.toString(16).padStart(32, '0') });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

type Pending = { resolve: (hash: string) => void; reject: (err: Error) => void };

/** A small pool of hashing threads; `close()` ends them. */
export class HashPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: Array<{ id: number; file: string }> = [];
  private pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(4, cpus().length))) {}

  hashFile(file: string): Promise<string> {
    const id = this.nextId++;
    const done = new Promise<string>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, file });
    this.pump();
    return done;
  }

  private spawn(): Worker {
    const xxhash = createRequire(import.meta.url).resolve('@node-rs/xxhash');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { xxhash } });
    worker.on('message', (msg: { id: number; hash?: string; error?: string }) => {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.hash!);
      // Idle threads must not keep a finished CLI alive; busy ones must.
      worker.unref();
      this.idle.push(worker);
      this.pump();
    });
    worker.on('error', (err) => {
      for (const [, p] of this.pending) p.reject(err);
      this.pending.clear();
    });
    this.workers.push(worker);
    return worker;
  }

  private pump() {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.workers.length < this.size ? this.spawn() : undefined);
      if (!worker) return;
      worker.ref();
      worker.postMessage(this.queue.shift()!);
    }
  }

  async close(): Promise<void> {
    const all = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(all.map((w) => w.terminate()));
  }
}
