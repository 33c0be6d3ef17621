#!/usr/bin/env node
// The `reel` binary: one program, several process modes (STYLE: Papra's web|worker|all).
import { Command } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config } from '../app/config.js';
import { DataDirLockedError } from '../db/lock.js';
import { commands } from './commands.js';

loadDotenv({ quiet: true });

/** Config errors and a locked data dir end the process with one clear line, no stack. */
export function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`reel: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`reel: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

export function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    fail(err);
  }
}

const program = new Command('reel').description('Self-hosted video library and engagement server');
for (const register of commands) register(program);
program.parseAsync(process.argv).catch(fail);
