import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { journal } from '../../storage/schema/index.ts';

/** A dossier's events, newest first. */
export async function readJournal(db: Database, numeroUnique: string) {
  return db.select().from(journal).where(eq(journal.numeroUnique, numeroUnique)).orderBy(desc(journal.id));
}

export function toEvenementBody(row: Awaited<ReturnType<typeof readJournal>>[number]) {
  return {
    id: row.id,
    date: row.creeLe.toISOString(),
    evenement: row.evenement,
    pieceId: row.pieceId,
    acteur: row.acteurNom,
    guichet: row.guichet,
    message: row.message,
    details: row.details,
    hash: row.hash,
  };
}
