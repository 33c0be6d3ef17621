// Serves the built web UI (web/dist) and falls back to index.html for client-side routes.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
}

const API_PREFIXES = ['/api/', '/media/', '/docs', '/metrics', '/socket.io', '/healthz', '/readyz'];

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (API_PREFIXES.some((p) => request.url.startsWith(p)) || path.extname(request.url.split('?')[0]!)) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
  return true;
}
