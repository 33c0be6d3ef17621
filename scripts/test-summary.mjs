// Prints "<label>: N passed, N failed, N skipped" from a Vitest JSON report.
import { readFileSync, existsSync } from 'node:fs';
const [label, file] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`${label}: 0 passed, 1 failed (no report: the run did not finish)`);
  process.exit(0);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
