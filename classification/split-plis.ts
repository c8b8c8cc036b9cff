import { detecterCouverture, type DetectionCouverture } from './detecter-couverture.ts';
import { distanceNumeroUnique, findNumeroUniqueCandidates } from './numero-unique.ts';
import type { PageTexte } from './page-text.ts';

/** Why an envelope cannot be filed without an operator, whatever its cover's match. */
export type AlertePli =
  | { motif: 'couverture_incertaine'; page: number }
  | { motif: 'numero_different'; page: number; numeroUnique: string }
  | { motif: 'pli_vide' };

export type Pli = {
  /** Index of the cover page in the lot. */
  couverture: number;
  detection: DetectionCouverture;
  /** Numbers read on the cover page (full-page text). */
  numerosLus: string[];
  /** The pages after the cover up to the next one, blank ones included, in order. */
  pages: number[];
  alertes: AlertePli[];
};

export type DecoupageLot = {
  plis: Pli[];
  /** Pages with content before the first cover (of the lot, or of their file when pages give it): they belong to no known dossier. */
  avantPremiereCouverture: number[];
  /** Blank pages before the first cover (recorded, recoverable). */
  pagesBlanches: number[];
  /** Set when the operator declared a number of envelopes and the covers found differ. */
  revueLot?: { motif: 'plis_declares_different'; plisDeclares: number; plisTrouves: number };
};

/**
 * Cuts a lot into envelopes at each cover page. An uncertain cover also opens an envelope (so
 * that its pages never join the previous applicant's) and flags it. When pages say which file of
 * the lot they come from, an envelope ends with its file. Every page of the lot ends up
 * in exactly one place: a cover, an envelope's pages, the pages before the first cover, or blanks.
 */
export function splitPlis(pages: PageTexte[], options: { plisDeclares?: number } = {}): DecoupageLot {
  const decoupage: DecoupageLot = { plis: [], avantPremiereCouverture: [], pagesBlanches: [] };
  let fichierDuPli: number | undefined;
  for (const page of pages) {
    const detection = detecterCouverture(page);
    // an envelope does not run on into the next file of the lot: pages before a file's first cover belong to no known dossier
    const autreFichier = page.fichier !== undefined && fichierDuPli !== undefined && page.fichier !== fichierDuPli;
    const courant = autreFichier ? undefined : decoupage.plis[decoupage.plis.length - 1];
    if (detection.verdict !== 'non') {
      decoupage.plis.push(ouvrirPli(page, detection));
      fichierDuPli = page.fichier;
    } else if (courant !== undefined) ajouterPage(courant, page);
    else if (page.blank === true || page.text.trim() === '') decoupage.pagesBlanches.push(page.index);
    else decoupage.avantPremiereCouverture.push(page.index);
  }
  for (const pli of decoupage.plis) if (pli.pages.length === 0) pli.alertes.push({ motif: 'pli_vide' });
  const { plisDeclares } = options;
  if (plisDeclares !== undefined && plisDeclares !== decoupage.plis.length) {
    decoupage.revueLot = { motif: 'plis_declares_different', plisDeclares, plisTrouves: decoupage.plis.length };
  }
  return decoupage;
}

function ouvrirPli(page: PageTexte, detection: DetectionCouverture): Pli {
  const alertes: AlertePli[] = detection.verdict === 'incertaine' ? [{ motif: 'couverture_incertaine', page: page.index }] : [];
  // the zone's reads count: a cover whose page reading missed its number must not make its own pages look foreign
  const numerosLus = findNumeroUniqueCandidates([page.text, ...(page.lecturesZone ?? [])].join('\n'));
  return { couverture: page.index, detection, numerosLus, pages: [], alertes };
}

// A page quoting a number other than its cover's may belong to another applicant.
function ajouterPage(pli: Pli, page: PageTexte): void {
  pli.pages.push(page.index);
  if (page.blank === true) return;
  for (const nu of findNumeroUniqueCandidates(page.text)) {
    const connu = pli.numerosLus.some((lu) => distanceNumeroUnique(lu, nu) <= 1);
    if (!connu) pli.alertes.push({ motif: 'numero_different', page: page.index, numeroUnique: nu });
  }
}
