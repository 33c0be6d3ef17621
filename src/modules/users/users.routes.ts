import type { RouteModule } from '../../http/route-module.js';
import { zodRoutes } from '../../http/route-module.js';
import { errorResponses } from '../../http/schemas.js';
import { z } from 'zod';
import { authResponse, loginBody, registerBody, userSchema, userSearchQuery } from './users.schemas.js';
import { createUsersUseCases } from './users.usecases.js';

export const usersRoutes: RouteModule = async (app, ctx) => {
  const users = createUsersUseCases(ctx);
  const r = zodRoutes(app);

  r.post(
    '/api/auth/register',
    {
      schema: { tags: ['auth'], summary: 'Create an account', body: registerBody, response: { 201: authResponse, ...errorResponses } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const user = await users.register(request.body);
      return reply.status(201).send({ token: app.signToken(user), user });
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in and get a bearer token', body: loginBody, response: { 200: authResponse, ...errorResponses } },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const user = await users.login(request.body.email, request.body.password);
      return { token: app.signToken(user), user };
    },
  );

  r.get(
    '/api/auth/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], summary: 'The signed-in user', security: [{ bearerAuth: [] }], response: { 200: userSchema, ...errorResponses } },
    },
    async (request) => users.getById(request.user.id),
  );

  r.get(
    '/api/users/search',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Find people to message by name or email',
        security: [{ bearerAuth: [] }],
        querystring: userSearchQuery,
        response: { 200: z.object({ users: z.array(z.object({ id: z.number(), displayName: z.string(), email: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => ({ users: await users.search(request.query.q, request.query.limit) }),
  );
};
