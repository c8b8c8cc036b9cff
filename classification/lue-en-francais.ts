import { motsPlies } from './texte-indexe.ts';

// French's commonest short words, and the field words every form in France prints: a page in French
// has one word in six or more of them (a card's fields, one in eight), a page in German, Polish or
// Ukrainian (as OCR reads its Cyrillic) one in twenty or fewer
const MOTS_FRANCAIS = new Set(
  ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'en', 'au', 'aux', 'pour', 'par', 'sur', 'est', 'une', 'un', 'qui', 'que', 'dans', 'avec']
    .concat(['son', 'sa', 'ses', 'votre', 'vos', 'nom', 'ne', 'date', 'numéro', 'adresse'])
    .map((mot) => motsPlies(mot)[0]),
);
const PART_FRANCAISE = 0.08;
// fewer words tell nothing of a language
const MOTS_MINIMUM = 15;

/** Whether a page reads as French, by its share of French words; `undefined` when it has too few words to tell. Pure. */
export function lueEnFrancais(texte: string): boolean | undefined {
  const mots = motsPlies(texte);
  if (mots.length < MOTS_MINIMUM) return undefined;
  return mots.filter((m) => MOTS_FRANCAIS.has(m)).length / mots.length >= PART_FRANCAISE;
}
