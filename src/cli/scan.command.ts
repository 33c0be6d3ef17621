// `reel scan [dir…]`: index folders (default: LIBRARY_ROOTS and folders scanned before).
// A progress bar on a terminal, plain progress lines otherwise (logs, CI); a summary at the end.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { bootstrap } from '../app/bootstrap.js';
import { createLibraryUseCases } from '../modules/library/library.usecases.js';
import type { ScanProgress, ScanSummary } from '../modules/library/library.scan.js';
import { configOrExit, fail } from './main.js';

const PHASE_LABEL: Record<ScanProgress['phase'], string> = {
  walking: 'finding files',
  indexing: 'indexing',
  hashing: 'hashing duplicates',
  thumbnails: 'thumbnails',
  done: 'done',
};

export function formatSummary(s: ScanSummary): string {
  const lines = [
    `scanned ${s.roots.join(', ')}: ${s.found} video files in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  new ${s.new}, updated ${s.updated}, unchanged ${s.unchanged}, moved ${s.moved}, duplicates ${s.duplicates}, invalid ${s.invalid}, vanished ${s.vanished}, errors ${s.errors}`,
  ];
  if (s.skipped) lines.push(`  skipped ${s.skipped} file(s) named like videos that are not videos`);
  if (s.thumbnails) lines.push(`  made ${s.thumbnails} thumbnail(s)`);
  for (const e of s.errorList.slice(0, 20)) lines.push(`  error: ${e.path}: ${e.error}`);
  return lines.join('\n') + '\n';
}

/** Progress output: a bar per phase on a TTY, one line every few seconds and per phase otherwise. */
function progressReporter(tty: boolean) {
  let phase: ScanProgress['phase'] | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let lastLine = 0;
  let barStart = 0;
  return {
    update(p: ScanProgress) {
      if (p.phase !== phase) {
        bar?.stop();
        bar = undefined;
        phase = p.phase;
        if (p.phase === 'done') return;
        if (tty && p.total > 0) {
          bar = new cliProgress.SingleBar(
            { format: `${PHASE_LABEL[p.phase].padEnd(18)} [{bar}] {value}/{total} {percentage}% | {rate}/s | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, p.done, { rate: '0' });
          barStart = Date.now();
        } else if (!tty) process.stdout.write(`${PHASE_LABEL[p.phase]}${p.total ? `: ${p.total} file(s)` : ''}\n`);
        return;
      }
      if (bar) {
        const elapsed = (Date.now() - barStart) / 1000;
        bar.update(p.done, { rate: elapsed > 0 ? (p.done / elapsed).toFixed(0) : '0' });
      } else if (!tty && p.total > 0 && Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        process.stdout.write(`${PHASE_LABEL[p.phase]}: ${p.done}/${p.total}\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

export function scanCommand(program: Command) {
  program
    .command('scan')
    .description('Index folders of videos (default: LIBRARY_ROOTS and folders scanned before)')
    .argument('[dirs...]', 'folders to scan')
    .option('--no-thumbnails', 'index only; make thumbnails and perceptual hashes on a later scan')
    .option('--json', 'print the summary as JSON', false)
    .action(async (dirs: string[], opts: { thumbnails: boolean; json: boolean }) => {
      try {
        const ctx = await bootstrap(configOrExit());
        const abort = new AbortController();
        const onSignal = () => abort.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const reporter = progressReporter(Boolean(process.stdout.isTTY) && !opts.json);
        try {
          const summary = await createLibraryUseCases(ctx).scan({
            roots: dirs.length ? dirs : undefined,
            media: opts.thumbnails,
            signal: abort.signal,
            onProgress: opts.json ? undefined : (p) => reporter.update(p),
          });
          reporter.stop();
          process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : formatSummary(summary));
          if (summary.errors > 0) process.exitCode = 1;
        } finally {
          reporter.stop();
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await ctx.stop();
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'NOT_A_DIRECTORY' || code === 'NO_LIBRARY_ROOTS') {
          process.stderr.write(`reel: ${(err as Error).message}\n`);
          process.exit(2);
        }
        fail(err);
      }
    });
}
