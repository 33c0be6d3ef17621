// Builds the Fastify instance: plugins in a fixed order, then every feature's routes.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { routeModules } from '../app/modules.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerMetrics } from './plugins/metrics.js';
import { defaultWebDir, registerWeb } from './plugins/web.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: Array<{ method: string; url: string; hidden: boolean }>;
  }
}

export async function buildApp(ctx: AppContext, opts: { web?: boolean } = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cors, {
    // Requests without an Origin (curl, mobile apps, same-origin navigations) are allowed.
    origin: (origin, cb) => cb(null, !origin || config.corsOrigins.includes('*') || config.corsOrigins.includes(origin)),
    credentials: true,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: `Too many requests: try again in ${context.after}`,
      code: 'RATE_LIMITED',
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Reel API', version: '0.1.0', description: 'Self-hosted video library and engagement server' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await registerAuth(app, { secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });
  registerMetrics(app, ctx.metrics);

  // Kept so tests (and the start-up log) can check every route made it into the OpenAPI document.
  const routes: Array<{ method: string; url: string; hidden: boolean }> = [];
  app.addHook('onRoute', (r) => {
    const hidden = Boolean((r.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, hidden });
  });
  app.decorate('routeList', routes);

  for (const mod of routeModules) await app.register(async (scope) => mod(scope, ctx));

  if (opts.web !== false) await registerWeb(app, config.webDir ?? defaultWebDir());
  return app;
}
