import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { indicesPertinence } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { numeroUniqueParam } from '../demandes/get-demande.ts';
import { allow } from '../http/authenticate.ts';
import type { HonoEnv } from '../http/env.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { changePiece } from '../pieces/change-piece.ts';
import { findVisiblePiece } from '../pieces/find-piece.ts';
import { bucketOf, toPieceBody } from '../pieces/piece-body.ts';
import { quarantinePiece, restorePiece } from '../pieces/quarantine-piece.ts';
import { recordConsultation } from '../pieces/record-consultation.ts';
import { pgpQuery, pieceSchema } from './piece-schemas.ts';

const readers = ['guichet', 'gestionnaire', 'consultant_simple', 'consultant_demande', 'consultant_sensible', 'pgp'] as const;
const idParam = z.object({ id: z.string().openapi({ example: '3f0c7c5e-5b7e-4e43-a8a4-2b1f3f7c9d11' }) });
const notFound = { 404: { description: "inconnue ou invisible pour l'appelant", content: { 'application/problem+json': { schema: problemSchema } } } };
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const linkTtlSeconds = 300;

function named(c: Context<HonoEnv>): string | undefined {
  const nu = c.req.query('numeroUnique');
  return nu ? numeroUniqueParam(nu) : undefined;
}

/** One piece: metadata, content, temporary link, changes, quarantine and restoration. */
export function piecesRoutes() {
  const app = openApiApp();

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/pieces/{id}',
        summary: "Métadonnées d'une pièce",
        security: [{ bearer: [] }],
        request: { params: idParam, query: pgpQuery },
        responses: { 200: json(pieceSchema, 'la pièce'), ...notFound },
      }),
      middleware: [allow(...readers)],
    },
    async (c) => {
      const piece = await findVisiblePiece(c.get('deps').db, c.get('acteur'), c.req.valid('param').id, 'liste', named(c));
      return c.json(toPieceBody(piece), 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'get',
        path: '/pieces/{id}/contenu',
        summary: 'Le PDF de la pièce (ETag = SHA-256, requêtes Range acceptées)',
        security: [{ bearer: [] }],
        request: { params: idParam, query: pgpQuery },
        responses: {
          200: { description: 'le PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
          206: { description: 'une plage du PDF' },
          304: { description: 'inchangé' },
          ...notFound,
        },
      }),
      middleware: [allow(...readers)],
    },
    async (c) => {
      const { db, objects } = c.get('deps');
      const piece = await findVisiblePiece(db, c.get('acteur'), c.req.valid('param').id, 'lecture', named(c));
      const etag = `"${piece.sha256}"`;
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
      const range = parseRange(c.req.header('range'), piece.taille);
      await recordConsultation(db, c.get('acteur'), piece, 'contenu');
      const object = await objects.get(bucketOf(piece), piece.cle, range ?? undefined);
      c.header('content-type', 'application/pdf');
      c.header('etag', etag);
      c.header('accept-ranges', 'bytes');
      c.header('content-disposition', `inline; filename="${piece.type}-${piece.id}.pdf"`);
      c.header('content-length', String(range ? range.end - range.start + 1 : piece.taille));
      if (range) {
        c.status(206);
        c.header('content-range', `bytes ${range.start}-${range.end}/${piece.taille}`);
      }
      return stream(c, async (out) => {
        for await (const chunk of object.body) await out.write(chunk as Uint8Array);
      });
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'post',
        path: '/pieces/{id}/lien',
        summary: 'Un lien de téléchargement direct valable 5 minutes au plus',
        security: [{ bearer: [] }],
        request: { params: idParam, query: pgpQuery },
        responses: { 200: json(z.object({ url: z.string(), expireLe: z.string() }), 'le lien'), ...notFound },
      }),
      middleware: [allow(...readers)],
    },
    async (c) => {
      const { db, objects } = c.get('deps');
      const piece = await findVisiblePiece(db, c.get('acteur'), c.req.valid('param').id, 'lecture', named(c));
      await recordConsultation(db, c.get('acteur'), piece, 'lien');
      const url = await objects.presignGet(bucketOf(piece), piece.cle, linkTtlSeconds, { filename: `${piece.type}-${piece.id}.pdf` });
      return c.json({ url, expireLe: new Date(Date.now() + linkTtlSeconds * 1000).toISOString() }, 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'patch',
        path: '/pieces/{id}',
        summary: 'Reclasse ou annote une pièce',
        security: [{ bearer: [] }],
        request: {
          params: idParam,
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z
                  .object({
                    categorie: z.string().optional(),
                    type: z.string().optional(),
                    indicePertinence: z.enum(indicesPertinence).optional(),
                    dateFinValidite: z.string().nullable().optional(),
                  })
                  .strict(),
              },
            },
          },
        },
        responses: { 200: json(pieceSchema, 'la pièce modifiée'), ...notFound },
      }),
      middleware: [allow('guichet', 'gestionnaire')],
    },
    async (c) => {
      const deps = c.get('deps');
      const piece = await findVisiblePiece(deps.db, c.get('acteur'), c.req.valid('param').id, 'lecture');
      return c.json(toPieceBody(await changePiece(deps, c.get('acteur'), piece, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'delete',
        path: '/pieces/{id}',
        summary: 'Met la pièce en quarantaine (suppression réversible) avec un motif',
        security: [{ bearer: [] }],
        request: { params: idParam, query: pgpQuery.extend({ motif: z.string().trim().min(3).max(500).optional() }) },
        responses: { 200: json(pieceSchema, 'la pièce en quarantaine'), ...notFound },
      }),
      middleware: [allow('guichet', 'gestionnaire', 'pgp')],
    },
    async (c) => {
      const deps = c.get('deps');
      const acteur = c.get('acteur');
      const piece = await findVisiblePiece(deps.db, acteur, c.req.valid('param').id, 'lecture', named(c));
      const body = (await c.req.json().catch(() => ({}))) as { motif?: unknown };
      const motif = c.req.valid('query').motif ?? (typeof body.motif === 'string' ? body.motif.trim() : '');
      if (motif.length < 3) throw new AppError('requete_invalide', 'motif de mise en quarantaine manquant (?motif=… ou {"motif": "…"})');
      return c.json(toPieceBody(await quarantinePiece(deps, acteur, piece, motif)), 200);
    },
  );

  app.openapi(
    {
      ...createRoute({
        method: 'post',
        path: '/pieces/{id}/restauration',
        summary: 'Sort la pièce de quarantaine',
        security: [{ bearer: [] }],
        request: { params: idParam },
        responses: { 200: json(pieceSchema, 'la pièce restaurée'), ...notFound },
      }),
      middleware: [allow('guichet', 'gestionnaire')],
    },
    async (c) => {
      const deps = c.get('deps');
      const piece = await findVisiblePiece(deps.db, c.get('acteur'), c.req.valid('param').id, 'lecture');
      return c.json(toPieceBody(await restorePiece(deps, c.get('acteur'), piece)), 200);
    },
  );

  return app;
}

/** A single `bytes=a-b` range within the object, or null for the whole; anything else is ignored. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start > end || start >= size) throw new AppError('requete_invalide', `plage ${header} hors du fichier (${size} octets)`);
  return { start, end };
}
