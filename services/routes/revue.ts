import { createRoute, z } from '@hono/zod-openapi';
import sharp from 'sharp';
import { and, asc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pages, tachesRevue } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { numeroUniqueParam } from '../demandes/get-demande.ts';
import { allow } from '../http/authenticate.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import { resolveTask } from '../revue/resolve-task.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const taskSchema = z.record(z.string(), z.unknown()).openapi('TacheRevue');

type NumberZone = { page: number; lectures: string[] };

function toTaskBody(task: typeof tachesRevue.$inferSelect, zones: NumberZone[] = []) {
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
    zonesNumero: zones.map((z) => ({ ...z, image: `/v1/revue/${task.id}/pages/${z.page}/numero.webp` })),
  };
}

/** The pages of a task whose number zone was read (its covers), with the zone and its readings. */
async function numberZones(db: Database, task: typeof tachesRevue.$inferSelect) {
  if (!task.lotId || task.pages.length === 0) return [];
  const rows = await db
    .select({ index: pages.index, lecture: pages.lectureNumero })
    .from(pages)
    .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, task.pages), isNotNull(pages.lectureNumero)));
  return rows.map((r) => ({ page: r.index, ...r.lecture! }));
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
      const { limit, cursor } = c.req.valid('query');
      const after = cursor ? new Date(Buffer.from(cursor, 'base64url').toString()) : undefined;
      const rows = await c
        .get('deps')
        .db.select()
        .from(tachesRevue)
        .where(and(eq(tachesRevue.statut, 'ouverte'), after ? gt(tachesRevue.creeLe, after) : undefined))
        .orderBy(asc(tachesRevue.creeLe))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor = rows.length > limit && last ? Buffer.from(last.creeLe.toISOString()).toString('base64url') : null;
      return c.json({ items: items.map((task) => toTaskBody(task)), nextCursor }, 200);
    },
  );

  const findTask = async (db: Parameters<typeof resolveTask>[0]['db'], id: string) => {
    const [task] = /^[0-9a-f-]{36}$/i.test(id) ? await db.select().from(tachesRevue).where(eq(tachesRevue.id, id)) : [];
    if (!task) throw new AppError('introuvable', `aucune tâche de revue ${id}`);
    return task;
  };

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
      const { db } = c.get('deps');
      const task = await findTask(db, c.req.valid('param').id);
      const zones = await numberZones(db, task);
      return c.json(
        toTaskBody(
          task,
          zones.map(({ page, lectures }) => ({ page, lectures })),
        ),
        200,
      );
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
  /** A page's normalised image as WebP, whole or cut to a zone. */
  const webp = async (objects: ObjectStore, lotId: string, page: number, zone?: { left: number; top: number; width: number; height: number }) => {
    const jpeg = await objects.getBuffer('originaux', pageImageKey(lotId, page));
    const image = await (zone ? sharp(jpeg).extract(zone) : sharp(jpeg)).webp({ quality: 75 }).toBuffer();
    return new Uint8Array(image);
  };
  const webpHeaders = { 'content-type': 'image/webp', 'cache-control': 'private, max-age=300' };

  app.openapi(
    imageRoute('/revue/{id}/pages/{page}/numero.webp', "La zone du numéro unique d'une couverture de la tâche, découpée (WebP)", z.string().regex(/^\d+$/)),
    async (c) => {
      const { db, objects } = c.get('deps');
      const task = await findTask(db, c.req.valid('param').id);
      const page = Number.parseInt(c.req.valid('param').page, 10);
      const zone = (await numberZones(db, task)).find((z) => z.page === page)?.zone;
      if (!task.lotId || !zone) throw new AppError('introuvable', `la page ${page} de cette tâche n'a pas de zone de numéro`);
      return c.body(await webp(objects, task.lotId, page, zone), 200, webpHeaders);
    },
  );

  app.openapi(imageRoute('/revue/{id}/pages/{page}', "L'image normalisée d'une page de la tâche (WebP)", z.string().regex(/^\d+\.webp$/)), async (c) => {
    const { db, objects } = c.get('deps');
    const task = await findTask(db, c.req.valid('param').id);
    const page = Number.parseInt(c.req.valid('param').page, 10);
    if (!task.lotId || !task.pages.includes(page)) throw new AppError('introuvable', `la page ${page} n'est pas dans cette tâche`);
    return c.body(await webp(objects, task.lotId, page), 200, webpHeaders);
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
          200: { description: 'résolue', content: { 'application/json': { schema: taskSchema } } },
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
