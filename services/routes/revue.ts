import { createRoute, z } from '@hono/zod-openapi';
import { canaux, motifsRevue, statutsLot, statutsRevue, type TacheRevue } from '../../storage/schema/index.ts';
import { numeroUniqueParam } from '../demandes/get-demande.ts';
import { allow } from '../http/authenticate.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { isUpload } from '../pieces/file-piece.ts';
import { today } from '../today.ts';
import { countOpenTasks } from '../revue/count-open-tasks.ts';
import { deadlineOf, urgencyOf } from '../revue/deadline.ts';
import { getTask, type NumberZone } from '../revue/get-task.ts';
import { holdTask, releaseTask } from '../revue/hold-task.ts';
import { listOpenTasks, type TacheEnFile } from '../revue/list-open-tasks.ts';
import { lotsProgress } from '../revue/lots-progress.ts';
import { operatorActivity } from '../revue/operator-activity.ts';
import { proposeResolution } from '../revue/propose-resolution.ts';
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
    // the lot it came from, the date its pieces are due (15 days after reception) and who has it open
    lot: z.object({ id: z.string().uuid(), reference: z.string().nullable(), canal: z.enum(canaux), recuLe: z.string() }).nullable(),
    echeance: z.string().openapi({ format: 'date' }),
    urgence: z.enum(['depassee', 'proche', 'normale']),
    tenue: z.object({ par: z.string(), acteurId: z.string().uuid(), jusqua: z.string() }).nullable(),
  })
  .openapi('TacheRevue');

const detailSchema = taskSchema
  .extend({
    // blank pages the pipeline dropped around the task, which a document may take back
    pagesBlanches: z.array(z.object({ page: z.number().int(), image: z.string() })),
    proposition: z.object({
      numeroUnique: z.string().nullable(),
      couverture: z.array(z.number().int()),
      documents: z.array(
        z.object({ pages: z.array(z.number().int()), categorie: z.string().nullable(), type: z.string().nullable(), confiance: z.number().nullable() }),
      ),
    }),
  })
  .openapi('TacheRevueDetaillee');

const priseSchema = z.object({ id: z.string().uuid(), tenuePar: z.string(), tenueJusqua: z.string(), priseLe: z.string() }).openapi('PriseTache');

const resolvedSchema = z
  .object({
    id: z.string().uuid(),
    statut: z.enum(statutsRevue),
    pieces: z.array(z.string().uuid()),
    lot: z.object({ id: z.string().uuid(), statut: z.enum(statutsLot) }).nullable(),
  })
  .openapi('TacheResolue');

function toTaskBody(
  task: TacheRevue,
  zones: Pick<NumberZone, 'page' | 'lectures'>[] = [],
  context: Omit<TacheEnFile, 'task'> = { lot: null, tenue: null },
  day = today(),
): z.infer<typeof taskSchema> {
  const echeance = deadlineOf(context.lot?.recuLe ?? task.creeLe);
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
    lot: context.lot ? { ...context.lot, recuLe: context.lot.recuLe.toISOString() } : null,
    echeance,
    urgence: urgencyOf(echeance, day),
    tenue: context.tenue ? { par: context.tenue.nom, acteurId: context.tenue.acteurId, jusqua: context.tenue.jusqua.toISOString() } : null,
  };
}

const filtresQuery = {
  motif: z.enum(motifsRevue).optional(),
  lotId: z.string().uuid().optional(),
  canal: z.enum(canaux).optional(),
};

/** The operators' review queue: what the service would not decide alone. */
export function revueRoutes() {
  const app = openApiApp();

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue',
        summary: "Les tâches de revue ouvertes, les pièces reçues le plus tôt d'abord (les échéances dépassées en tête)",
        description: 'Filtres : motif, lot, canal. Chaque tâche dit son échéance (15 jours après la réception) et qui la tient ouverte.',
        security: [{ bearer: [] }],
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().optional(), ...filtresQuery }) },
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
      const day = today();
      return c.json({ items: items.map(({ task, ...context }) => toTaskBody(task, [], context, day)), nextCursor }, 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue/compteurs',
        summary: 'Le nombre de tâches ouvertes, par motif, par canal et par lot',
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'compteurs',
            content: {
              'application/json': {
                schema: z
                  .object({
                    total: z.number().int(),
                    parMotif: z.record(z.string(), z.number().int()),
                    parCanal: z.record(z.string(), z.number().int()),
                    lots: z.array(z.object({ id: z.string().uuid(), reference: z.string().nullable(), canal: z.enum(canaux), taches: z.number().int() })),
                  })
                  .openapi('CompteursRevue'),
              },
            },
          },
        },
      }),
      middleware: [allow('operateur', 'gestionnaire')],
    },
    async (c) => c.json(await countOpenTasks(c.get('deps').db), 200),
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue/activite',
        summary: "Par opérateur : tâches closes aujourd'hui et durée médiane d'une tâche (de son ouverture à la décision)",
        security: [{ bearer: [] }],
        responses: {
          200: {
            description: 'activité du jour',
            content: {
              'application/json': {
                schema: z.object({
                  items: z.array(
                    z
                      .object({ acteurId: z.string().uuid(), nom: z.string(), tachesCloses: z.number().int(), secondesMedianes: z.number().nullable() })
                      .openapi('ActiviteOperateur'),
                  ),
                }),
              },
            },
          },
        },
      }),
      middleware: [allow('operateur', 'gestionnaire')],
    },
    async (c) => c.json({ items: await operatorActivity(c.get('deps').db) }, 200),
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue/lots',
        summary: "L'avancement des lots récents : pages lues sur le total, classées, blanches, en revue ; plis déclarés et trouvés ; leurs tâches",
        security: [{ bearer: [] }],
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), canal: z.enum(canaux).optional() }) },
        responses: {
          200: {
            description: 'lots',
            content: {
              'application/json': {
                schema: z.object({
                  items: z.array(
                    z
                      .object({
                        id: z.string().uuid(),
                        reference: z.string().nullable(),
                        canal: z.enum(canaux),
                        statut: z.enum(statutsLot),
                        recuLe: z.string(),
                        pages: z.number().int().nullable(),
                        pagesLues: z.number().int(),
                        pagesClassees: z.number().int(),
                        pagesCouverture: z.number().int(),
                        pagesBlanches: z.number().int(),
                        pagesEnRevue: z.number().int(),
                        plisDeclares: z.number().int().nullable(),
                        plisTrouves: z.number().int(),
                        taches: z.array(
                          z.object({ id: z.string().uuid(), motif: z.enum(motifsRevue), statut: z.enum(statutsRevue), pages: z.array(z.number().int()) }),
                        ),
                      })
                      .openapi('AvancementLot'),
                  ),
                }),
              },
            },
          },
        },
      }),
      middleware: [allow('operateur', 'gestionnaire')],
    },
    async (c) => {
      const items = await lotsProgress(c.get('deps').db, c.req.valid('query'));
      return c.json({ items: items.map((l) => ({ ...l, recuLe: l.recuLe.toISOString() })) }, 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/revue/{id}',
        summary: 'Une tâche, avec ses images de pages, les pages blanches écartées autour, les suggestions du service et sa proposition',
        security: [{ bearer: [] }],
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: { description: 'la tâche', content: { 'application/json': { schema: detailSchema } } }, 404: problem('inconnue') },
      }),
      middleware: [allow('operateur')],
    },
    async (c) => {
      const { db } = c.get('deps');
      const { task, zones, textes, blanches } = await getTask(db, c.req.valid('param').id);
      // the queue's row of the task gives its lot and holder
      const listed = task.statut === 'ouverte' ? (await listOpenTasks(db, { limit: 1, tache: task.id })).items[0] : undefined;
      const proposition = proposeResolution(
        task,
        zones.map((z) => z.page),
        textes,
      );
      // an upload was sent to one dossier: its number is the lot's
      const upload = listed?.lot && isUpload(listed.lot.canal) ? listed.lot.reference : null;
      return c.json(
        {
          ...toTaskBody(task, zones, listed ?? { lot: null, tenue: null }),
          pagesBlanches: blanches.map((page) => ({ page, image: `/v1/revue/${task.id}/pages/${page}.webp` })),
          proposition: { ...proposition, numeroUnique: proposition.numeroUnique ?? upload },
        },
        200,
      );
    },
  );

  const priseRoute = (method: 'post' | 'delete', summary: string) =>
    createRoute({
      method,
      path: '/revue/{id}/prise',
      summary,
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.string() }) },
      responses: {
        ...(method === 'post'
          ? { 200: { description: 'tenue', content: { 'application/json': { schema: priseSchema } } } }
          : { 204: { description: 'lâchée' } }),
        404: problem('inconnue'),
        409: problem('tenue par un autre opérateur (`tache_tenue`, qui et jusqu’à quand), ou déjà résolue'),
      },
    });

  app.openapi(
    {
      ...priseRoute(
        'post',
        "Tient la tâche quelques minutes au nom de l'opérateur (ou renouvelle sa prise) : un autre opérateur reçoit 409 tache_tenue avec son nom",
      ),
      middleware: [allow('operateur')],
    },
    async (c) => c.json(await holdTask(c.get('deps').db, c.get('acteur'), c.req.valid('param').id), 200),
  );

  app.openapi({ ...priseRoute('delete', "Lâche la tâche que l'opérateur tient, sans la décider"), middleware: [allow('operateur')] }, async (c) => {
    await releaseTask(c.get('deps').db, c.get('acteur'), c.req.valid('param').id);
    return c.body(null, 204);
  });

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
                    // pages turned clockwise in the filed PDF, and pages of the task dropped as blank
                    rotations: z.array(z.object({ page: z.number().int().min(0), angle: z.union([z.literal(90), z.literal(180), z.literal(270)]) })).optional(),
                    blanches: z.array(z.number().int().min(0)).optional(),
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
          409: problem('déjà résolue, tenue par un autre opérateur, demande radiée ou limite atteinte : rien n’est appliqué'),
          422: problem('type absent du plan'),
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
