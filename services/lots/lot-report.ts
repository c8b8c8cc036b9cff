import { eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { acteurs, lots, pages, pieces, tachesRevue, type Page } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/**
 * A lot as an operator checks it: every page in exactly one place (a cover, a piece, the blank
 * list or a review task), grouped by envelope.
 */
export async function lotReport(db: Database, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('introuvable', `aucun lot ${id}`);
  const [lot] = await db.select().from(lots).where(eq(lots.id, id));
  if (!lot) throw new AppError('introuvable', `aucun lot ${id}`);
  const [pageRows, pieceRows, tasks] = await Promise.all([
    db.select().from(pages).where(eq(pages.lotId, id)).orderBy(pages.index),
    db.select().from(pieces).where(eq(pieces.lotId, id)),
    db
      .select({ task: tachesRevue, decideur: acteurs.nom })
      .from(tachesRevue)
      .leftJoin(acteurs, eq(acteurs.id, tachesRevue.resoluPar))
      .where(eq(tachesRevue.lotId, id))
      .orderBy(tachesRevue.creeLe),
  ]);
  const plis = new Map<
    string,
    { numeroUnique: string; statut: 'classe'; couverture: number[]; pieces: { id: string; categorie: string; type: string; pages: number[] }[] }
  >();
  const pli = (nu: string) => plis.get(nu) ?? plis.set(nu, { numeroUnique: nu, statut: 'classe', couverture: [], pieces: [] }).get(nu)!;
  for (const row of pageRows) if (row.role === 'couverture' && row.numeroUnique) pli(row.numeroUnique).couverture.push(row.index);
  for (const piece of pieceRows) {
    pli(piece.numeroUnique).pieces.push({ id: piece.id, categorie: piece.categorie, type: piece.type, pages: piece.pagesSource ?? [] });
  }
  return {
    id: lot.id,
    statut: lot.statut,
    reference: lot.reference,
    // a file of a lot fully filed says when the retention job removed its original
    fichiers: lot.fichiers.map((f) => ({ nom: f.nom, taille: f.taille, sha256: f.sha256, supprimeLe: f.supprimeLe ?? null })),
    pages: lot.pages,
    pagesTraitees: lot.pagesTraitees,
    // attempts so far and the last failed one's error: an `echec` lot says why it was set aside
    tentatives: lot.tentatives,
    erreur: lot.erreur,
    travailleur: lot.travailleur,
    plisDeclares: lot.plisDeclares,
    plis: [...plis.values()],
    pagesBlanches: pageRows.filter((r) => r.role === 'blanc').map((r) => r.index),
    // a task holds the pages it still has: those a resolution filed are now in their piece, those
    // rejected stay with it; a closed task says who closed it, when, and a rejection's reason
    revue: tasks.map(({ task: t, decideur }) => ({
      id: t.id,
      motif: t.motif,
      statut: t.statut,
      detail: t.detail,
      pages: heldPages(pageRows, t.id),
      decision: t.resoluLe ? { par: decideur, le: t.resoluLe.toISOString(), rejet: typeof t.resolution?.rejet === 'string' ? t.resolution.rejet : null } : null,
    })),
    creeLe: lot.creeLe.toISOString(),
    modifieLe: lot.modifieLe.toISOString(),
  };
}

function heldPages(pageRows: Page[], taskId: string): number[] {
  return pageRows.filter((r) => r.revueId === taskId && r.role === 'revue').map((r) => r.index);
}

export type LotReport = Awaited<ReturnType<typeof lotReport>>;
