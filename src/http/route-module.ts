import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';

/** A feature's HTTP surface: a function that adds its routes to a scope. */
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const zodRoutes = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
