import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { lots, tachesRevue, type Canal, type MotifRevue } from '../../storage/schema/index.ts';

export type CompteursFile = {
  total: number;
  parMotif: Partial<Record<MotifRevue, number>>;
  parCanal: Partial<Record<Canal, number>>;
  /** The lots that have open tasks, for the queue's lot filter. */
  lots: { id: string; reference: string | null; canal: Canal; taches: number }[];
};

/** How many tasks are open, by reason, by channel and by lot: the queue's counts and filters. */
export async function countOpenTasks(db: Database): Promise<CompteursFile> {
  const rows = await db
    .select({ motif: tachesRevue.motif, lotId: lots.id, reference: lots.reference, canal: lots.canal, n: sql<number>`count(*)`.mapWith(Number) })
    .from(tachesRevue)
    .leftJoin(lots, eq(lots.id, tachesRevue.lotId))
    .where(eq(tachesRevue.statut, 'ouverte'))
    .groupBy(tachesRevue.motif, lots.id, lots.reference, lots.canal);
  const compteurs: CompteursFile = { total: 0, parMotif: {}, parCanal: {}, lots: [] };
  const parLot = new Map<string, CompteursFile['lots'][number]>();
  for (const row of rows) {
    compteurs.total += row.n;
    compteurs.parMotif[row.motif] = (compteurs.parMotif[row.motif] ?? 0) + row.n;
    if (!row.lotId || !row.canal) continue;
    compteurs.parCanal[row.canal] = (compteurs.parCanal[row.canal] ?? 0) + row.n;
    const lot = parLot.get(row.lotId) ?? { id: row.lotId, reference: row.reference, canal: row.canal, taches: 0 };
    lot.taches += row.n;
    parLot.set(row.lotId, lot);
  }
  compteurs.lots = [...parLot.values()];
  return compteurs;
}
