import { type DetectionCouverture, detecterCouverture, type IndicesCouverture, indicesCouverture } from './detecter-couverture.ts';
import type { RegistreLookup } from './match-couverture.ts';
import { lirePagination, type Pagination } from './lire-pagination.ts';
import { distanceNumeroUnique, formeGlyphes, imprimeEnBlocs, numerosRecomposes } from './numero-unique.ts';
import { type PageTexte, textesDeLaPage } from './page-text.ts';
import { trouverNom, trouverPersonneEnEntier } from './trouver-nom.ts';

/** Why an envelope cannot be filed without an operator, whatever its cover's match. */
export type AlertePli =
  | { motif: 'couverture_incertaine'; page: number }
  | { motif: 'numero_different'; page: number; numeroUnique: string }
  | { motif: 'lacune'; page: number }
  | { motif: 'autre_demandeur'; page: number; numeroUnique: string }
  | { motif: 'pli_vide' };

export type Pli = {
  /** Index of the cover page in the lot. */
  couverture: number;
  detection: DetectionCouverture;
  /** Numbers read on the cover page (full-page text and number-zone reads). */
  numerosLus: string[];
  /** With no whole number read there, the starts of one on the cover (torn, cut off): compact digits. */
  debutsLus: string[];
  /** The pages after the cover up to the next one, blank ones included, in order. */
  pages: number[];
  alertes: AlertePli[];
  /**
   * Numberless pages about a registration the envelope kept that may have been another cover: from the first that no
   * later document proves the envelope's own, each document must name the cover's applicant to be filed.
   */
  couverturesPossibles?: number[];
};

export type DecoupageLot = {
  plis: Pli[];
  /** Pages with content before the lot's first cover: they belong to no known dossier. */
  avantPremiereCouverture: number[];
  /** Blank pages before the first cover (recorded, recoverable). */
  pagesBlanches: number[];
};

// Two reads this close are the same printed number misread, unless the registry knows both.
const MEME_NUMERO = 2;

/**
 * Cuts a lot, one scan sequence whatever its files, into envelopes. A page opens an envelope on
 * evidence that holds for every issuer: a numéro unique other than the current envelope's, known to
 * the registry, printed as a number is printed (whole or split between its blocks) or on a page that
 * speaks of a housing demand's registration (or the lot's first page); a page that speaks of a
 * registration or labels a demand's number without a readable number, a page nobody could read and
 * a page after a gap in the sequence open an uncertain one (its pages never join the previous
 * applicant's). A page quoting the current envelope's own number (the attestation's page 2, a
 * guichet's covering letter) stays in it; one where only a lenient reading finds another number
 * (pieced together across other figures), or a document's next page (« 2/2 » after « 1/2 ») quoting
 * another, holds its envelope. Every page ends up in exactly one
 * place. Pure.
 */
export function splitPlis(pages: PageTexte[], registre: RegistreLookup): DecoupageLot {
  const decoupage: DecoupageLot = { plis: [], avantPremiereCouverture: [], pagesBlanches: [] };
  const parIndex = new Map(pages.map((p) => [p.index, p]));
  let paginationPrecedente: Pagination | undefined;
  for (const page of pages) {
    const courant = decoupage.plis[decoupage.plis.length - 1];
    if (page.blank === true) {
      if (courant) courant.pages.push(page.index);
      else decoupage.pagesBlanches.push(page.index);
      continue;
    }
    const indices = indicesCouverture(page);
    const autres = courant ? indices.numeros.filter((nu) => !memeNumero(nu, courant, registre)) : indices.numeros;
    const pagination = lirePagination(page.text);
    // numbered as the next page of the page before (« 2/2 » after « 1/2 »), it is that document's: a cover is a first
    // page, so whatever number it quotes, it opens no envelope (another one it quotes holds this one)
    const suitLaPrecedente = pagination !== undefined && suit(pagination, paginationPrecedente);
    paginationPrecedente = pagination;
    const ouvre =
      autres.length > 0
        ? !courant || (!suitLaPrecedente && (indices.enregistrement || autres.some((nu) => registre.parNumero(nu) !== undefined || imprime(page, nu))))
        : indices.numeros.length === 0 &&
          !indices.suite &&
          (indices.enregistrement ||
            indices.illisible ||
            indices.libelleDeDemande ||
            debutEtranger(indices.debutsDeNumero, courant) ||
            demandeurEtranger(indices.demandeur, courant, registre));
    // a numberless page about a registration right after a cover (most often that cover's page 2), or
    // titled as a document of the plan (a form, a notice), stays in the envelope, whose later pages
    // must then name the applicant; after a gap in the sequence, or naming another registered applicant in
    // full (a guichet's deposit slip whose number nobody could read: that applicant's cover), it opens its own
    const suiteDeCouverture =
      ouvre &&
      indices.numeros.length === 0 &&
      courant !== undefined &&
      page.lacuneAvant !== true &&
      (indices.titreDeDocument || courant.pages.every((p) => parIndex.get(p)?.blank === true)) &&
      !nommeUnAutreInscrit(page, courant, registre);
    // a numberless page about a registration that names the current envelope's applicant, surname
    // and prénom (a copy of an earlier attestation, the applicant's own letter about the demand), is
    // one of the applicant's documents, right after the cover or further on: another applicant's cover
    // would name its own
    if (ouvre && indices.numeros.length === 0 && courant !== undefined && nommeLeDemandeur(page, courant, registre)) {
      courant.pages.push(page.index);
      continue;
    }
    if (suiteDeCouverture) {
      courant.pages.push(page.index);
      (courant.couverturesPossibles ??= []).push(page.index);
    } else if (ouvre || page.lacuneAvant === true) {
      decoupage.plis.push(ouvrirPli(page, indices, ouvre, registre));
    } else if (courant) {
      courant.pages.push(page.index);
      for (const nu of autres) courant.alertes.push({ motif: 'numero_different', page: page.index, numeroUnique: nu });
    } else if (page.text.trim() === '') decoupage.pagesBlanches.push(page.index);
    else decoupage.avantPremiereCouverture.push(page.index);
  }
  for (const pli of decoupage.plis) if (pli.pages.length === 0) pli.alertes.push({ motif: 'pli_vide' });
  return decoupage;
}

/** Whether `page` is numbered as the page after `precedente` of the same document. */
function suit(page: Pagination, precedente: Pagination | undefined): boolean {
  return precedente !== undefined && page.numero === precedente.numero + 1 && page.total === precedente.total;
}

/** Whether the page's text or a zone read prints `nu` as a number is printed (see `imprimeEnBlocs`). */
function imprime(page: PageTexte, nu: string): boolean {
  return textesDeLaPage(page).some((texte) => imprimeEnBlocs(texte, nu));
}

/** The start of a number that is not the current envelope's own (a letter quoting it, cut off): a torn cover's. */
function debutEtranger(debuts: string[], pli: Pli | undefined): boolean {
  return debuts.some((debut) => !pli?.numerosLus.some((nu) => prolonge(nu, debut)));
}

/** Whether a number (canonical) is the whole of a start read compact (`0271119`). */
function prolonge(nu: string, debut: string): boolean {
  return nu.replace(/\s/g, '').startsWith(debut);
}

/** A page labelling as the demand's applicant someone other than the current envelope's registered applicant: another demand's form or letter. */
function demandeurEtranger(demandeur: string | undefined, pli: Pli | undefined, registre: RegistreLookup): boolean {
  if (demandeur === undefined || pli === undefined) return false;
  const demandes = pli.numerosLus.flatMap((nu) => registre.parNumero(nu) ?? []);
  return demandes.length > 0 && !demandes.some((d) => trouverNom(demandeur, d.nom));
}

/** Whether a page names, surname and prénom, a registered applicant other than the one the envelope's cover bears. */
function nommeUnAutreInscrit(page: PageTexte, pli: Pli, registre: RegistreLookup): boolean {
  const siens = pli.numerosLus.filter((nu) => registre.parNumero(nu) !== undefined);
  return siens.length > 0 && (registre.nommes ?? []).some((demande) => !siens.includes(demande.numeroUnique) && trouverPersonneEnEntier(page.text, demande));
}

/** Whether a page names, surname and prénom, the applicant of the registered demande the envelope's cover bears. */
function nommeLeDemandeur(page: PageTexte, pli: Pli, registre: RegistreLookup): boolean {
  return pli.numerosLus.some((nu) => {
    const demande = registre.parNumero(nu);
    return demande !== undefined && trouverPersonneEnEntier(page.text, demande);
  });
}

/**
 * The current envelope's own number (its guichet code's glyphs aside), or a misread of it that no other demande bears, or the whole
 * of the number its torn cover shows the start of (a guichet's letter inside quoting it).
 */
function memeNumero(nu: string, pli: Pli, registre: RegistreLookup): boolean {
  // the same print read with a guichet code's glyphs taken for one another (`XVHB8`, `XVH88`)
  if (pli.numerosLus.some((lu) => formeGlyphes(lu) === formeGlyphes(nu))) return true;
  if (pli.debutsLus.some((debut) => prolonge(nu, debut))) return true;
  return registre.parNumero(nu) === undefined && pli.numerosLus.some((lu) => distanceNumeroUnique(lu, nu) <= MEME_NUMERO);
}

function ouvrirPli(page: PageTexte, indices: IndicesCouverture, couverture: boolean, registre: RegistreLookup): Pli {
  // no number read whole, but its first blocks and a guichet code read apart that the registry knows together
  const recomposes = indices.numeros.length === 0 ? numerosRecomposes(page.text, { registre: true }).filter((nu) => registre.parNumero(nu) !== undefined) : [];
  const lus = recomposes.length > 0 ? { ...indices, numeros: recomposes, debutsDeNumero: [] } : indices;
  const detection = detecterCouverture(page, lus);
  const alertes: AlertePli[] = [];
  // a page after a gap (a file or page that could not be read) may follow a cover nobody saw
  if (!couverture) alertes.push({ motif: 'lacune', page: page.index });
  else if (detection.verdict !== 'couverture') alertes.push({ motif: 'couverture_incertaine', page: page.index });
  return { couverture: page.index, detection, numerosLus: lus.numeros, debutsLus: lus.debutsDeNumero, pages: [], alertes };
}
