import { z } from '@hono/zod-openapi';
import { canaux, indicesPertinence, statutsPiece } from '../../storage/schema/index.ts';

export const pieceSchema = z
  .object({
    id: z.string().uuid(),
    numeroUnique: z.string(),
    categorie: z.string(),
    type: z.string(),
    libelle: z.string(),
    sensible: z.boolean(),
    statut: z.enum(statutsPiece),
    indicePertinence: z.enum(indicesPertinence),
    dateFinValidite: z.string().nullable(),
    pages: z.number().int(),
    taille: z.number().int(),
    sha256: z.string(),
    canal: z.enum(canaux),
    source: z.object({ lotId: z.string().nullable(), pages: z.array(z.number().int()) }),
    motifQuarantaine: z.string().nullable(),
    creeLe: z.string(),
    modifieLe: z.string(),
  })
  .openapi('Piece');

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

/** A pgp service names the dossier it acts for on routes that do not carry it in the path. */
export const pgpQuery = z.object({ numeroUnique: z.string().optional() });
