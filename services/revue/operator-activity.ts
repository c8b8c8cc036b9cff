import { and, eq, gte, isNotNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { acteurs, tachesRevue } from '../../storage/schema/index.ts';
import { startOfParisDay } from './deadline.ts';

export type ActiviteOperateur = { acteurId: string; nom: string; tachesCloses: number; secondesMedianes: number | null };

/** The median of some numbers, or null when there are none (pure). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Per operator, the tasks they closed today (French day) and the median time they spent on one:
 * from when they opened it to their decision. A task decided without being opened in the station
 * (an API client) counts as closed but has no time.
 */
export async function operatorActivity(db: Database, now = new Date()): Promise<ActiviteOperateur[]> {
  const rows = await db
    .select({ acteurId: tachesRevue.resoluPar, nom: acteurs.nom, priseLe: tachesRevue.priseLe, resoluLe: tachesRevue.resoluLe })
    .from(tachesRevue)
    .innerJoin(acteurs, eq(acteurs.id, tachesRevue.resoluPar))
    .where(and(isNotNull(tachesRevue.resoluLe), gte(tachesRevue.resoluLe, startOfParisDay(now))));
  const parActeur = new Map<string, { nom: string; closes: number; secondes: number[] }>();
  for (const row of rows) {
    const entry = parActeur.get(row.acteurId!) ?? { nom: row.nom, closes: 0, secondes: [] };
    entry.closes += 1;
    if (row.priseLe && row.resoluLe) entry.secondes.push((row.resoluLe.getTime() - row.priseLe.getTime()) / 1000);
    parActeur.set(row.acteurId!, entry);
  }
  return [...parActeur.entries()]
    .map(([acteurId, e]) => {
      const m = median(e.secondes);
      return { acteurId, nom: e.nom, tachesCloses: e.closes, secondesMedianes: m === null ? null : Math.round(m * 10) / 10 };
    })
    .sort((a, b) => b.tachesCloses - a.tachesCloses || a.nom.localeCompare(b.nom, 'fr'));
}
