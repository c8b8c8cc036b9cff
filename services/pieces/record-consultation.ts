import type { Database } from '../../storage/database.ts';
import type { Acteur, Piece } from '../../storage/schema/index.ts';
import { appendJournal } from './journal.ts';

/** Every read of a sensitive piece is journaled, with who read it and how. */
export async function recordConsultation(db: Database, acteur: Acteur, piece: Piece, how: 'contenu' | 'lien'): Promise<void> {
  if (!piece.sensible) return;
  await db.transaction((tx) =>
    appendJournal(tx, {
      numeroUnique: piece.numeroUnique,
      pieceId: piece.id,
      evenement: 'consultation_sensible',
      acteur,
      message: how === 'lien' ? 'lien de téléchargement temporaire délivré' : 'contenu téléchargé',
      details: { acces: how },
    }),
  );
}
