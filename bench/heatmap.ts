// Heatmap over 1M moment reactions on one video: served from the per-second pre-aggregate
// (the real getHeatmap use case) vs a raw GROUP BY over moment_reactions, in one process.
// Runs on PGlite, and also on PostgreSQL when DATABASE_URL is set.
//   npx tsx bench/heatmap.ts            (REACTIONS=1000000 DURATION=1800 OTHER_BUCKETS=120 to change)
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadConfig } from '../src/app/config.js';
import { fromPglite, openPostgres, PGLITE_EXTENSIONS, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { withDatabaseName } from '../src/db/test-database.js';
import { getHeatmap } from '../src/modules/reactions/reactions.usecases.js';
import { assembleHeatmap } from '../src/modules/reactions/reactions.timeline.js';
import { HEATMAP_SLICES, REACTION_SLOTS } from '../src/modules/reactions/reactions.table.js';

const REACTIONS = Number(process.env.REACTIONS ?? 1_000_000);
const DURATION = Number(process.env.DURATION ?? 1800);
// The default resolution is served from the slices; any other from the per-second rows.
const OTHER_BUCKETS = Number(process.env.OTHER_BUCKETS ?? 120);
const USERS = 1000;

const dataDir = mkdtempSync(path.join(tmpdir(), 'reel-bench-heatmap-'));
const config = loadConfig({ REEL_DATA_DIR: dataDir, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent' });
const types = config.reactions.map((r) => r.type);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(label: string, fn: () => Promise<unknown>, opts: { runs: number; budgetMs: number }) {
  await fn(); // warm-up: plans cached, pages in memory
  const times: number[] = [];
  const start = Date.now();
  while (times.length < opts.runs && (times.length < 3 || Date.now() - start < opts.budgetMs)) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(ms(t0));
  }
  const m = median(times);
  console.log(`  ${label.padEnd(34)} median ${m.toFixed(2).padStart(9)} ms  (${times.length} runs)`);
  return m;
}

async function seed(database: Database): Promise<number> {
  const t0 = process.hrtime.bigint();
  await database.query(sql`
    insert into users (email, display_name, password_hash)
    select 'bench' || g || '@example.test', 'Bench ' || g, 'x' from generate_series(1, ${USERS}) g`);
  const [video] = await database.query<{ id: number }>(sql`
    insert into videos (path, filename, title, duration_seconds, published)
    values ('/bench/heatmap.mp4', 'heatmap.mp4', 'Heatmap bench', ${DURATION}, true) returning id`);
  const videoId = video!.id;
  const [{ first }] = (await database.query<{ first: number }>(sql`select min(id)::int as first from users`)) as [{ first: number }];
  // Reactions cluster around a few moments (what a heatmap is for) over a uniform floor.
  const typeArray = `{${types.join(',')}}`;
  // Seeding speed only: foreign keys hold by construction, so their per-row triggers are
  // skipped (replica role, this transaction only), and the secondary indexes are dropped
  // and rebuilt from their own definitions around the bulk insert.
  const indexDefs = await database.query<{ name: string; def: string }>(
    sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'moment_reactions' and indexname <> 'moment_reactions_pkey'`,
  );
  await database.db.transaction(async (tx) => {
    await database.query(sql`set local session_replication_role = replica`, tx);
    for (const { name } of indexDefs) await database.query(sql.raw(`drop index "${name}"`), tx);
    await database.query(
      sql`
    insert into moment_reactions (user_id, video_id, reaction_type, video_timestamp, created_at)
    select ${first} + (g % ${USERS}),
           ${videoId},
           (${typeArray}::text[])[1 + (g * 7 + g / 13) % ${types.length}],
           case when g % 3 = 0 then (((g / 3) % ${DURATION}) * 7919) % ${DURATION}
                else least(${DURATION - 1}, greatest(0, ((g % 5) * ${DURATION} / 5 + ${DURATION} / 10) + ((g * 31) % 61) - 30)) end,
           now() - make_interval(secs => g % 86400)
    from generate_series(1, ${REACTIONS}) g`,
      tx,
    );
    for (const { def } of indexDefs) await database.query(sql.raw(def), tx);
  });
  // Both pre-aggregates, filled in bulk with what each insert would have added to them
  // (the slice of a second is bucketOf(second, HEATMAP_SLICES, duration), as in SQL here).
  const perSlot = sql.join(
    REACTION_SLOTS.map((type) => sql`count(*) filter (where reaction_type = ${type})::int`),
    sql`, `,
  );
  await database.query(sql`
    insert into moment_reaction_timeline (video_id, second, counts)
    select video_id, video_timestamp, array[${perSlot}] from moment_reactions where video_id = ${videoId}
    group by 1, 2`);
  await database.query(sql`
    insert into moment_reaction_slices (video_id, duration_seconds, slice, counts)
    select video_id, ${DURATION}::float8,
           least(${HEATMAP_SLICES - 1}, greatest(0, floor(video_timestamp * ${HEATMAP_SLICES}::float8 / ${DURATION}::float8)))::int,
           array[${perSlot}]
    from moment_reactions where video_id = ${videoId} group by 1, 2, 3`);
  await database.query(sql`analyze moment_reactions`);
  await database.query(sql`analyze moment_reaction_timeline`);
  await database.query(sql`analyze moment_reaction_slices`);
  const [{ n }] = (await database.query<{ n: number }>(sql`select count(*)::int as n from moment_reaction_timeline where video_id = ${videoId}`)) as [{ n: number }];
  console.log(`  seeded ${REACTIONS.toLocaleString()} reactions on a ${DURATION} s video (${n.toLocaleString()} pre-aggregate rows) in ${(ms(t0) / 1000).toFixed(1)} s`);
  return videoId;
}

/** The naive heatmap: bucket and count the raw reactions on every request. */
async function rawHeatmap(database: Database, videoId: number, buckets: number) {
  const rows = await database.query<{ bucket: number; type: string; count: number }>(sql`
    select least(${buckets - 1}, greatest(0, floor(video_timestamp * ${buckets}::float8 / ${DURATION}::float8)))::int as bucket,
           reaction_type as type, count(*)::int as count
    from moment_reactions where video_id = ${videoId} group by 1, 2`);
  return assembleHeatmap(rows, buckets, DURATION, types);
}

async function run(label: string, database: Database): Promise<Array<[string, number]>> {
  console.log(`\n${label}`);
  const videoId = await seed(database);
  const ctx = { database, config };
  const out: Array<[string, number]> = [];
  for (const [name, buckets] of [[`default ${HEATMAP_SLICES} buckets (slices)`, HEATMAP_SLICES], [`${OTHER_BUCKETS} buckets (per-second rows)`, OTHER_BUCKETS]] as const) {
    const fast = await getHeatmap(ctx, videoId, buckets);
    const slow = await rawHeatmap(database, videoId, buckets);
    if (JSON.stringify(fast.buckets) !== JSON.stringify(slow.buckets) || fast.total !== REACTIONS)
      throw new Error(`pre-aggregated and raw heatmaps differ (${buckets} buckets)`);
    console.log(` ${name}`);
    const pre = await timeIt(`pre-aggregate (getHeatmap)`, () => getHeatmap(ctx, videoId, buckets), { runs: 200, budgetMs: 4_000 });
    const raw = await timeIt(`raw GROUP BY over moment_reactions`, () => rawHeatmap(database, videoId, buckets), { runs: 5, budgetMs: 6_000 });
    console.log(`  ratio raw/pre-aggregate: ${(raw / pre).toFixed(0)}× (goal ≥ 100×)`);
    out.push([`${buckets} buckets`, raw / pre]);
  }
  return out;
}

async function main() {
  const results: Array<[string, Array<[string, number]>]> = [];
  const pglite = new PGlite('memory://', { extensions: PGLITE_EXTENSIONS });
  const lite = fromPglite(pglite);
  await migrate(lite);
  results.push(['PGlite', await run('PGlite (in-process, memory)', lite)]);
  await lite.close();

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `reel_bench_heatmap_${randomBytes(4).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const pg = openPostgres(withDatabaseName(url, name), { max: 2 });
      try {
        await migrate(pg);
        results.push(['PostgreSQL', await run(`PostgreSQL (${name})`, pg)]);
      } finally {
        await pg.close();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
  console.log(
    `\nheatmap over ${REACTIONS.toLocaleString()} reactions on a ${DURATION} s video, raw/pre-aggregate: ` +
      results.map(([db, rs]) => `${db}: ${rs.map(([k, r]) => `${k} ${r.toFixed(0)}×`).join(', ')}`).join('; '),
  );
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
