import { createRoute, z } from '@hono/zod-openapi';
import { motifsRevue, statutsLot, statutsRevue, type TacheRevue } from '../../storage/schema/index.ts';
import { numeroUniqueParam } from '../demandes/get-demande.ts';
import { allow } from '../http/authenticate.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { getTask, type NumberZone } from '../revue/get-task.ts';
import { listOpenTasks } from '../revue/list-open-tasks.ts';
import { resolveTask } from '../revue/resolve-task.ts';
import { taskPageImage } from '../revue/task-page-image.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const taskSchema = z
  .object({
    id: z.string().uuid(),
    lotId: z.string().uuid().nullable(),
    motif: z.enum(motifsRevue),
    detail: z.string().nullable(),
    statut: z.enum(statutsRevue),
    pages: z.array(z.number().int()),
    suggestions: z.record(z.string(), z.unknown()).nullable(),
    resolution: z.record(z.string(), z.unknown()).nullable(),
    creeLe: z.string(),
    resoluLe: z.string().nullable(),
    images: z.array(z.string()),
    zonesNumero: z.array(z.object({ page: z.number().int(), lectures: z.array(z.string()), image: z.string() })),
  })
  .openapi('TacheRevue');

const resolvedSchema = z
  .object({
    id: z.string().uuid(),
    statut: z.enum(statutsRevue),
    pieces: z.array(z.string().uuid()),
    lot: z.object({ id: z.string().uuid(), statut: z.enum(statutsLot) }).nullable(),
  })
  .openapi('TacheResolue');

function toTaskBody(task: TacheRevue, zones: Pick<NumberZone, 'page' | 'lectures'>[] = []): z.infer<typeof taskSchema> {
  return {
    id: task.id,
    lotId: task.lotId,
    motif: task.motif,
    detail: task.detail,
    statut: task.statut,
    pages: task.pages,
    suggestions: task.suggestions,
    // what closed a task (an operator's decision, a lot's relance), for whoever looks at it later
    resolution: task.resolution,
    creeLe: task.creeLe.toISOString(),
    resoluLe: task.resoluLe?.toISOString() ?? null,
    images: task.lotId ? task.pages.map((n) => `/v1/revue/${task.id}/pages/${n}.webp`) : [],
    // a cover's number zone, cut out, beside what the service read there: the operator compares the two
    zonesNumero: zones.map((z) => ({ page: z.page, lectures: z.lectures, image: `/v1/revue/${task.id}/pages/${z.page}/numero.webp` })),
  };
}

/** The operators' review queue: what the service would not decide alone. */
export function revueRoutes() {
  const app = openApiApp();

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue',
        summary: "Les tâches de revue ouvertes, les plus anciennes d'abord",
        security: [{ bearer: [] }],
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().optional() }) },
        responses: {
          200: {
            description: 'tâches',
            content: { 'application/json': { schema: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }) } },
          },
        },
      }),
      middleware: [allow('operateur', 'gestionnaire')],
    },
    async (c) => {
      const { items, nextCursor } = await listOpenTasks(c.get('deps').db, c.req.valid('query'));
      return c.json({ items: items.map((task) => toTaskBody(task)), nextCursor }, 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue/{id}',
        summary: 'Une tâche, avec ses images de pages et les suggestions du service',
        security: [{ bearer: [] }],
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: { description: 'la tâche', content: { 'application/json': { schema: taskSchema } } }, 404: problem('inconnue') },
      }),
      middleware: [allow('operateur')],
    },
    async (c) => {
      const { task, zones } = await getTask(c.get('deps').db, c.req.valid('param').id);
      return c.json(toTaskBody(task, zones), 200);
    },
  );

  const imageRoute = (path: string, summary: string, page: z.ZodString) => ({
    ...createRoute({
      method: 'get',
      path,
      summary,
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.string(), page }) },
      responses: { 200: { description: 'image', content: { 'image/webp': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: problem('inconnue') },
    }),
    middleware: [allow('operateur')],
  });
  const webpHeaders = { 'content-type': 'image/webp', 'cache-control': 'private, max-age=300' };

  app.openapi(
    imageRoute('/revue/{id}/pages/{page}/numero.webp', "La zone du numéro unique d'une couverture de la tâche, découpée (WebP)", z.string().regex(/^\d+$/)),
    async (c) => {
      const { db, objects, pages } = c.get('deps');
      const { id, page } = c.req.valid('param');
      const image = await taskPageImage({ db, objects, images: pages.images }, { taskId: id, page: Number.parseInt(page, 10), numero: true });
      return c.body(new Uint8Array(image), 200, webpHeaders);
    },
  );

  app.openapi(imageRoute('/revue/{id}/pages/{page}', "L'image normalisée d'une page de la tâche (WebP)", z.string().regex(/^\d+\.webp$/)), async (c) => {
    const { db, objects, pages } = c.get('deps');
    const { id, page } = c.req.valid('param');
    const image = await taskPageImage({ db, objects, images: pages.images }, { taskId: id, page: Number.parseInt(page, 10) });
    return c.body(new Uint8Array(image), 200, webpHeaders);
  });

  app.openapi(
    {
      ...createRoute({
        method: 'post',
        path: '/revue/{id}/resolution',
        summary: 'Résout une tâche : dossier et documents (pages, catégorie, type), ou rejet motivé',
        security: [{ bearer: [] }],
        request: {
          params: z.object({ id: z.string() }),
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    numeroUnique: z.string().optional(),
                    documents: z.array(z.object({ pages: z.array(z.number().int().min(0)).min(1), categorie: z.string(), type: z.string() })).optional(),
                    // the envelope's cover pages, when not its leading pages left out of the documents
                    couverture: z.array(z.number().int().min(0)).optional(),
                    rejet: z.string().trim().min(3).optional(),
                  })
                  .openapi('Resolution'),
              },
            },
          },
        },
        responses: {
          200: { description: 'résolue', content: { 'application/json': { schema: resolvedSchema } } },
          404: problem('inconnue'),
          409: problem('déjà résolue, ou limite atteinte'),
        },
      }),
      middleware: [allow('operateur')],
    },
    async (c) => {
      const deps = c.get('deps');
      const body = c.req.valid('json');
      const numeroUnique = body.numeroUnique ? numeroUniqueParam(body.numeroUnique) : undefined;
      const result = await resolveTask({ db: deps.db, objects: deps.objects, images: deps.pages.images }, c.get('acteur'), c.req.valid('param').id, {
        ...body,
        numeroUnique,
      });
      return c.json(result, 200);
    },
  );

  return app;
}
