// Liveness and readiness. `/api/videos/health` keeps seed 003's path and shape.
import { z } from 'zod';
import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
  uptimeSeconds: z.number(),
});

export const healthRoutes: RouteModule = async (app, ctx) => {
  const r = zodRoutes(app);
  const check = async () => {
    const reachable = await ctx.database.ping().then(
      () => true,
      () => false,
    );
    return {
      status: reachable ? ('ok' as const) : ('degraded' as const),
      database: { kind: ctx.database.kind, reachable },
      uptimeSeconds: Math.round(process.uptime()),
    };
  };

  r.get('/api/videos/health', { schema: { tags: ['health'], summary: 'Service and database health', response: { 200: healthSchema, 503: healthSchema } } }, async (_req, reply) => {
    const h = await check();
    return reply.status(h.database.reachable ? 200 : 503).send(h);
  });
  r.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  r.get('/readyz', { schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: healthSchema, 503: healthSchema } } }, async (_req, reply) => {
    const h = await check();
    return reply.status(h.database.reachable ? 200 : 503).send(h);
  });
};
