import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { Acteur, Piece } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { findTypeByCode } from '../../classification/plan-de-classement.ts';
import { enforceLimits } from './enforce-limits.ts';
import { lockDossier } from './journal.ts';
import { updatePiece } from './move-piece.ts';

type Deps = { db: Database; objects: ObjectStore };

/** Soft delete: the piece leaves consultation for the quarantine bucket, with its reason. */
export async function quarantinePiece(deps: Deps, acteur: Acteur, piece: Piece, motif: string): Promise<Piece> {
  if (piece.statut === 'quarantaine') return piece;
  return updatePiece(
    deps,
    piece,
    { statut: 'quarantaine', motifQuarantaine: motif, quarantaineLe: new Date() },
    {
      evenement: 'mise_en_quarantaine',
      acteur,
      message: `mise en quarantaine : ${motif}`,
      details: { motif },
    },
  );
}

/** Back from quarantine to its bucket, if the dossier's limits still allow it. */
export async function restorePiece(deps: Deps, acteur: Acteur, piece: Piece): Promise<Piece> {
  if (piece.statut === 'active') return piece;
  const found = findTypeByCode(piece.type);
  if (!found) throw new AppError('type_inconnu', `le type ${piece.type} n'est plus au plan de classement : reclassez la pièce`);
  return updatePiece(
    deps,
    piece,
    { statut: 'active', motifQuarantaine: null, quarantaineLe: null },
    { evenement: 'restauration', acteur, message: 'restaurée depuis la quarantaine' },
    async (tx) => {
      await lockDossier(tx, piece.numeroUnique);
      await enforceLimits(tx, piece.numeroUnique, found, piece.id);
    },
  );
}
