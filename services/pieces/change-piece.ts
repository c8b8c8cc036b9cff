import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { Acteur, Piece } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { parseCalendarDate } from '../demandes/calendar-date.ts';
import { enforceLimits } from './enforce-limits.ts';
import { lockDossier } from './journal.ts';
import { updatePiece } from './move-piece.ts';
import { resolveType } from './upload-piece.ts';

export type PieceChange = { categorie?: string; type?: string; indicePertinence?: Piece['indicePertinence']; dateFinValidite?: string | null };

type Deps = { db: Database; objects: ObjectStore };

/** Reclassifies or annotates a piece; a type that crosses sensitivity moves it between buckets. */
export async function changePiece(deps: Deps, acteur: Acteur, piece: Piece, input: PieceChange): Promise<Piece> {
  if (piece.statut !== 'active') throw new AppError('conflit', "une pièce en quarantaine se restaure avant d'être modifiée");
  const change: Partial<Piece> = {};
  const found = input.type || input.categorie ? resolveType({ type: input.type ?? piece.type, categorie: input.categorie }) : undefined;
  if (found && (found.type.code !== piece.type || found.categorie.code !== piece.categorie)) {
    change.type = found.type.code;
    change.categorie = found.categorie.code;
    change.sensible = found.type.sensitive || found.categorie.sensitive;
  }
  if (input.indicePertinence && input.indicePertinence !== piece.indicePertinence) change.indicePertinence = input.indicePertinence;
  if (input.dateFinValidite !== undefined) {
    const date = input.dateFinValidite === null ? null : parseCalendarDate(input.dateFinValidite);
    if (input.dateFinValidite !== null && !date) throw new AppError('requete_invalide', `date de fin de validité « ${input.dateFinValidite} » impossible`);
    if (date !== piece.dateFinValidite) change.dateFinValidite = date;
  }
  const fields = Object.keys(change) as (keyof Piece)[];
  if (fields.length === 0) return piece;

  const avant = Object.fromEntries(fields.map((f) => [f, piece[f]]));
  const apres = Object.fromEntries(fields.map((f) => [f, change[f]]));
  return updatePiece(
    deps,
    piece,
    change,
    {
      evenement: 'modification',
      acteur,
      message: fields.map((f) => `${f} : ${String(avant[f])} → ${String(apres[f])}`).join(' ; '),
      details: { avant, apres },
    },
    found && change.type
      ? async (tx) => {
          await lockDossier(tx, piece.numeroUnique);
          await enforceLimits(tx, piece.numeroUnique, found, piece.id);
        }
      : undefined,
  );
}
