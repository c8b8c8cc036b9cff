import { indiceDeDebut } from './debut-de-document.ts';
import { lueEnFrancais } from './lue-en-francais.ts';
import { lirePagination, type Pagination } from './lire-pagination.ts';
import { construireModele } from './modele-classement.ts';
import type { PageTexte } from './page-text.ts';
import { plan as planParDefaut, type Plan } from './plan-de-classement.ts';
import { scorerTexte } from './scorer-texte.ts';
import { lectureRetournee } from './texte-retourne.ts';
import { motsPlies } from './texte-indexe.ts';
import { famillesDuType, naissanceDuTitulaire } from './variantes-personne.ts';

/** One document found in an envelope: its pages in order, how sure the cuts around it are, and why. */
export type DocumentSegmente = { pages: number[]; confiance: number; indices: string[] };

export type SegmentationPli = { documents: DocumentSegmente[]; pagesBlanches: number[] };

// Below this score a page's best type is no evidence of a type change.
const SCORE_TYPE_PROBANT = 2;

// A page with fewer words and no heading is a closing or signature page ("Lu et approuvé", "Fait
// pour servir et valoir ce que de droit"): it ends the document before it, whatever its keywords say.
const MOTS_PAGE_COURTE = 15;
// Kinds of document that name one holder and print the holder's birth date.
const GENRES_D_IDENTITE = new Set(['identite', 'titre_sejour']);
// Genre of the pages read upside down: a document of their own, whatever they are.
const GENRE_RETOURNE = 'page_retournee';

type IndicesPage = {
  index: number;
  pagination: Pagination | undefined;
  genre: string | undefined;
  /** The kinds of document its words are evidence of about as much as of its best, its best among them. */
  genresProbants: Set<string>;
  titre: string | undefined;
  courte: boolean;
  retournee: boolean;
  /** Ink, but OCR read nothing on it. */
  illisible: boolean;
  /** Its heading says it goes on with a document: « CONTRAT DE TRAVAIL (suite) », « Suite et fin ». */
  suite: boolean;
  /** What on its first lines says it opens a document, whatever its type (see `indiceDeDebut`). */
  debut: string | undefined;
  /** Its first lines say it is a translation (« TRADUCTION CERTIFIÉE CONFORME », a sworn translator's name). */
  traduction: boolean;
  /** It reads as French, or not; `undefined` when it has too few words to tell. */
  francais: boolean | undefined;
  /** An identity document's holder's birth date (`YYMMDD`), when it prints one. */
  naissance: string | undefined;
};
type Decision = { nouveau: boolean; confiance: number; indice: string };
type Courant = { genre: string | undefined; francais: boolean | undefined };

/**
 * Cuts the pages of one envelope (its cover excluded) into documents, from first-page cues
 * (headings at the top, "page 1/n"), continuation cues ("page 2/n", a previous "1/2", a short
 * closing page), type changes and blank separators. Blank pages are set apart, never part of a
 * document; a page the engine found ink on is never blank here, even when OCR read nothing on it.
 * A page read upside down is a document of its own: its text says nothing of its neighbours.
 */
export function segmenterPli(pages: PageTexte[], options: { plan?: Plan } = {}): SegmentationPli {
  const modele = construireModele(options.plan ?? planParDefaut);
  const resultat: SegmentationPli = { documents: [], pagesBlanches: [] };
  let precedente: IndicesPage | undefined;
  // the current document's kind and language, from its pages that tell them (a signature page tells neither)
  const courant: Courant = { genre: undefined, francais: undefined };
  let blancheAvant = false;
  for (const page of pages) {
    if (page.blank === true) {
      resultat.pagesBlanches.push(page.index);
      blancheAvant = precedente !== undefined;
      continue;
    }
    const indices = indicesPage(page, modele);
    const decision = decider(indices, precedente, courant, blancheAvant);
    const document = resultat.documents[resultat.documents.length - 1];
    if (decision.nouveau || document === undefined) {
      resultat.documents.push({ pages: [page.index], confiance: decision.confiance, indices: [decision.indice] });
      courant.genre = indices.genre;
      courant.francais = indices.francais;
    } else {
      document.pages.push(page.index);
      document.confiance = Math.min(document.confiance, decision.confiance);
      document.indices.push(decision.indice);
      courant.genre ??= indices.genre;
      courant.francais = indices.francais ?? courant.francais;
    }
    precedente = indices;
    blancheAvant = false;
  }
  return resultat;
}

/** A page with too few words to be more than a closing or signature page (pure). */
export function pageCourte(texte: string): boolean {
  return motsPlies(texte).length < MOTS_PAGE_COURTE;
}

function indicesPage(page: PageTexte, modele: ReturnType<typeof construireModele>): IndicesPage {
  const courte = pageCourte(page.text);
  if (lectureRetournee(page.text))
    return {
      index: page.index,
      pagination: undefined,
      genre: GENRE_RETOURNE,
      genresProbants: new Set(),
      titre: undefined,
      courte,
      retournee: true,
      illisible: false,
      suite: false,
      debut: undefined,
      traduction: false,
      francais: undefined,
      naissance: undefined,
    };
  const scores = scorerTexte(modele, [page.text]);
  const [meilleur] = scores;
  const probant = meilleur !== undefined && meilleur.score >= SCORE_TYPE_PROBANT;
  const genreDe = (type: string) => famillesDuType(type)[0]?.nom ?? type;
  const genre = probant ? genreDe(meilleur.type) : undefined;
  // the kinds its words are evidence of nearly as much as of its best: an identity card's « Nom, Prénoms » on a
  // student card are no evidence of an identity card
  const seuil = Math.max(SCORE_TYPE_PROBANT, (meilleur?.score ?? 0) / 2);
  const genresProbants = new Set(scores.filter((s) => s.score >= seuil).map((s) => genreDe(s.type)));
  const titre = probant && meilleur.titreEnTete ? meilleur.type : undefined;
  const entete = page.text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, LIGNES_D_EN_TETE);
  const suite = entete.some((l) => SUITE.test(l));
  const traduction = entete.some((l) => TRADUCTION.test(l));
  const debut = suite || traduction ? undefined : indiceDeDebut(page.text);
  return {
    index: page.index,
    pagination: lirePagination(page.text),
    genre,
    genresProbants,
    titre,
    courte,
    retournee: false,
    illisible: page.text.trim() === '',
    suite,
    debut,
    traduction,
    francais: lueEnFrancais(page.text),
    naissance: genre !== undefined && GENRES_D_IDENTITE.has(genre) ? naissanceDuTitulaire(page.text) : undefined,
  };
}

// A heading that says the page goes on with a document, in its first lines
const LIGNES_D_EN_TETE = 3;
const TRADUCTION = /\btraduct(?:ion|eur|rice)\b/i;
const SUITE = /\(\s*suite\s*\)|\bsuite\s+et\s+fin\b|^\W*suite\W*$/i;

function decider(page: IndicesPage, precedente: IndicesPage | undefined, courant: Courant, blancheAvant: boolean): Decision {
  const genreCourant = courant.genre;
  if (precedente === undefined) return { nouveau: true, confiance: 1, indice: `page ${page.index} : premier document du pli` };
  if (page.retournee) return { nouveau: true, confiance: 0.6, indice: `page ${page.index} : lue à l'envers, document à part` };
  // ink OCR read nothing of (a handwritten letter, a dark copy) is no closing page, nor does anything tell
  // what follows it goes on with it: an operator reads it alone
  if (page.illisible || precedente.illisible)
    return { nouveau: true, confiance: 0.5, indice: `page ${page.index} : ${page.illisible ? 'illisible' : 'après une page illisible'}, document à part` };
  const parPagination = deciderParPagination(page, precedente, courant);
  if (parPagination !== undefined) return parPagination;
  // identity documents in a row whose holders were born on other days are two persons' (a child's passport, then a
  // parent's card), whatever headings OCR missed
  if (page.naissance !== undefined && precedente.naissance !== undefined && page.naissance !== precedente.naissance)
    return { nouveau: true, confiance: 0.8, indice: `page ${page.index} : pièce d'identité d'une autre personne (née un autre jour)` };
  if (page.titre !== undefined) return { nouveau: true, confiance: 0.85, indice: `page ${page.index} : en-tête de ${page.titre}` };
  // a page of a few words headed with a kind of document is that document read poorly, not the last one's closing page
  if (page.courte && !page.debut?.startsWith('titre'))
    return { nouveau: false, confiance: blancheAvant ? 0.55 : 0.6, indice: `page ${page.index} : page courte, fin du document précédent` };
  if (page.debut !== undefined) return { nouveau: true, confiance: 0.65, indice: `page ${page.index} : début de document (${page.debut})` };
  // a foreign document after a page in French: its original, whose translation follows it
  if (page.francais === false && courant.francais === true)
    return { nouveau: true, confiance: 0.6, indice: `page ${page.index} : langue étrangère après une page en français` };
  // a page whose words are evidence of the current kind too goes on with it, whatever kind scores a little more
  const changement = page.genre !== undefined && genreCourant !== undefined && !page.genresProbants.has(genreCourant);
  if (changement) return { nouveau: true, confiance: 0.6, indice: `page ${page.index} : changement de type (${genreCourant} → ${page.genre})` };
  if (blancheAvant) return { nouveau: false, confiance: 0.55, indice: `page ${page.index} : suite après une page blanche` };
  const confiance = page.genre === undefined ? 0.6 : 0.7;
  return { nouveau: false, confiance, indice: `page ${page.index} : suite, sans indice de début` };
}

function deciderParPagination(page: IndicesPage, precedente: IndicesPage, courant: Courant): Decision | undefined {
  const genreCourant = courant.genre;
  const { pagination } = page;
  // a page headed as another kind of document starts it, whatever pages the one before announced
  // (a form numbered 1/4 of which only two pages were sent)
  const autreEnTete = page.titre !== undefined && page.genre !== genreCourant;
  // a page of another kind that numbers none of its own does not go on with the form before it
  // (a form's pages each carry their number): the form stopped short
  const autreGenre = page.genre !== undefined && genreCourant !== undefined && !page.genresProbants.has(genreCourant);
  const attendue = !autreEnTete && !autreGenre && precedente.pagination !== undefined && precedente.pagination.numero < precedente.pagination.total;
  if (pagination !== undefined && pagination.numero > 1) {
    const suite = precedente.pagination?.numero === pagination.numero - 1;
    // « page 3/6 » goes on with something, but not with a document of another kind that did not announce it:
    // a single page of a form, sent alone
    if (!suite && autreGenre)
      return {
        nouveau: true,
        confiance: 0.6,
        indice: `page ${page.index} : page ${pagination.numero}/${pagination.total} d'un autre document (${genreCourant} → ${page.genre})`,
      };
    return { nouveau: false, confiance: suite ? 0.95 : 0.8, indice: `page ${page.index} : page ${pagination.numero}/${pagination.total}` };
  }
  if (pagination?.numero === 1) return { nouveau: true, confiance: 0.9, indice: `page ${page.index} : page 1/${pagination.total}` };
  // a sworn translation is stapled behind the original it translates, whatever type each scores as. Not a rule
  // after a page in French: a translation sent alone, or a Spanish original, which shares French's commonest words
  if (page.traduction && courant.francais === false)
    return { nouveau: false, confiance: 0.75, indice: `page ${page.index} : traduction du document qu'elle suit` };
  // headed as the rest of a document of the kind before it (its heading repeated with « (suite) »)
  if (page.suite && !autreGenre) return { nouveau: false, confiance: 0.8, indice: `page ${page.index} : suite annoncée par son en-tête` };
  if (attendue) return { nouveau: false, confiance: 0.75, indice: `page ${page.index} : suite annoncée par la page précédente` };
  // a page after one numbered as a document's last (« Page 2/2 ») is another document's, unless it is a closing page
  const derniere = precedente.pagination !== undefined && precedente.pagination.numero === precedente.pagination.total;
  if (derniere && !page.courte)
    return {
      nouveau: true,
      confiance: 0.7,
      indice: `page ${page.index} : après la dernière page (${precedente.pagination!.total}/${precedente.pagination!.total}) du précédent`,
    };
  return undefined;
}
