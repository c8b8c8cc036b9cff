import { lignesMrz } from './dates-mrz.ts';
import { estLigneDeTitre } from './est-ligne-de-titre.ts';
import type { ExpressionModele, ModeleClassement } from './modele-classement.ts';
import { indexerTexte, motsPlies, type TexteIndexe } from './texte-indexe.ts';

/** The evidence for one type in a document's text. */
export type ScoreType = {
  categorie: string;
  type: string;
  score: number;
  /** A heading of this type stands in the first lines of the first page. */
  titreEnTete: boolean;
  /** The phrases found, with the weight each brought. */
  trouvees: { texte: string; poids: number }[];
};

const LIGNES_EN_TETE = 8;
// A sworn translator's certification is no evidence of the document translated: « certifie que » in it is no
// employer's certificate
const FORMULES_NEUTRES = ['certifie que la traduction', 'certifie que la présente traduction'];
// A heading counts more as a heading, more still at the top; the same words in prose count less.
const FACTEUR_TITRE = 1.5;
const FACTEUR_EN_TETE = 1.5;
const FACTEUR_TITRE_EN_PROSE = 0.5;

type Occurrence = { facteur: number; enTete: boolean } | undefined;

/** Scores every type of the model against the pages of one document, best first. */
export function scorerTexte(modele: ModeleClassement, pages: string[]): ScoreType[] {
  const texte = pages.join('\n');
  const index = indexerTexte(texte);
  const zones = lignesMrz(texte);
  const finEnTete = derniereLigneEnTete(pages[0] ?? '');
  const lues = new Map<string, Lue>();
  const lue = (e: ExpressionModele): Lue => {
    if (!lues.has(e.texte)) {
      const mots = motsPlies(e.texte);
      lues.set(e.texte, { cle: mots.join(' '), positions: e.mrz ? [] : index.chercher(e.texte), mots: mots.length });
    }
    return lues.get(e.texte)!;
  };
  const trouvees = modele.types.flatMap((t) => t.expressions.filter((e) => !e.mrz && lue(e).positions.length > 0));
  const neutres = FORMULES_NEUTRES.map((texte) => lue({ texte, poids: 0, titre: false, mrz: false }));
  return modele.types
    .map((t): ScoreType => {
      const resultat: ScoreType = { categorie: t.categorie, type: t.type, score: 0, titreEnTete: false, trouvees: [] };
      const propres = new Set(t.expressions.map((e) => lue(e).cle));
      // the longer phrases of other types only: « CARTE DE SÉJOUR » read inside « RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR »
      // is the receipt's word, no evidence of a permit
      const englobantes = [...trouvees.map(lue).filter((l) => !propres.has(l.cle)), ...neutres];
      const lit = lecteursDesMots(t.expressions.filter((e) => !e.mrz).map(lue), index);
      const debuts = (e: ExpressionModele) => horsDe(lue(e), englobantes).filter((p) => lit(lue(e), p));
      for (const e of t.expressions) {
        const o = e.mrz ? occurrenceMrz(e, zones) : occurrenceTexte(e, debuts(e), index, finEnTete);
        if (o === undefined) continue;
        const poids = arrondi(e.poids * o.facteur);
        resultat.score = arrondi(resultat.score + poids);
        resultat.titreEnTete ||= o.enTete;
        resultat.trouvees.push({ texte: e.texte, poids });
      }
      resultat.trouvees.sort((a, b) => b.poids - a.poids);
      return resultat;
    })
    .sort((a, b) => b.score - a.score);
}

/** Where a phrase was read, in words: its starts and its length. */
type Lue = { cle: string; positions: number[]; mots: number };

/**
 * Whether a phrase of a type is the one its words at a start were read as: two phrases one letter apart (« congé de
 * maternité », « congé de paternité ») both match the same words, which are one piece of evidence, the one read exactly.
 */
function lecteursDesMots(phrases: Lue[], index: TexteIndexe): (phrase: Lue, debut: number) => boolean {
  const lecteurs = new Map<string, Lue>();
  const cle = (l: Lue, p: number) => `${p}:${l.mots}`;
  const exacte = (l: Lue, p: number) => index.mots.slice(p, p + l.mots).join(' ') === l.cle;
  for (const l of phrases) {
    for (const p of l.positions) {
      const deja = lecteurs.get(cle(l, p));
      if (deja === undefined || (!exacte(deja, p) && exacte(l, p))) lecteurs.set(cle(l, p), l);
    }
  }
  return (phrase, debut) => lecteurs.get(cle(phrase, debut)) === phrase;
}

/** A phrase's starts that no longer phrase's reading spans. */
function horsDe(lue: Lue, englobantes: Lue[]): number[] {
  const englobee = (p: number) => englobantes.some((l) => l.mots > lue.mots && l.positions.some((debut) => debut <= p && p + lue.mots <= debut + l.mots));
  return lue.positions.filter((p) => !englobee(p));
}

function occurrenceTexte(e: ExpressionModele, positions: number[], index: TexteIndexe, finEnTete: number): Occurrence {
  if (positions.length === 0) return undefined;
  if (!e.titre) return { facteur: 1, enTete: false };
  const lignesTitre = positions.map((p) => index.ligneDuMot[p] ?? Infinity).filter((l) => estLigneDeTitre(index.lignes[l] ?? ''));
  if (lignesTitre.length === 0) return { facteur: FACTEUR_TITRE_EN_PROSE, enTete: false };
  const enTete = Math.min(...lignesTitre) <= finEnTete;
  return { facteur: FACTEUR_TITRE * (enTete ? FACTEUR_EN_TETE : 1), enTete };
}

function occurrenceMrz(e: ExpressionModele, lignes: string[]): Occurrence {
  const prefixe = prefixeMrz(e.texte);
  return lignes.some((l) => prefixe.test(l) && l.includes('<<')) ? { facteur: 1, enTete: false } : undefined;
}

// The plan writes a French document's prefix, but a passport (`P` then a letter or `<`) or an identity card (`ID`,
// `I<`, `CI`, `C<`) is one whatever state issued it (ICAO 9303): the applicant's Spanish or Italian card is an identity
// card. A residence permit (`IR`) is France's own. An MRZ line always holds fillers (`<<`), which a heading in capitals
// does not.
function prefixeMrz(texte: string): RegExp {
  if (texte.startsWith('P<')) return /^P[A-Z<][A-Z][A-Z<]{2}/;
  if (texte.startsWith('ID')) return /^(I[D<]|C[I<])[A-Z][A-Z<]{2}/;
  return new RegExp(`^${texte}`);
}

// Index of the last line of the first page that still counts as its header.
function derniereLigneEnTete(premierePage: string): number {
  let nonVides = 0;
  for (const [i, ligne] of premierePage.split(/\r?\n/).entries()) {
    if (ligne.trim() !== '') nonVides++;
    if (nonVides >= LIGNES_EN_TETE) return i;
  }
  return Infinity;
}

function arrondi(x: number): number {
  return Math.round(x * 100) / 100;
}
