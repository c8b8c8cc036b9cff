import { distanceEdition } from './distance-edition.ts';
import { plierTexte } from './texte-indexe.ts';

/**
 * Whether a person's name (surname, or any words such as a prénom) is written in a text, ignoring
 * case, accents, hyphens, apostrophes and spaces, tolerating the OCR slips a page read may hold.
 * Short names must be exact: a tolerant `MARTIN` would also find `MARTINE`.
 */
export function trouverNom(texte: string, nom: string): boolean {
  // a name written one letter per box reads with the boxes' sides as bars, which fold to I
  if (texte.includes('|') && trouverNom(texte.replaceAll('|', ' '), nom)) return true;
  const cible = mots(nom).join('');
  if (cible.length < 2) return false;
  const tolerance = toleranceNom(cible.length);
  const lus = mots(texte);
  for (let debut = 0; debut < lus.length; debut++) {
    let lu = '';
    for (let fin = debut; fin < lus.length && lu.length < cible.length + tolerance; fin++) {
      lu += lus[fin];
      if (Math.abs(lu.length - cible.length) <= tolerance && nomsProches(cible, lu, tolerance)) return true;
    }
  }
  return false;
}

// Cached: a cover is searched for several names in a row.
let dernierTexte = '';
let derniersMots: string[] = [];

function mots(texte: string): string[] {
  if (texte === dernierTexte) return derniersMots;
  const resultat = plierTexte(texte)
    .split(/[^A-Z0-9]+/)
    .filter((m) => m.length > 0);
  if (texte.length > 200) [dernierTexte, derniersMots] = [texte, resultat];
  return resultat;
}

// Tolerance grows with length: exact up to 4 letters, one substitution up to 7, one edit up to 11, two beyond.
function toleranceNom(longueur: number): number {
  return longueur <= 4 ? 0 : longueur <= 11 ? 1 : 2;
}

// Words issuers print everywhere (« République française », « France Travail », « ministère de la Justice », « régime
// général », « mentions en marge », « Seine-Saint-Denis », a lease's « clause ») that lie one letter from a prénom
// (Françoise, François, Franck, Justine, Régine, Marie, Reine, Claude): read whole, they are the word, not an OCR slip
const MOTS_IMPRIMES = new Set(['FRANCAIS', 'FRANCAISE', 'FRANCAISES', 'FRANCE', 'JUSTICE', 'REGIME', 'MARGE', 'SEINE', 'CLAUSE']);

function nomsProches(cible: string, lu: string, tolerance: number): boolean {
  if (cible === lu) return true;
  if (tolerance === 0 || MOTS_IMPRIMES.has(lu)) return false;
  if (cible.length <= 7 && cible.length !== lu.length) return false;
  return distanceEdition(cible, lu) <= tolerance;
}

/**
 * Whether a person is named in full, surname and prénom: a surname alone is shared by a family, so
 * a person the registry knows without a prénom is never named so.
 */
export function trouverPersonneEnEntier(texte: string, personne: { nom: string; prenom?: string | null }): boolean {
  return (personne.prenom ?? '').trim() !== '' && trouverPersonne(texte, personne);
}

/** Whether a person is named in a text: surname, and first prénom when there is one. */
export function trouverPersonne(texte: string, personne: { nom: string; prenom?: string | null }): boolean {
  const premierPrenom = (personne.prenom ?? '').trim().split(/[\s,]+/)[0] ?? '';
  return trouverNom(texte, personne.nom) && (premierPrenom === '' || trouverNom(texte, premierPrenom));
}
