import type { Command } from 'commander';
import { bootstrap } from '../app/bootstrap.js';
import { createUsersUseCases } from '../modules/users/users.usecases.js';
import { configOrExit, fail } from './main.js';

export function userCommand(program: Command) {
  const user = program.command('user').description('Manage accounts');
  user
    .command('create')
    .description('Create an account (use --admin for the first administrator)')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--password <password>', 'password (8 characters or more)')
    .option('--name <displayName>', 'display name')
    .option('--admin', 'give the account the admin role', false)
    .action(async (opts: { email: string; password: string; name?: string; admin: boolean }) => {
      try {
        if (opts.password.length < 8) throw new Error('--password must be at least 8 characters');
        const ctx = await bootstrap(configOrExit());
        try {
          const created = await createUsersUseCases(ctx).createUser({
            email: opts.email,
            password: opts.password,
            displayName: opts.name,
            role: opts.admin ? 'admin' : 'user',
          });
          process.stdout.write(`created ${created.role} ${created.email} (id ${created.id})\n`);
        } finally {
          await ctx.stop();
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'EMAIL_TAKEN') {
          process.stderr.write(`reel: an account with the email ${opts.email} already exists\n`);
          process.exit(2);
        }
        fail(err);
      }
    });
}
