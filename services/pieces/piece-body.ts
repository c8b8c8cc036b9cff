import { findType } from '../../classification/plan-de-classement.ts';
import type { Piece } from '../../storage/schema/index.ts';

/** A piece as the API shows it (API.md). */
export function toPieceBody(piece: Piece) {
  return {
    id: piece.id,
    numeroUnique: piece.numeroUnique,
    categorie: piece.categorie,
    type: piece.type,
    libelle: findType(piece.categorie, piece.type)?.type.label ?? piece.type,
    sensible: piece.sensible,
    statut: piece.statut,
    indicePertinence: piece.indicePertinence,
    dateFinValidite: piece.dateFinValidite,
    pages: piece.pages,
    taille: piece.taille,
    sha256: piece.sha256,
    canal: piece.canal,
    source: { lotId: piece.lotId, pages: piece.pagesSource ?? [] },
    motifQuarantaine: piece.motifQuarantaine,
    creeLe: piece.creeLe.toISOString(),
    modifieLe: piece.modifieLe.toISOString(),
  };
}

export type PieceBody = ReturnType<typeof toPieceBody>;

/** The bucket a piece lives in, from its status and sensitivity. */
export function bucketOf(piece: { statut: 'active' | 'quarantaine'; sensible: boolean }) {
  if (piece.statut === 'quarantaine') return 'quarantaine' as const;
  return piece.sensible ? ('pieces-sensibles' as const) : ('pieces' as const);
}
