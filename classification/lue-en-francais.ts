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
// Spanish, Portuguese and Italian share « de », « la », « en » with French, not these: a page with more of them than
// of French's own (« le », « les », « des », « du », « et », « pour »…) is in one of them
const MOTS_ROMANS = new Set(
  ['del', 'el', 'los', 'las', 'por', 'con', 'para', 'do', 'da', 'dos', 'das', 'em', 'com', 'di', 'della', 'che', 'per'].map((mot) => motsPlies(mot)[0]),
);
const MOTS_PROPRES_AU_FRANCAIS = new Set(
  ['le', 'les', 'des', 'du', 'et', 'au', 'aux', 'pour', 'par', 'sur', 'est', 'une', 'qui', 'dans', 'avec', 'votre', 'vos'].map((mot) => motsPlies(mot)[0]),
);
const MOTS_ROMANS_MINIMUM = 3;
// fewer words tell nothing of a language
const MOTS_MINIMUM = 15;

/** Whether a page reads as French, by its share of French words; `undefined` when it has too few words to tell. Pure. */
export function lueEnFrancais(texte: string): boolean | undefined {
  const mots = motsPlies(texte);
  if (mots.length < MOTS_MINIMUM) return undefined;
  const romans = mots.filter((m) => MOTS_ROMANS.has(m)).length;
  if (romans >= MOTS_ROMANS_MINIMUM && romans > mots.filter((m) => MOTS_PROPRES_AU_FRANCAIS.has(m)).length) return false;
  return mots.filter((m) => MOTS_FRANCAIS.has(m)).length / mots.length >= PART_FRANCAISE;
}
