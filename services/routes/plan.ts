import { createRoute, z } from '@hono/zod-openapi';
import { planForApi } from '../../classification/plan-de-classement.ts';
import { openApiApp } from '../http/openapi-app.ts';

/** The plan de classement: categories, types, sensitivity, limits. */
export function planRoutes() {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/plan',
      summary: 'Le plan de classement en vigueur',
      security: [{ bearer: [] }],
      responses: {
        200: { description: 'catégories et types', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('Plan') } } },
      },
    }),
    (c) => c.json(planForApi() as Record<string, unknown>, 200),
  );
  return app;
}
