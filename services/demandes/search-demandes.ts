import { asc, ilike, or, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { demandes } from '../../storage/schema/index.ts';

export type DemandeTrouvee = { numeroUnique: string; nom: string; prenom: string; etat: 'active' | 'radiee'; dateNaissance: string };

/**
 * Demandes of the registry as an operator types: by the start of the numéro unique (spaces,
 * dots and dashes ignored) once the text holds a digit, else by the applicant's name or first
 * name. At most `limit`, so that each keystroke stays cheap.
 */
export async function searchDemandes(db: Database, input: { q: string; limit: number }): Promise<DemandeTrouvee[]> {
  const q = input.q.trim();
  if (q.length < 2) return [];
  const escaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const compact = q.replace(/[\s.\-_]/g, '').toUpperCase();
  const where = /\d/.test(q)
    ? sql`replace(${demandes.numeroUnique}, ' ', '') like ${`${escaped(compact)}%`}`
    : or(ilike(demandes.nom, `%${escaped(q)}%`), ilike(demandes.prenom, `%${escaped(q)}%`));
  return db
    .select({ numeroUnique: demandes.numeroUnique, nom: demandes.nom, prenom: demandes.prenom, etat: demandes.etat, dateNaissance: demandes.dateNaissance })
    .from(demandes)
    .where(where)
    .orderBy(asc(demandes.nom), asc(demandes.numeroUnique))
    .limit(input.limit);
}
