import { sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { demandes, type NouvelleDemande } from '../../storage/schema/index.ts';
import { validateDemande } from './validate-demande.ts';
import { forgetGuichetCodes } from './load-registry.ts';

export type ImportRow = { ligne: number; valeurs: unknown };
export type ImportResult = {
  recues: number;
  acceptees: number;
  rejetees: number;
  creees: number;
  modifiees: number;
  inchangees: number;
  erreurs: { ligne: number; numeroUnique?: string; motif: string }[];
};

const batchSize = 500;

/**
 * Upserts registry rows by numéro unique. Each invalid row is rejected with its line and reason;
 * the valid ones are kept. Re-importing the same rows changes nothing.
 */
export async function importDemandes({ db, input, today }: { db: Database; input: ImportRow[]; today: string }): Promise<ImportResult> {
  const erreurs: ImportResult['erreurs'] = [];
  const valides = new Map<string, { ligne: number; demande: NouvelleDemande }>();
  for (const row of input) {
    const result = validateDemande(row.valeurs, today);
    if (!result.ok) {
      erreurs.push({ ligne: row.ligne, ...(result.numeroUnique ? { numeroUnique: result.numeroUnique } : {}), motif: result.motif });
      continue;
    }
    const earlier = valides.get(result.demande.numeroUnique);
    if (earlier) {
      erreurs.push({ ligne: row.ligne, numeroUnique: result.demande.numeroUnique, motif: `numéro unique déjà présent ligne ${earlier.ligne} de cet import` });
      continue;
    }
    valides.set(result.demande.numeroUnique, { ligne: row.ligne, demande: result.demande });
  }

  let creees = 0;
  let modifiees = 0;
  const rows = [...valides.values()].map((v) => v.demande);
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += batchSize) {
      const written = await tx
        .insert(demandes)
        .values(rows.slice(start, start + batchSize))
        .onConflictDoUpdate({
          target: demandes.numeroUnique,
          set: {
            etat: sql`excluded.etat`,
            nom: sql`excluded.nom`,
            prenom: sql`excluded.prenom`,
            dateNaissance: sql`excluded.date_naissance`,
            email: sql`excluded.email`,
            guichet: sql`excluded.guichet`,
            dateDepot: sql`excluded.date_depot`,
            dateRadiation: sql`excluded.date_radiation`,
            modifieLe: sql`now()`,
          },
          // an identical row is left alone, so a re-import reports it unchanged
          setWhere: sql`(${demandes.etat}, ${demandes.nom}, ${demandes.prenom}, ${demandes.dateNaissance}, ${demandes.email}, ${demandes.guichet}, ${demandes.dateDepot}, ${demandes.dateRadiation})
            is distinct from (excluded.etat, excluded.nom, excluded.prenom, excluded.date_naissance, excluded.email, excluded.guichet, excluded.date_depot, excluded.date_radiation)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const row of written) row.inserted ? creees++ : modifiees++;
    }
  });

  forgetGuichetCodes(db);
  erreurs.sort((a, b) => a.ligne - b.ligne);
  return {
    recues: input.length,
    acceptees: rows.length,
    rejetees: erreurs.length,
    creees,
    modifiees,
    inchangees: rows.length - creees - modifiees,
    erreurs,
  };
}
