import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext } from '../../http/test-app.js';
import type { AppContext } from '../../app/context.js';
import type { Database } from '../../db/client.js';
import type { PGlite } from '@electric-sql/pglite';
import { createMetricsRegistry } from '../../http/plugins/metrics.js';
import { insertVideo } from '../gallery/test-videos.js';
import { createEngagementWriter } from './engagement.writer.js';

let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.cleanup());

/** The database, with `before` awaited ahead of every statement the writer sends to the driver. */
function interceptWrites(database: Database, before: (text: string) => Promise<void>): Database {
  if (database.pglite) {
    const pglite = database.pglite;
    const query = async (text: string, params?: unknown[]) => {
      await before(text);
      return pglite.query(text, params);
    };
    return { ...database, pglite: { query } as unknown as PGlite };
  }
  const client = (database.db as unknown as { $client: { unsafe(text: string, params: unknown[], o: unknown): Promise<unknown> } }).$client;
  const unsafe = async (text: string, params: unknown[], o: unknown) => {
    await before(text);
    return client.unsafe(text, params, o);
  };
  return { ...database, db: { $client: { unsafe } } as unknown as Database['db'] };
}

/** A second writer on the same database, as another instance would have. */
const writerOf = (ctx: AppContext) => createEngagementWriter({ ...ctx, metrics: createMetricsRegistry() });

describe('engagement writer without transactions', () => {
  it('re-plans a batch whose watch session another instance wrote since it was read', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    const other = writerOf(t.ctx);
    const at = Date.now();
    const report = (i: number) => ({ kind: 'watch' as const, videoId: id, sessionId: 'shared-session-1', seconds: 10, position: 10 * (i + 1), at: at + i * 10_000 });
    expect(await other.submit(report(0))).toMatchObject({ creditedSeconds: 10 });
    // This instance's first write of the session finds that the other instance wrote it
    // after this one read it.
    let interleaved = false;
    const beforeWrite = async (text: string) => {
      if (interleaved || !text.includes('insert into video_watch_sessions')) return;
      interleaved = true;
      expect(await other.submit(report(2))).toMatchObject({ creditedSeconds: 10 });
    };
    const mine = writerOf({ ...t.ctx, database: interceptWrites(t.ctx.database, beforeWrite) });
    const result = await mine.submit(report(1));
    await Promise.all([mine.close(), other.close()]);
    expect(interleaved).toBe(true);
    // Re-planned from the state the other instance left: report 1 came before report 2.
    expect(result).toMatchObject({ creditedSeconds: 1 });
    const [row] = await t.ctx.database.query<{ session: string; events: string; counter: string }>(
      sql`select (select total_seconds from video_watch_sessions where video_id = ${id}) as session,
                 (select sum(credited_seconds) from video_watch_events where video_id = ${id}) as events,
                 (select total_watch_seconds from video_stats where video_id = ${id}) as counter`,
    );
    expect([Number(row!.session), Number(row!.events), Number(row!.counter)]).toEqual([21, 21, 21]);
  });

  it('credits successive reports of one session written in successive batches', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    const w = writerOf(t.ctx);
    const at = Date.now();
    const first = w.submit({ kind: 'watch', videoId: id, sessionId: 'one-process-1', seconds: 5, position: 5, at });
    await new Promise((r) => setTimeout(r, 3)); // the first batch is being written
    const second = w.submit({ kind: 'watch', videoId: id, sessionId: 'one-process-1', seconds: 5, position: 10, at: at + 5_000 });
    const results = await Promise.all([first, second]);
    await w.close();
    expect(results.map((r) => (r.kind === 'watch' ? r.creditedSeconds : -1))).toEqual([5, 5]);
    const [row] = await t.ctx.database.query<{ total_seconds: string }>(sql`select total_seconds from video_watch_sessions where video_id = ${id}`);
    expect(Number(row!.total_seconds)).toBe(10);
  });

  it('writes a batch whose videos and sessions it already knows as one statement', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    const statements: string[] = [];
    // PGlite also sees one PREPARE per statement shape, the first time it is used.
    const w = writerOf({ ...t.ctx, database: interceptWrites(t.ctx.database, async (text) => void (/^prepare /i.test(text) || statements.push(text))) });
    const at = Date.now();
    await w.submit({ kind: 'watch', videoId: id, sessionId: 'known-1', seconds: 5, position: 5, at });
    expect(statements.length).toBe(2); // the video's facts are read once
    await w.submit({ kind: 'watch', videoId: id, sessionId: 'known-1', seconds: 5, position: 10, at: at + 5_000 });
    await w.submit({ kind: 'upvote', videoId: id, sessionId: 'known-1', on: true });
    const view = await w.submit({ kind: 'view', videoId: id, viewer: 'known-1' });
    await w.close();
    expect(statements.length).toBe(5);
    expect(view).toMatchObject({ kind: 'view', row: { id, duration_seconds: 600 }, counts: { upvoteCount: 1, totalWatchTime: 10 } });
  });

  it('refuses writes on a video locked or unpublished since the writer last read it, and takes them again once it is back', async () => {
    const id = await insertVideo(t.ctx.database, { durationSeconds: 600 });
    const w = writerOf(t.ctx);
    const upvote = (sessionId: string) => w.submit({ kind: 'upvote', videoId: id, sessionId, on: true }).catch((err: unknown) => err);
    expect(await upvote('lock-1')).toMatchObject({ kind: 'upvote', counts: { upvoteCount: 1 } });
    // An admin on another instance locks it: this writer still remembers it as open.
    await t.ctx.database.query(sql`update videos set locked = true where id = ${id}`);
    expect(await upvote('lock-2')).toMatchObject({ status: 403, message: 'Media is locked' });
    await t.ctx.database.query(sql`update videos set locked = false, published = false where id = ${id}`);
    expect(await upvote('lock-3')).toMatchObject({ status: 404, message: 'Media not found' });
    await t.ctx.database.query(sql`update videos set published = true where id = ${id}`);
    expect(await upvote('lock-4')).toMatchObject({ kind: 'upvote', counts: { upvoteCount: 2 } });
    await t.ctx.database.query(sql`delete from videos where id = ${id}`);
    expect(await upvote('lock-5')).toMatchObject({ status: 404 });
    await w.close();
  });
});
