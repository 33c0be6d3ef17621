// Every feature's routes, in one list. A new feature adds one line here.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import type { RouteModule } from '../http/route-module.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { jobsRoutes } from '../modules/jobs/jobs.routes.js';
import { jobWorkersService } from '../modules/jobs/jobs.service.js';
import { libraryRoutes } from '../modules/library/library.routes.js';
import { libraryMediaRoutes } from '../modules/library/library.media.routes.js';
import { sharingRoutes } from '../modules/sharing/sharing.routes.js';
import { chatRoutes } from '../modules/chat/chat.routes.js';
import { realtimeService } from '../realtime/realtime.server.js';
import { reactionsRoutes } from '../modules/reactions/reactions.routes.js';
import { commentsRoutes } from '../modules/comments/comments.routes.js';
import { galleryRoutes } from '../modules/gallery/gallery.routes.js';
import { engagementRoutes } from '../modules/engagement/engagement.routes.js';

export const routeModules: RouteModule[] = [
  healthRoutes,
  usersRoutes,
  jobsRoutes,
  libraryRoutes,
  libraryMediaRoutes,
  sharingRoutes,
  chatRoutes,
  reactionsRoutes,
  commentsRoutes,
  galleryRoutes,
  engagementRoutes,
];

/**
 * Long-running parts started by `reel serve` after the routes exist (job workers,
 * realtime). Each registers its own stop with `ctx.onStop`.
 */
export type Service = (ctx: AppContext, app: FastifyInstance) => Promise<void>;
export const serveServices: Service[] = [jobWorkersService, realtimeService];
