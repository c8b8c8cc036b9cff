import { createRoute, z } from '@hono/zod-openapi';
import { openApiApp } from '../http/openapi-app.ts';

const status = z.object({ statut: z.string(), database: z.string().optional(), s3: z.string().optional() }).openapi('Sante');

/** Liveness and readiness: ready means the database and S3 both answer now. */
export function healthRoutes() {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Le processus répond',
      responses: { 200: { description: 'vivant', content: { 'application/json': { schema: status } } } },
    }),
    (c) => c.json({ statut: 'ok' }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      summary: 'La base de données et le stockage S3 répondent',
      responses: {
        200: { description: 'prêt', content: { 'application/json': { schema: status } } },
        503: { description: 'un backend ne répond pas', content: { 'application/json': { schema: status } } },
      },
    }),
    async (c) => {
      const { database, objects } = c.get('deps');
      const [db, s3] = await Promise.allSettled([database.ping(), objects.ping()]);
      const word = (result: PromiseSettledResult<void>) => (result.status === 'fulfilled' ? 'ok' : `injoignable : ${String(result.reason)}`);
      const ready = db.status === 'fulfilled' && s3.status === 'fulfilled';
      return c.json({ statut: ready ? 'pret' : 'indisponible', database: word(db), s3: word(s3) }, ready ? 200 : 503);
    },
  );

  return app;
}
