import type { Command } from 'commander';
import { serve } from '../app/serve.js';
import { configOrExit, fail } from './main.js';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Run the HTTP API, web UI, job workers and realtime on one port (PORT, default 4100)')
    .action(async () => {
      await serve(configOrExit()).catch(fail);
    });
}
