import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../app-error.ts';
import { getDemande, numeroUniqueParam } from '../demandes/get-demande.ts';
import { allow } from '../http/authenticate.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { limitUpload, readUpload, submitUpload } from '../http/read-upload.ts';
import { journalCsv } from '../pieces/journal-csv.ts';
import { listPieces } from '../pieces/list-pieces.ts';
import { toPieceBody } from '../pieces/piece-body.ts';
import { readJournal, toEvenementBody } from '../pieces/read-journal.ts';
import { pageQuery, pieceSchema } from './piece-schemas.ts';

const nuParam = z.object({ nu: z.string().openapi({ example: '057121507390310691' }) });
const problems = {
  400: { description: 'requête invalide', content: { 'application/problem+json': { schema: problemSchema } } },
  404: { description: 'dossier inconnu ou invisible', content: { 'application/problem+json': { schema: problemSchema } } },
};

const listRoute = createRoute({
  method: 'get',
  path: '/dossiers/{nu}/pieces',
  summary: "Les pièces du dossier visibles par l'appelant",
  security: [{ bearer: [] }],
  request: { params: nuParam, query: pageQuery },
  responses: {
    200: {
      description: 'une page de pièces',
      content: { 'application/json': { schema: z.object({ items: z.array(pieceSchema), nextCursor: z.string().nullable() }) } },
    },
    ...problems,
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/dossiers/{nu}/pieces',
  summary: 'Dépose une pièce (un fichier = une pièce)',
  description: 'PDF, JPEG, PNG ou TIFF. Sans type, le service classe la pièce ou la confie à un opérateur (202).',
  security: [{ bearer: [] }],
  request: {
    params: nuParam,
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            categorie: z.string().optional(),
            type: z.string().optional(),
            dateFinValidite: z.string().optional(),
            indicePertinence: z.enum(['IV', 'PR', 'HP', 'IN', 'OB']).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'les mêmes octets étaient déjà déposés dans ce dossier', content: { 'application/json': { schema: pieceSchema } } },
    201: { description: 'pièce classée', content: { 'application/json': { schema: pieceSchema } } },
    202: {
      description: 'confiée à un opérateur',
      content: { 'application/json': { schema: z.object({ revue: z.object({ id: z.string(), motif: z.string() }) }) } },
    },
    ...problems,
    409: { description: 'demande radiée ou limite atteinte', content: { 'application/problem+json': { schema: problemSchema } } },
    413: { description: 'fichier trop volumineux', content: { 'application/problem+json': { schema: problemSchema } } },
    415: { description: 'format non supporté', content: { 'application/problem+json': { schema: problemSchema } } },
    422: { description: 'fichier illisible, chiffré ou type inconnu', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

const journalRoute = createRoute({
  method: 'get',
  path: '/dossiers/{nu}/journal',
  summary: 'Le journal des événements du dossier, du plus récent au plus ancien',
  security: [{ bearer: [] }],
  request: { params: nuParam, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
  responses: {
    200: {
      description: 'événements',
      content: { 'application/json': { schema: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) }, 'text/csv': { schema: z.string() } },
    },
    ...problems,
  },
});

/** A dossier's pieces and journal: listing by profile, upload by guichets and pgp services. */
export function dossiersRoutes() {
  const app = openApiApp();

  app.openapi(
    { ...listRoute, middleware: [allow('guichet', 'gestionnaire', 'consultant_simple', 'consultant_demande', 'consultant_sensible', 'pgp')] },
    async (c) => {
      const { db } = c.get('deps');
      // an unknown dossier is told by the list's own query (demande_inconnue)
      const page = await listPieces(db, c.get('acteur').role, numeroUniqueParam(c.req.valid('param').nu), c.req.valid('query'));
      return c.json({ items: page.items.map(toPieceBody), nextCursor: page.nextCursor }, 200);
    },
  );

  app.use(uploadRoute.path.replace('{nu}', ':nu'), limitUpload());
  app.openapi({ ...uploadRoute, middleware: [allow('guichet', 'pgp')] }, async (c) => {
    const demande = await getDemande({ db: c.get('deps').db, numeroUnique: numeroUniqueParam(c.req.valid('param').nu) });
    const { file, fields } = await readUpload(c, 'corps multipart/form-data illisible');
    if (!file) throw new AppError('requete_invalide', 'partie « file » manquante : un fichier par dépôt');
    const result = await submitUpload(c, { acteur: c.get('acteur'), demande, file, fields });
    if (result.resultat === 'revue') return c.json({ revue: result.revue }, 202);
    return c.json(toPieceBody(result.piece), result.resultat === 'creee' ? 201 : 200);
  });

  app.openapi({ ...journalRoute, middleware: [allow('guichet', 'gestionnaire')] }, async (c) => {
    const { db } = c.get('deps');
    const demande = await getDemande({ db, numeroUnique: numeroUniqueParam(c.req.valid('param').nu) });
    const rows = await readJournal(db, demande.numeroUnique);
    if (c.req.valid('query').format === 'csv') {
      const filename = `journal-${demande.numeroUnique.replaceAll(' ', '')}.csv`;
      return c.body(journalCsv(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
    }
    return c.json({ items: rows.map(toEvenementBody) }, 200);
  });

  return app;
}
