// `reel serve`: HTTP API + web UI + in-process services on one port. Shuts down
// gracefully: stop accepting, finish in-flight requests, stop services, close the database.
import type { Config } from './config.js';
import { bootstrap } from './bootstrap.js';
import { serveServices } from './modules.js';
import { buildApp } from '../http/app.js';
import { createUsersUseCases } from '../modules/users/users.usecases.js';
import { checkFfmpeg } from '../media/ffmpeg-check.js';

export async function serve(config: Config): Promise<{ close: () => Promise<void>; port: number }> {
  const started = performance.now();
  const ctx = await bootstrap(config);
  const ffmpegProblem = await checkFfmpeg(config);
  if (ffmpegProblem) ctx.logger.warn(ffmpegProblem);
  await createUsersUseCases(ctx).ensureConfiguredAdmin();
  const app = await buildApp(ctx);
  for (const service of serveServices) await service(ctx, app);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  ctx.logger.info(
    { port, database: ctx.database.kind, startupMs: Math.round(performance.now() - started) },
    `Reel listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      ctx.logger.info('shutting down');
      await app.close();
      await ctx.stop();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      close().then(
        () => process.exit(0),
        (err) => {
          ctx.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { close, port };
}
