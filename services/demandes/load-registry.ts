import { inArray } from 'drizzle-orm';
import type { RegistreLookup } from '../../classification/match-couverture.ts';
import type { Personnes } from '../../classification/page-text.ts';
import type { Database } from '../../storage/database.ts';
import { demandes, type Demande } from '../../storage/schema/index.ts';

/** The registry as a lot's decisions consult it: numbers and the persons named in a dossier, answered from memory. */
export type RegistreDesPages = RegistreLookup & { personnes(numeroUnique: string): Personnes };

/** The demandes the numbers may name, fetched in one query: the decisions stay pure and synchronous on what was fetched. */
export async function loadRegistry(db: Database, numbers: string[]): Promise<RegistreDesPages> {
  const rows: Demande[] = numbers.length ? await db.select().from(demandes).where(inArray(demandes.numeroUnique, numbers)) : [];
  const byNumber = new Map(rows.map((d) => [d.numeroUnique, d]));
  return {
    parNumero: (nu) => byNumber.get(nu),
    personnes: (nu) => {
      const d = byNumber.get(nu);
      return d ? { demandeur: { nom: d.nom, prenom: d.prenom, dateNaissance: d.dateNaissance } } : {};
    },
  };
}
