import { eq } from 'drizzle-orm';
import { parseNumeroUnique } from '../../classification/numero-unique.ts';
import type { Database } from '../../storage/database.ts';
import { demandes, type Demande } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/** The canonical numéro unique of a path parameter (18 characters or the spaced form), or a 400. */
export function numeroUniqueParam(value: string): string {
  const parsed = parseNumeroUnique(decodeURIComponent(value));
  if (!parsed.ok) throw new AppError('numero_unique_invalide', `numéro unique « ${value} » invalide : ${parsed.reason}`);
  return parsed.canonical;
}

export async function getDemande({ db, numeroUnique }: { db: Database; numeroUnique: string }): Promise<Demande> {
  const [demande] = await db.select().from(demandes).where(eq(demandes.numeroUnique, numeroUnique)).limit(1);
  if (!demande) throw new AppError('demande_inconnue', `aucune demande ${numeroUnique} au registre`);
  return demande;
}
