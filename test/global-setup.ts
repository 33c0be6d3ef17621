// Migrates one template database for the whole run; each test file clones it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropTemplate, prepareTemplate } from '../src/db/test-database.js';

export default async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'reel-test-'));
  const snapshot = path.join(dir, 'template.tar');
  process.env.REEL_TEST_TEMPLATE_DB = `reel_test_template_${process.pid}`;
  await prepareTemplate(snapshot);
  process.env.REEL_TEST_SNAPSHOT = snapshot;
  console.log(`[reel tests] database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropTemplate();
  };
}
