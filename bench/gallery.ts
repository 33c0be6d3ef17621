// Gallery deep pages: page 2,000 (24 per page) over 1M published videos, keyset cursor vs
// OFFSET, for each sort, through the real repository query: timed per call (what a
// request waits, driver included) and by the database's own execution time. Two OFFSET
// references: Reel's own offset mode (which skips rows on the narrow index alone and joins
// only the 24 it keeps) and the plain `ORDER BY … OFFSET` query over the same tables and
// indexes, which joins every row it skips. PGlite by default; a fresh
// database on PostgreSQL when DATABASE_URL is set.
//   npx tsx bench/gallery.ts          (VIDEOS=1000000 PAGE=2000 to change)
import { sql, type SQL } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite, openPostgres, PGLITE_EXTENSIONS, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { withDatabaseName } from '../src/db/test-database.js';
import { createGalleryRepository, pageQuery } from '../src/modules/gallery/gallery.repository.js';
import { GALLERY_SORTS, type GallerySort } from '../src/modules/gallery/gallery.cursor.js';

const VIDEOS = Number(process.env.VIDEOS ?? 1_000_000);
const PAGE = Number(process.env.PAGE ?? 2000);
const LIMIT = 24;
const pgUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-bench-gallery-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(fn: () => Promise<unknown>, budgetMs: number, maxRuns: number) {
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (times.length < maxRuns && performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), runs: times.length };
}

/** The database's own execution time of a query (EXPLAIN ANALYZE, median of `runs`), without driver round trips. */
async function executionMs(database: Database, query: SQL, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const rows = await database.query<Record<string, unknown>>(sql`explain (analyze, format json) ${query}`);
    const cell = Object.values(rows[0]!)[0];
    const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ 'Execution Time': number }>;
    times.push(plan[0]!['Execution Time']);
  }
  return median(times);
}

async function open(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (!pgUrl) {
    const pglite = new PGlite(path.join(dataDir, 'pglite'), { extensions: PGLITE_EXTENSIONS });
    await pglite.waitReady;
    return { database: fromPglite(pglite), cleanup: async () => {} };
  }
  const name = `reel_bench_gallery_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return {
    database: openPostgres(withDatabaseName(pgUrl, name), { max: 2 }),
    cleanup: async () => {
      const a = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The textbook OFFSET page: one query, joined before it is ordered and skipped. */
function plainOffsetQuery(sort: GallerySort, offset: number) {
  const count = sort === 'popular' ? 's.upvote_count desc, ' : sort === 'most_viewed' ? 's.view_count desc, ' : '';
  return sql.raw(`select s.video_id as id, v.filename, v.title, v.tags, c.slug as category, c.name as category_name,
      v.duration_seconds, v.quality, v.orientation, v.thumbnail_path is not null as has_thumbnail,
      s.view_count, s.upvote_count, s.comment_count, v.locked, v.is_hero, v.created_at
    from video_stats s join videos v on v.id = s.video_id left join video_categories c on c.id = s.category_id
    where s.listed order by ${count}s.created_at desc, s.video_id desc limit ${LIMIT} offset ${offset}`);
}

/** 1M published videos and their counters, generated in SQL. */
async function seed(database: Database) {
  const t0 = performance.now();
  await database.query(sql`insert into video_categories (name, slug, sort_order) select 'Cat ' || g, 'cat-' || g, g from generate_series(1, 10) g`);
  const statsIndexes = await database.query<{ name: string; def: string }>(
    sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'video_stats' and indexname <> 'video_stats_pkey'`,
  );
  // Seeding speed only, in this throw-away database: the per-row trigger that keeps
  // video_stats in step is skipped (its rows are generated below with the same values),
  // the videos table's secondary indexes (search, de-dup; unused here) are dropped, and
  // video_stats' indexes are rebuilt from their own definitions after the bulk insert.
  await database.db.transaction(async (tx) => {
    await database.query(sql`set local session_replication_role = replica`, tx);
    const videoIndexes = await database.query<{ name: string }>(
      sql`select indexname as name from pg_indexes where tablename = 'videos' and indexname <> 'videos_pkey'`,
      tx,
    );
    for (const { name } of videoIndexes) await database.query(sql.raw(`drop index "${name}"`), tx);
    for (const { name } of statsIndexes) await database.query(sql.raw(`drop index "${name}"`), tx);
    await database.query(
      sql`insert into videos (id, path, filename, title, duration_seconds, quality, orientation, published, category_id, created_at)
          select g, '/bench/v' || g || '.mp4', 'v' || g || '.mp4', 'Video ' || g, 30 + g % 600, '1080p',
                 case when g % 5 = 0 then 'portrait' else 'landscape' end, true,
                 (select id from video_categories order by id limit 1) + g % 10,
                 timestamptz '2026-01-01' - make_interval(secs => (g::bigint * 7919) % 31536000)
          from generate_series(1, ${VIDEOS}) g`,
      tx,
    );
    // Skewed counters with many ties, so the created_at/id tie-breaks matter.
    await database.query(
      sql`insert into video_stats (video_id, view_count, upvote_count, listed, category_id, orientation, created_at)
          select id, (1000000 / (1 + (id::bigint * 31) % 5000))::bigint, ((id::bigint * 17) % 97)::bigint, true, category_id, orientation, created_at
          from videos`,
      tx,
    );
  });
  for (const { def } of statsIndexes) await database.query(sql.raw(def));
  await database.query(sql`select setval(pg_get_serial_sequence('videos', 'id'), ${VIDEOS})`);
  // As autovacuum leaves a table after a bulk load: statistics gathered and the visibility
  // map set, so an index-only scan (the OFFSET mode's skip) reads no table pages. Without it
  // the OFFSET side would also pay a heap fetch per skipped row and look slower than it is.
  await database.query(sql`vacuum analyze videos`);
  await database.query(sql`vacuum analyze video_stats`);
  console.log(`  seeded ${VIDEOS.toLocaleString('en')} videos in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  const { database, cleanup } = await open();
  console.log(`gallery page ${PAGE} (${LIMIT} per page) on ${database.kind}`);
  await migrate(database);
  await seed(database);
  const repo = createGalleryRepository(database);
  const offset = (PAGE - 1) * LIMIT;
  const goal = database.kind === 'pglite' ? 40 : 150;
  const ratios: number[] = [];
  const execRatios: number[] = [];
  const plainRatios: number[] = [];
  for (const sort of GALLERY_SORTS as readonly GallerySort[]) {
    // The keyset cursor of page 2,000 is the last row of page 1,999.
    const [prev] = await repo.listPage({ sort, limit: 1, offset: offset - 1 });
    const after = {
      count: sort === 'popular' ? Number(prev!.upvote_count) : sort === 'most_viewed' ? Number(prev!.view_count) : undefined,
      createdAt: prev!.created_us,
      id: prev!.id,
    };
    const byOffset = await repo.listPage({ sort, limit: LIMIT, offset });
    const byKeyset = await repo.listPage({ sort, limit: LIMIT, offset: 0, after });
    const same = JSON.stringify(byOffset.map((r) => r.id)) === JSON.stringify(byKeyset.map((r) => r.id));
    const o = await timeIt(() => repo.listPage({ sort, limit: LIMIT, offset }), 8000, 30);
    const k = await timeIt(() => repo.listPage({ sort, limit: LIMIT, offset: 0, after }), 2000, 300);
    const ratio = o.median / k.median;
    ratios.push(ratio);
    const eo = await executionMs(database, pageQuery({ sort, limit: LIMIT, offset }), 7);
    const ek = await executionMs(database, pageQuery({ sort, limit: LIMIT, offset: 0, after }), 7);
    execRatios.push(eo / ek);
    const plainRows = await database.query<{ id: number }>(plainOffsetQuery(sort, offset));
    const samePlain = JSON.stringify(plainRows.map((r) => Number(r.id))) === JSON.stringify(byKeyset.map((r) => Number(r.id)));
    const ep = await executionMs(database, plainOffsetQuery(sort, offset), 3);
    plainRatios.push(ep / ek);
    console.log(
      `  ${sort.padEnd(12)} call: OFFSET ${o.median.toFixed(2).padStart(8)} ms (${o.runs} runs)  keyset ${k.median.toFixed(3).padStart(7)} ms (${k.runs} runs) ${ratio.toFixed(0).padStart(5)}×` +
        `   | execution: OFFSET ${eo.toFixed(2).padStart(7)} ms  keyset ${ek.toFixed(3).padStart(6)} ms ${(eo / ek).toFixed(0).padStart(5)}×` +
        `   | plain OFFSET query ${ep.toFixed(1).padStart(7)} ms ${(ep / ek).toFixed(0).padStart(6)}×   same rows: ${same && samePlain ? 'yes' : 'NO'}`,
    );
    if (!same || !samePlain) process.exitCode = 1;
  }
  const lowestPlain = Math.min(...plainRatios);
  console.log(
    `  keyset vs the OFFSET query, database execution time: lowest ${lowestPlain.toFixed(0)}× ` +
      `(goal ≥ ${goal}× on ${database.kind}: ${lowestPlain >= goal ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  keyset vs Reel's own offset mode (skips on the index alone, joins only its 24 rows): lowest ` +
      `${Math.min(...execRatios).toFixed(0)}× in execution time, ${Math.min(...ratios).toFixed(0)}× per call (driver round trip included)`,
  );
  await database.close();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
