import { motsPlies } from './texte-indexe.ts';

const plies = (mots: string[]) => new Set(mots.map((mot) => motsPlies(mot)[0]));

// French's own short words, which Spanish, Portuguese and Italian do not write…
const MOTS_PROPRES_AU_FRANCAIS = plies([
  'le',
  'les',
  'des',
  'du',
  'et',
  'au',
  'aux',
  'pour',
  'par',
  'sur',
  'est',
  'une',
  'qui',
  'dans',
  'avec',
  'votre',
  'vos',
]);
// …and with those they share, and the field words every form in France prints, French's commonest: a page in French
// has one word in six or more of them (a card's fields, one in eight), a page in German, Polish or Ukrainian (as OCR
// reads its Cyrillic) one in twenty or fewer
const MOTS_FRANCAIS = new Set([
  ...MOTS_PROPRES_AU_FRANCAIS,
  ...plies(['la', 'de', 'en', 'un', 'que', 'son', 'sa', 'ses', 'nom', 'ne', 'date', 'numéro', 'adresse']),
]);
const PART_FRANCAISE = 0.08;
// Spanish, Portuguese and Italian words French does not write: a page with more of them than of French's own is in one
// of those languages
const MOTS_ROMANS = plies(['del', 'el', 'los', 'las', 'por', 'con', 'para', 'do', 'da', 'dos', 'das', 'em', 'com', 'di', 'della', 'che', 'per']);
const MOTS_ROMANS_MINIMUM = 3;
// fewer words tell nothing of a language
const MOTS_MINIMUM = 15;

/** Whether a page reads as French, by its share of French words; `undefined` when it has too few words to tell. Pure. */
export function lueEnFrancais(texte: string): boolean | undefined {
  const mots = motsPlies(texte);
  if (mots.length < MOTS_MINIMUM) return undefined;
  const compte = (ensemble: Set<string | undefined>) => mots.filter((m) => ensemble.has(m)).length;
  const romans = compte(MOTS_ROMANS);
  if (romans >= MOTS_ROMANS_MINIMUM && romans > compte(MOTS_PROPRES_AU_FRANCAIS)) return false;
  return compte(MOTS_FRANCAIS) / mots.length >= PART_FRANCAISE;
}
