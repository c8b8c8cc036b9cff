import { distanceEdition } from './distance-edition.ts';

/** A page text cut into folded words, searchable for phrases with OCR tolerance. */
export type TexteIndexe = {
  lignes: string[];
  mots: string[];
  ligneDuMot: number[];
  /** Word positions where the phrase starts (each word within one edit if 5 letters or more). */
  chercher(expression: string): number[];
};

// OCR reads these digits and signs for letters; folding both sides makes the confusion vanish.
const PLIAGE: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', L: 'I', '5': 'S', '8': 'B', '|': 'I', '!': 'I' };
const LONGUEUR_TOLERANTE = 5;

/** Upper case, no accents, confusable characters folded: `Salaire` and `SA1AIRE` both give `SAIAIRE`. */
export function plierTexte(texte: string): string {
  const sansAccents = texte.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'OE').replace(/æ/gi, 'AE').toUpperCase();
  return [...sansAccents].map((c) => PLIAGE[c] ?? c).join('');
}

/** The folded words of a text; single characters (elided articles, OCR specks) are left out. */
export function motsPlies(texte: string): string[] {
  // « N° » is « numéro » written short: both spellings are one word
  return plierTexte(texte.replace(/(?<![\p{L}\d])N\s?[°º]/giu, ' numéro '))
    .split(/[^A-Z0-9]+/)
    .filter((m) => m.length >= 2);
}

/** A phrase's key: its folded words, so that spellings of one phrase (accents, case, « N° ») are one. */
export function clePhrase(texte: string): string {
  return motsPlies(texte).join(' ');
}

/** Indexes a page text once so that many phrases can be looked up cheaply. */
export function indexerTexte(texte: string): TexteIndexe {
  const lignes = texte.split(/\r?\n/);
  const mots: string[] = [];
  const ligneDuMot: number[] = [];
  for (const [numero, ligne] of lignes.entries()) {
    for (const mot of motsPlies(ligne)) {
      mots.push(mot);
      ligneDuMot.push(numero);
    }
  }
  const exacts = new Map<string, number[]>();
  const suppressions = new Map<string, number[]>();
  for (const [i, mot] of mots.entries()) {
    ajouter(exacts, mot, i);
    if (mot.length >= LONGUEUR_TOLERANTE) for (const s of variantesSuppression(mot)) ajouter(suppressions, s, i);
  }
  const chercher = (expression: string): number[] => {
    const attendus = motsPlies(expression);
    const premier = attendus[0];
    if (premier === undefined) return [];
    return debutsPossibles(premier, exacts, suppressions)
      .filter((debut) => attendus.every((m, j) => motsProches(m, mots[debut + j])))
      .sort((a, b) => a - b);
  };
  return { lignes, mots, ligneDuMot, chercher };
}

function debutsPossibles(mot: string, exacts: Map<string, number[]>, suppressions: Map<string, number[]>): number[] {
  const positions = new Set([...(exacts.get(mot) ?? []), ...(pluriel(mot) ? (exacts.get(`${mot}S`) ?? []) : [])]);
  if (mot.length >= LONGUEUR_TOLERANTE) {
    for (const p of suppressions.get(mot) ?? []) positions.add(p);
    for (const s of variantesSuppression(mot)) {
      for (const p of exacts.get(s) ?? []) positions.add(p);
      for (const p of suppressions.get(s) ?? []) positions.add(p);
    }
  }
  return [...positions];
}

// A short word in the plural (« ACTES de naissance », « TAXES foncières ») is the word: longer ones
// are tolerated one letter anyway
const pluriel = (mot: string) => mot.length >= 3 && mot.length < LONGUEUR_TOLERANTE && !mot.endsWith('S');

function motsProches(attendu: string, lu: string | undefined): boolean {
  if (lu === undefined) return false;
  if (attendu === lu || (pluriel(attendu) && lu === `${attendu}S`)) return true;
  return attendu.length >= LONGUEUR_TOLERANTE && Math.abs(attendu.length - lu.length) <= 1 && distanceEdition(attendu, lu) <= 1;
}

function variantesSuppression(mot: string): Set<string> {
  const variantes = new Set<string>();
  for (let i = 0; i < mot.length; i++) variantes.add(mot.slice(0, i) + mot.slice(i + 1));
  return variantes;
}

function ajouter(index: Map<string, number[]>, cle: string, position: number): void {
  const liste = index.get(cle);
  if (liste === undefined) index.set(cle, [position]);
  else if (liste[liste.length - 1] !== position) liste.push(position);
}
