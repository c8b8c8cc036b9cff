import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { AppError } from './app-error.ts';
import type { Deps } from './deps.ts';
import { authenticate } from './http/authenticate.ts';
import type { HonoEnv } from './http/env.ts';
import { onError, problem } from './http/problem.ts';
import { requestLog } from './http/request-log.ts';
import { courrielsRoutes } from './routes/courriels.ts';
import { demandesRoutes } from './routes/demandes.ts';
import { dossiersRoutes } from './routes/dossiers.ts';
import { healthRoutes } from './routes/health.ts';
import { lotsRoutes } from './routes/lots.ts';
import { revueRoutes } from './routes/revue.ts';
import { piecesRoutes } from './routes/pieces.ts';
import { planRoutes } from './routes/plan.ts';
import { portailRoutes } from './web/portail.tsx';
import { revueStationRoutes } from './web/revue.tsx';

/** The HTTP API over the given services: one route module per resource under /v1. */
export function createApp(deps: Deps, options: { onLotReceived?: () => void; onMessageReceived?: () => void } = {}) {
  const app = new OpenAPIHono<HonoEnv>();
  app.use(requestId());
  app.use(async function provideDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use(requestLog());
  app.onError(onError);
  app.notFound((c) => problem(c, new AppError('introuvable', `aucune ressource ${c.req.method} ${c.req.path}`)));

  app.route('/', healthRoutes());
  app.route('/', portailRoutes()); // cookie sign-in of its own, before the bearer check of /v1
  // the review station reads and decides through this same app's /v1, with the session's token
  app.route('/', revueStationRoutes({ api: (request) => Promise.resolve(app.fetch(request)) }));
  app.use('/v1/*', authenticate());
  app.route('/v1', planRoutes());
  app.route('/v1', demandesRoutes());
  app.route('/v1', dossiersRoutes());
  app.route('/v1', piecesRoutes());
  app.route('/v1', lotsRoutes({ onLotReceived: options.onLotReceived ?? (() => {}) }));
  app.route('/v1', courrielsRoutes({ onMessageReceived: options.onMessageReceived ?? (() => {}) }));
  app.route('/v1', revueRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Dossier unique — service de réception des pièces',
      version: '1',
      description: 'Numérisation, contrôle, classement et partage des pièces justificatives des demandes de logement social.',
    },
  });
  return app;
}
