/** What a processed lot did with its pages, read back from its rows as the comparison takes a decision (pure). */
import type { DecisionLot, PliDecide } from '../../services/lots/decide-lot.ts';
import type { Page, Piece, TacheRevue } from '../../storage/schema/index.ts';

/**
 * The lot's envelopes (each run of cover pages under one number, blank pages aside, with the pieces of that number
 * filed from the pages after it, up to the next cover), its blank pages and its review tasks with
 * the pages each still holds. A filed document's confidence is not kept: NaN.
 */
export function issueDuLot(rows: Page[], pieces: Piece[], taches: TacheRevue[]): DecisionLot {
  const covers = rows.filter((row) => row.role === 'couverture').sort((a, b) => a.index - b.index);
  const blanches = new Set(rows.filter((row) => row.role === 'blanc').map((row) => row.index));
  // a cover's pages under one number with nothing but blank pages between them (a duplex scan's versos) are one run
  const suit = (last: PliDecide, index: number) => {
    for (let i = last.couverture[last.couverture.length - 1]! + 1; i < index; i++) if (!blanches.has(i)) return false;
    return true;
  };
  const plis: PliDecide[] = [];
  for (const row of covers) {
    const last = plis[plis.length - 1];
    if (last && last.numeroUnique === row.numeroUnique && suit(last, row.index)) last.couverture.push(row.index);
    else plis.push({ couverture: [row.index], numeroUnique: row.numeroUnique, documents: [] });
  }
  for (const piece of [...pieces].sort((a, b) => (a.pagesSource?.[0] ?? 0) - (b.pagesSource?.[0] ?? 0))) {
    const first = piece.pagesSource?.[0] ?? 0;
    const pli = plis.filter((p) => p.numeroUnique === piece.numeroUnique && p.couverture[0]! < first).pop();
    const document = { pages: piece.pagesSource ?? [], categorie: piece.categorie, type: piece.type, confiance: Number.NaN };
    if (pli) pli.documents.push(document);
    else plis.push({ couverture: [], numeroUnique: piece.numeroUnique, documents: [document] });
  }
  const held = (taskId: string) => rows.filter((row) => row.revueId === taskId && row.role === 'revue').map((row) => row.index);
  return {
    plis,
    pagesBlanches: rows.filter((row) => row.role === 'blanc').map((row) => row.index),
    revues: taches
      .map((t) => ({ motif: t.motif, pages: held(t.id), detail: t.detail ?? '', suggestions: t.suggestions ?? null }))
      .filter((t) => t.pages.length > 0),
    enAttente: rows.filter((row) => row.role === null).map((row) => row.index),
  };
}
