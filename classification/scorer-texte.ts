import { lignesMrz } from './dates-mrz.ts';
import { estLigneDeTitre } from './est-ligne-de-titre.ts';
import type { ExpressionModele, ModeleClassement } from './modele-classement.ts';
import { indexerTexte, type TexteIndexe } from './texte-indexe.ts';

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
  const memo = new Map<string, Occurrence>();
  const occurrence = (e: ExpressionModele): Occurrence => {
    if (!memo.has(e.texte)) memo.set(e.texte, e.mrz ? occurrenceMrz(e, zones) : occurrenceTexte(e, index, finEnTete));
    return memo.get(e.texte);
  };
  return modele.types
    .map((t): ScoreType => {
      const resultat: ScoreType = { categorie: t.categorie, type: t.type, score: 0, titreEnTete: false, trouvees: [] };
      for (const e of t.expressions) {
        const o = occurrence(e);
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

function occurrenceTexte(e: ExpressionModele, index: TexteIndexe, finEnTete: number): Occurrence {
  const positions = index.chercher(e.texte);
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
