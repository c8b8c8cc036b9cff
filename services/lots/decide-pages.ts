import { and, eq, lt } from 'drizzle-orm';
import { numerosRecomposes } from '../../classification/numero-unique.ts';
import { numerosDeLaPage, type PageTexte } from '../../classification/page-text.ts';
import type { AlertePli } from '../../classification/split-plis.ts';
import { pages, type Lot, type Page } from '../../storage/schema/index.ts';
import { loadRegistry } from '../demandes/load-registry.ts';
import { decideLot, pagesEnDoute, type DecisionLot } from './decide-lot.ts';
import { corpsNonLu, readPageBodies, type ReadBodiesDeps } from './read-page-bodies.ts';
import { readPageNumbers } from './read-page-numbers.ts';

export type DecideDeps = ReadBodiesDeps & { today: () => string };

/** The decisions on a lot's pages, with the page rows they were taken on and the pages whose body was read for them. */
export type PagesDecidees = { decision: DecisionLot; pages: Page[]; corpsLus: number[] };

/**
 * Stage 2: the decisions on the pages of a lot read so far (of its first `fichiers` files, or all
 * of them): the registry rows their numbers may name, `decideLot`, and, when pages read by head and
 * foot only are left in doubt, their bodies read and the pages decided again. `complet: false`
 * while the lot is still being read: what the pages after may change waits (`enAttente`).
 */
export async function decidePages(lot: Lot, deps: DecideDeps, options: { complet: boolean; fichiers?: number }): Promise<PagesDecidees> {
  const load = () =>
    deps.db
      .select()
      .from(pages)
      .where(and(eq(pages.lotId, lot.id), options.fichiers === undefined ? undefined : lt(pages.fichier, options.fichiers)))
      .orderBy(pages.index);
  const decide = async (rows: Page[]) => {
    const textes = pageTextes(rows);
    const lues = textes.filter((page) => !page.blank);
    const registre = await loadRegistry(
      deps.db,
      // a page with no whole number may show one in two parts (`numerosRecomposes`): those pairings are fetched too
      lues.flatMap((page) => {
        const numeros = numerosDeLaPage(page);
        return numeros.length > 0 ? numeros : numerosRecomposes(page.text, { registre: true });
      }),
      lues.map((page) => page.text),
    );
    const decision = decideLot(textes, registre, { plisDeclares: lot.plisDeclares ?? undefined, today: deps.today(), complet: options.complet });
    return withUnreadablePages(decision, rows);
  };
  let rows = await load();
  let decision = await decide(rows);
  const corpsLus = bodiesToRead(decision, rows);
  if (corpsLus.length > 0) {
    await readPageBodies(lot.id, rows, corpsLus, deps);
    rows = await load();
    decision = await decide(rows);
  }
  const numerosCherches = numbersToSeek(decision, rows);
  if (numerosCherches.length > 0) {
    await readPageNumbers(lot.id, rows, numerosCherches, deps);
    rows = await load();
    decision = await decide(rows);
  }
  return { decision, pages: rows, corpsLus };
}

/**
 * The pages as the decisions see them; a page OCR could not read takes no part in them, so it lands
 * in one place only, and the page after it, or after a file that gave no page, follows a gap where
 * a cover may have been lost. Pure.
 */
export function pageTextes(rows: Page[]): PageTexte[] {
  const textes: PageTexte[] = [];
  let dernierFichier = -1;
  let lacune = false;
  for (const row of rows) {
    // a file skipped: it gave no page at all
    if (row.fichier > dernierFichier + 1) lacune = true;
    dernierFichier = Math.max(dernierFichier, row.fichier);
    if (row.erreur) {
      lacune = true;
      continue;
    }
    textes.push({
      index: row.index,
      text: row.texte ?? '',
      blank: row.blanc ?? false,
      fichier: row.fichier,
      ...(row.lectureNumero ? { lecturesZone: row.lectureNumero.lectures } : {}),
      ...(row.confianceOcr === null ? {} : { ocrConfidence: row.confianceOcr / 100 }),
      ...(lacune ? { lacuneAvant: true } : {}),
    });
    lacune = false;
  }
  return textes;
}

/** The pages a decision left in doubt whose body was not read yet. Pure. */
export function bodiesToRead(decision: DecisionLot, rows: Page[]): number[] {
  const unread = new Set(rows.filter((row) => corpsNonLu(row) !== null).map((row) => row.index));
  return pagesEnDoute(decision).filter((index) => unread.has(index));
}

/**
 * The pages held as naming an applicant the registry knows other than their envelope's, and the first
 * page held with them before, whose number was never sought (nothing on them looked like a cover's
 * when they were read): each may be that applicant's cover. The held pages start where a cover nobody
 * saw would stand (a form whose number was written in pen on a dotted line, read as scrawl). Pure.
 */
export function numbersToSeek(decision: DecisionLot, rows: Page[]): number[] {
  const jamaisCherche = new Set(
    rows.filter((row) => row.lectureNumero === null && row.normalisation?.ms.numero === undefined && row.blanc !== true && row.texte).map((row) => row.index),
  );
  const aChercher = decision.revues.flatMap((revue) => {
    const alertes = (revue.suggestions?.alertes ?? []) as AlertePli[];
    return alertes.flatMap((alerte) => {
      if (alerte.motif !== 'autre_demandeur') return [];
      const avant = revue.pages.filter((index) => index < alerte.page && jamaisCherche.has(index)).slice(0, 1);
      return [...avant, alerte.page];
    });
  });
  return [...new Set(aChercher)].filter((index) => jamaisCherche.has(index)).sort((a, b) => a - b);
}

/** The decision with each page OCR could not read in a task of its own. Pure. */
function withUnreadablePages(decision: DecisionLot, rows: Page[]): DecisionLot {
  const unreadable = rows.flatMap((row) =>
    row.erreur ? [{ motif: 'fichier_illisible' as const, pages: [row.index], detail: `OCR impossible : ${row.erreur}`, suggestions: null }] : [],
  );
  return { ...decision, revues: [...decision.revues, ...unreadable] };
}
