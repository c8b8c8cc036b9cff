import fs from 'node:fs/promises';
import path from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { motifsRevue, statutsLot, statutsRevue } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { allow } from '../http/authenticate.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { lotReport } from '../lots/lot-report.ts';
import { recordPageTotal } from '../lot-state/record-page-total.ts';
import { receiveLot } from '../lots/receive-lot.ts';
import { relaunchLot } from '../lots/relaunch-lot.ts';
import { spoolMultipart } from '../lots/spool-multipart.ts';

const lotAccepted = z.object({ id: z.string(), statut: z.enum(statutsLot) }).openapi('LotRecu');
const lotSchema = z
  .object({
    id: z.string().uuid(),
    statut: z.enum(statutsLot),
    reference: z.string().nullable(),
    fichiers: z.array(z.object({ nom: z.string(), taille: z.number().int(), sha256: z.string(), supprimeLe: z.string().nullable() })),
    pages: z.number().int().nullable(),
    pagesTraitees: z.number().int(),
    tentatives: z.number().int(),
    erreur: z.string().nullable(),
    travailleur: z.string().nullable(),
    plisDeclares: z.number().int().nullable(),
    plis: z.array(
      z.object({
        numeroUnique: z.string(),
        statut: z.literal('classe'),
        couverture: z.array(z.number().int()),
        pieces: z.array(z.object({ id: z.string().uuid(), categorie: z.string(), type: z.string(), pages: z.array(z.number().int()) })),
      }),
    ),
    pagesBlanches: z.array(z.number().int()),
    revue: z.array(
      z.object({
        id: z.string().uuid(),
        motif: z.enum(motifsRevue),
        statut: z.enum(statutsRevue),
        detail: z.string().nullable(),
        pages: z.array(z.number().int()),
        decision: z
          .object({ par: z.string().nullable().openapi({ description: "l'opérateur qui a décidé" }), le: z.string(), rejet: z.string().nullable() })
          .nullable()
          .openapi({ description: 'qui a clos la tâche, quand, et le motif d’un rejet ; null tant qu’elle est ouverte' }),
      }),
    ),
    creeLe: z.string(),
    modifieLe: z.string(),
  })
  .openapi('Lot');
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** Scan lots: upload by operators (streamed to storage), status and page accounting. */
export function lotsRoutes(options: { onLotReceived: () => void }) {
  const app = openApiApp();

  app.openapi(
    {
      ...createRoute({
        method: 'post',
        path: '/lots',
        summary: 'Dépose un lot numérisé (PDF, TIFF, JPEG, PNG), traité en arrière-plan',
        description:
          "multipart : une ou plusieurs parties « file » (dans l'ordre de numérisation), « plisDeclares » et « reference » facultatifs. Les mêmes fichiers renvoyés retrouvent le même lot.",
        security: [{ bearer: [] }],
        responses: {
          200: { description: 'ces fichiers formaient déjà ce lot', content: { 'application/json': { schema: lotAccepted } } },
          202: { description: 'lot reçu, originaux conservés', content: { 'application/json': { schema: lotAccepted } } },
          400: problem('requête invalide'),
          413: problem('lot trop volumineux'),
          415: problem('corps non multipart'),
        },
      }),
      middleware: [allow('operateur')],
    },
    async (c) => {
      const deps = c.get('deps');
      const spool = path.join(deps.config.dataDir, 'tmp');
      const { fichiers, champs } = await spoolMultipart(c.req.raw, spool, deps.config.maxLotBytes);
      try {
        const plisDeclares = champs.plisDeclares ? Number(champs.plisDeclares) : undefined;
        if (plisDeclares !== undefined && !(Number.isInteger(plisDeclares) && plisDeclares > 0)) {
          throw new AppError('requete_invalide', `plisDeclares « ${champs.plisDeclares} » : un entier positif est attendu`);
        }
        const { lot, existant } = await receiveLot(deps, { fichiers, acteur: c.get('acteur'), plisDeclares, reference: champs.reference });
        if (!existant) {
          // before a worker takes it, while its files are still here: its progress reads n/N from the start
          const chemins = fichiers.map((f) => f.chemin);
          await recordPageTotal(deps.db, lot.id, chemins);
          options.onLotReceived();
        }
        return c.json({ id: lot.id, statut: lot.statut }, existant ? 200 : 202);
      } finally {
        await Promise.all(fichiers.map((f) => fs.rm(f.chemin, { force: true })));
      }
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/lots/{id}',
        summary: "L'état d'un lot : chaque page dans une couverture, une pièce, les pages blanches ou une tâche de revue",
        security: [{ bearer: [] }],
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: { description: 'le lot', content: { 'application/json': { schema: lotSchema } } },
          404: problem('inconnu'),
        },
      }),
      middleware: [allow('operateur', 'gestionnaire')],
    },
    async (c) => c.json(await lotReport(c.get('deps').db, c.req.valid('param').id), 200),
  );

  app.openapi(
    {
      ...createRoute({
        method: 'post',
        path: '/lots/{id}/relance',
        summary: 'Relance un lot mis de côté (echec) : de nouveau reçu, repris par un travailleur depuis ses pages déjà lues',
        description: 'Corps JSON facultatif { note } : ce qui a été fait de la cause, gardé avec la tâche lot_en_echec que la relance clôt.',
        security: [{ bearer: [] }],
        request: {
          params: z.object({ id: z.string() }),
          body: {
            required: false,
            content: { 'application/json': { schema: z.object({ note: z.string().trim().min(1).max(2000).optional() }).openapi('RelanceLot') } },
          },
        },
        responses: {
          202: { description: 'lot de nouveau reçu', content: { 'application/json': { schema: lotAccepted } } },
          404: problem('inconnu'),
          409: problem("lot qui n'est pas en echec, ou dépôt à renvoyer"),
        },
      }),
      middleware: [allow('operateur')],
    },
    async (c) => {
      const { db, logger } = c.get('deps');
      const acteur = c.get('acteur');
      const { note } = c.req.valid('json');
      const lot = await relaunchLot(db, { id: c.req.valid('param').id, acteur, note });
      logger.info({ lot: lot.id, acteur: acteur.id, note }, 'lot relancé');
      options.onLotReceived();
      return c.json({ id: lot.id, statut: lot.statut }, 202);
    },
  );

  return app;
}
