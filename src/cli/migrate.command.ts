import type { Command } from 'commander';
import { bootstrap } from '../app/bootstrap.js';
import { configOrExit, fail } from './main.js';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply database migrations and exit (serve also applies them at start)')
    .action(async () => {
      try {
        const ctx = await bootstrap(configOrExit());
        await ctx.stop();
        process.stdout.write(`migrations applied (${ctx.database.kind})\n`);
      } catch (err) {
        fail(err);
      }
    });
}
