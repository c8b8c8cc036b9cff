import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../app-error.ts';
import { getDemande, numeroUniqueParam } from '../demandes/get-demande.ts';
import { importDemandes } from '../demandes/import-demandes.ts';
import { parseDemandesCsv } from '../demandes/parse-demandes-csv.ts';
import { searchDemandes } from '../demandes/search-demandes.ts';
import { allow } from '../http/authenticate.ts';
import { limitBody } from '../http/limit-body.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { today } from '../today.ts';

export const demandeSchema = z
  .object({
    numeroUnique: z.string().openapi({ example: '057 1215 073903 10691' }),
    etat: z.enum(['active', 'radiee']),
    nom: z.string(),
    prenom: z.string(),
    dateNaissance: z.string().openapi({ format: 'date' }),
    email: z.string().nullable(),
    guichet: z.string(),
    dateDepot: z.string().nullable(),
    dateRadiation: z.string().nullable(),
    creeLe: z.string(),
    modifieLe: z.string(),
  })
  .openapi('Demande');

export const importResultSchema = z
  .object({
    recues: z.number().int(),
    acceptees: z.number().int(),
    rejetees: z.number().int(),
    creees: z.number().int(),
    modifiees: z.number().int(),
    inchangees: z.number().int(),
    erreurs: z.array(z.object({ ligne: z.number().int(), numeroUnique: z.string().optional(), motif: z.string() })),
  })
  .openapi('ResultatImport');

const importRoute = createRoute({
  method: 'post',
  path: '/demandes',
  summary: 'Importe ou met à jour des demandes (JSON ou CSV), ligne par ligne',
  description:
    'Chaque ligne invalide est rejetée avec son numéro et son motif ; les lignes valides sont enregistrées. CSV : en-tête numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation.',
  security: [{ bearer: [] }],
  request: {
    body: {
      // not `required`: the JSON validator then leaves a CSV body alone
      content: {
        'application/json': { schema: z.array(z.record(z.string(), z.unknown())) },
        'text/csv': { schema: z.string() },
      },
    },
  },
  responses: {
    200: { description: "bilan de l'import", content: { 'application/json': { schema: importResultSchema } } },
    400: { description: 'corps illisible', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/demandes/{nu}',
  summary: 'Une demande du registre',
  security: [{ bearer: [] }],
  request: { params: z.object({ nu: z.string().openapi({ example: '057121507390310691' }) }) },
  responses: {
    200: { description: 'la demande', content: { 'application/json': { schema: demandeSchema } } },
    404: { description: 'inconnue', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/demandes',
  summary: 'Cherche des demandes au registre, par le début du numéro unique ou par le nom',
  description:
    "Pour la saisie d'un numéro unique en revue : le registre répond à chaque frappe avec le nom du demandeur et l'état de la demande, pour que l'opérateur confirme une personne et non des chiffres.",
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      q: z.string().max(60).openapi({ example: '0571215' }),
      limit: z.coerce.number().int().min(1).max(50).default(10),
    }),
  },
  responses: {
    200: {
      description: 'demandes trouvées',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z
                .object({ numeroUnique: z.string(), nom: z.string(), prenom: z.string(), etat: z.enum(['active', 'radiee']), dateNaissance: z.string() })
                .openapi('DemandeTrouvee'),
            ),
          }),
        },
      },
    },
  },
});

export function toDemandeBody(d: Awaited<ReturnType<typeof getDemande>>) {
  return { ...d, creeLe: d.creeLe.toISOString(), modifieLe: d.modifieLe.toISOString() };
}

/** The registry of demandes: import by gestionnaires, reading by guichets and gestionnaires. */
export function demandesRoutes() {
  const app = openApiApp();

  app.use(importRoute.path, async (c, next) => limitBody(c.get('deps').config.maxBodyBytes)(c, next));
  app.openapi({ ...importRoute, middleware: [allow('gestionnaire')] }, async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    let rows;
    if (contentType.startsWith('text/csv')) rows = parseDemandesCsv(await c.req.text());
    else if (/^application\/(.+\+)?json/.test(contentType)) {
      rows = (c.req.valid('json') as Record<string, unknown>[]).map((valeurs, index) => ({ ligne: index + 1, valeurs }));
    } else throw new AppError('format_non_supporte', 'corps attendu en JSON (application/json) ou en CSV (text/csv)');
    if (rows.length === 0) throw new AppError('requete_invalide', 'aucune demande dans le corps de la requête');
    const result = await importDemandes({ db: c.get('deps').db, input: rows, today: today() });
    return c.json(result, 200);
  });

  app.openapi({ ...searchRoute, middleware: [allow('operateur', 'gestionnaire')] }, async (c) => {
    return c.json({ items: await searchDemandes(c.get('deps').db, c.req.valid('query')) }, 200);
  });

  app.openapi({ ...getRoute, middleware: [allow('guichet', 'gestionnaire')] }, async (c) => {
    const demande = await getDemande({ db: c.get('deps').db, numeroUnique: numeroUniqueParam(c.req.valid('param').nu) });
    return c.json(toDemandeBody(demande), 200);
  });

  return app;
}
