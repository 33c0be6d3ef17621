// The list of subcommands; each file adds one to the program.
import type { Command } from 'commander';
import { serveCommand } from './serve.command.js';
import { migrateCommand } from './migrate.command.js';
import { userCommand } from './user.command.js';
import { scanCommand } from './scan.command.js';
import { workerCommand } from './worker.command.js';
import { reconcileCommand } from './reconcile.command.js';

export const commands: Array<(program: Command) => void> = [serveCommand, migrateCommand, userCommand, scanCommand, workerCommand, reconcileCommand];
