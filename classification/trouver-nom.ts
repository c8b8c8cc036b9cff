import { distanceEdition } from './distance-edition.ts';
import { plierTexte } from './texte-indexe.ts';

/**
 * Whether a person's name (surname, or any words such as a prénom) is written in a text, ignoring
 * case, accents, hyphens, apostrophes and spaces, tolerating the OCR slips a page read may hold.
 * Short names must be exact: a tolerant `MARTIN` would also find `MARTINE`.
 */
export function trouverNom(texte: string, nom: string): boolean {
  const cible = mots(nom).join('');
  if (cible.length < 2) return false;
  const lus = mots(texte);
  for (let debut = 0; debut < lus.length; debut++) {
    let lu = '';
    for (let fin = debut; fin < lus.length && lu.length < cible.length + 2; fin++) {
      lu += lus[fin];
      if (nomsProches(cible, lu)) return true;
    }
  }
  return false;
}

function mots(texte: string): string[] {
  return plierTexte(texte)
    .split(/[^A-Z0-9]+/)
    .filter((m) => m.length > 0);
}

// Tolerance grows with length: exact up to 4 letters, one substitution up to 7, one edit up to 11, two beyond.
function nomsProches(cible: string, lu: string): boolean {
  if (cible === lu) return true;
  if (cible.length <= 4) return false;
  if (cible.length <= 7) return cible.length === lu.length && distanceEdition(cible, lu) <= 1;
  return distanceEdition(cible, lu) <= (cible.length <= 11 ? 1 : 2);
}
