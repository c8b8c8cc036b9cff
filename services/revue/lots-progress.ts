import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { lots, pages, tachesRevue, type Canal, type MotifRevue, type StatutLot, type StatutRevue } from '../../storage/schema/index.ts';

/** Review motifs whose task holds a whole envelope (its cover first): an envelope found but not filed. */
const envelopeMotifs: MotifRevue[] = ['couverture_non_rattachee', 'pli_a_verifier'];

export type AvancementLot = {
  id: string;
  reference: string | null;
  canal: Canal;
  statut: StatutLot;
  recuLe: Date;
  /** Pages known in the lot (from reception for a scan lot received by `cli ingest`, else once read), and those read so far. */
  pages: number | null;
  pagesLues: number;
  pagesClassees: number;
  pagesCouverture: number;
  pagesBlanches: number;
  pagesEnRevue: number;
  plisDeclares: number | null;
  plisTrouves: number;
  taches: { id: string; motif: MotifRevue; statut: StatutRevue; pages: number[] }[];
};

/** The most recent lots of every channel with where their pages are: read, filed, blank, in review; envelopes declared against found. */
export async function lotsProgress(db: Database, input: { limit: number; canal?: Canal | undefined }): Promise<AvancementLot[]> {
  const recent = await db
    .select()
    .from(lots)
    .where(input.canal ? eq(lots.canal, input.canal) : undefined)
    .orderBy(desc(lots.creeLe))
    .limit(input.limit);
  if (recent.length === 0) return [];
  const ids = recent.map((l) => l.id);
  const count = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const [roles, tasks] = await Promise.all([
    db
      .select({
        lotId: pages.lotId,
        piece: count(sql`${pages.role} = 'piece'`),
        couverture: count(sql`${pages.role} = 'couverture'`),
        blanc: count(sql`${pages.role} = 'blanc'`),
        revue: count(sql`${pages.role} = 'revue' and ${tachesRevue.statut} = 'ouverte'`),
        // an envelope filed is one dossier's cover pages in the lot
        plis: sql<number>`count(distinct ${pages.numeroUnique}) filter (where ${pages.role} = 'couverture')`.mapWith(Number),
      })
      .from(pages)
      .leftJoin(tachesRevue, eq(tachesRevue.id, pages.revueId))
      .where(inArray(pages.lotId, ids))
      .groupBy(pages.lotId),
    db
      .select({ id: tachesRevue.id, lotId: tachesRevue.lotId, motif: tachesRevue.motif, statut: tachesRevue.statut, pages: tachesRevue.pages })
      .from(tachesRevue)
      .where(inArray(tachesRevue.lotId, ids))
      .orderBy(tachesRevue.creeLe),
  ]);
  return recent.map((lot) => {
    const r = roles.find((x) => x.lotId === lot.id);
    const own = tasks.filter((t) => t.lotId === lot.id);
    const heldEnvelopes = own.filter((t) => t.statut === 'ouverte' && envelopeMotifs.includes(t.motif)).length;
    return {
      id: lot.id,
      reference: lot.reference,
      canal: lot.canal,
      statut: lot.statut,
      recuLe: lot.creeLe,
      pages: lot.pages,
      pagesLues: lot.pagesTraitees,
      pagesClassees: r?.piece ?? 0,
      pagesCouverture: r?.couverture ?? 0,
      pagesBlanches: r?.blanc ?? 0,
      pagesEnRevue: r?.revue ?? 0,
      plisDeclares: lot.plisDeclares,
      plisTrouves: (r?.plis ?? 0) + heldEnvelopes,
      taches: own.map((t) => ({ id: t.id, motif: t.motif, statut: t.statut, pages: t.pages })),
    };
  });
}
