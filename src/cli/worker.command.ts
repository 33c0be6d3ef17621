// `reel worker`: job workers alone, against PostgreSQL, so encoding can run on other
// machines than the API. PGlite belongs to one process (`reel serve`), so it refuses there.
import type { Command } from 'commander';
import { bootstrap } from '../app/bootstrap.js';
import { startWorkers } from '../modules/jobs/jobs.service.js';
import { checkFfmpeg } from '../media/ffmpeg-check.js';
import { startRealtimeRelay } from '../realtime/realtime.server.js';
import { configOrExit, fail } from './main.js';

export function workerCommand(program: Command) {
  program
    .command('worker')
    .description('Run job workers alone against PostgreSQL (DATABASE_URL); capacity from WORKER_CPU_SLOTS, WORKER_ENCODE_SLOTS, WORKER_GPU_VRAM_MB')
    .action(async () => {
      const config = configOrExit();
      if (!config.databaseUrl) {
        process.stderr.write(
          'reel: `reel worker` needs PostgreSQL (set DATABASE_URL=postgres://…). With the embedded PGlite database, `reel serve` runs the workers in its own process.\n',
        );
        process.exit(2);
      }
      try {
        const ctx = await bootstrap(config);
        const ffmpegProblem = await checkFfmpeg(config);
        if (ffmpegProblem) ctx.logger.warn(ffmpegProblem);
        // Job progress from this process reaches admins on every `reel serve` instance.
        await startRealtimeRelay(ctx);
        const worker = await startWorkers(ctx);
        ctx.logger.info({ worker: worker.name, ...worker.capacity }, 'reel worker running; Ctrl-C to stop');
        let stopping = false;
        for (const signal of ['SIGTERM', 'SIGINT'] as const) {
          process.once(signal, () => {
            if (stopping) return;
            stopping = true;
            ctx.logger.info('stopping workers: running jobs get 10 s to finish, then go back to the queue');
            ctx.stop().then(() => process.exit(0), (err) => (ctx.logger.error({ err }, 'shutdown failed'), process.exit(1)));
          });
        }
      } catch (err) {
        fail(err);
      }
    });
}
