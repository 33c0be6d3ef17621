import type { Command } from 'commander';
import { bootstrap } from '../app/bootstrap.js';
import { reconcileCounters } from '../modules/engagement/engagement.reconcile.js';
import { configOrExit, fail } from './main.js';

export function reconcileCommand(program: Command) {
  program
    .command('reconcile')
    .description('Recount engagement counters from their event rows and report (or --fix) any difference')
    .option('--fix', 'set differing counters to their recount', false)
    .action(async (opts: { fix: boolean }) => {
      try {
        const ctx = await bootstrap(configOrExit());
        try {
          const report = await reconcileCounters(ctx, { fix: opts.fix });
          for (const m of report.mismatches.slice(0, 50)) {
            process.stdout.write(`video ${m.videoId}: ${m.field} is ${m.counter}, recount ${m.recount}\n`);
          }
          process.stdout.write(
            report.mismatches.length
              ? `${report.mismatches.length} difference(s); fixed ${report.fixed} video(s); ${report.remaining.length} remaining\n`
              : 'counters equal their recount\n',
          );
          if (report.remaining.length) process.exitCode = 1;
        } finally {
          await ctx.stop();
        }
      } catch (err) {
        fail(err);
      }
    });
}
