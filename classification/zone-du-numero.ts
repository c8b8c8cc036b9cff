import { findNumeroUniqueCandidates } from './numero-unique.ts';

/** A rectangle in the page's pixels. */
export type Rectangle = { left: number; top: number; width: number; height: number };
/** A word read by OCR, in reading order, with its rectangle. */
export type MotPlace = { text: string; bbox: Rectangle };

const fold = (mot: string) =>
  mot
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9°']/g, '');
const NUMERO = new Set(['numero', 'n°', 'no', 'num', 'identifiant']);
// what follows « numéro » in the attestations' labels: « unique », « de votre demande », « d'enregistrement »
const SUITES = new Set(['unique', 'de', 'du', "d'enregistrement", 'denregistrement', 'departemental', 'regional']);
// the words that make a label the demand's own number's
const PROPRES = new Set(['unique', "d'enregistrement", 'denregistrement', 'enregistrement']);
// the numéro unique départemental's and régional's acronyms, a label alone, in capitals
const SIGLES = new Set(['NUD', 'NUR']);

function union(boxes: Rectangle[]): Rectangle {
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  return { left, top, width: right - left, height: bottom - top };
}

function clip(box: Rectangle, page: { width: number; height: number }): Rectangle | null {
  const left = Math.max(0, Math.round(box.left));
  const top = Math.max(0, Math.round(box.top));
  const right = Math.min(page.width, Math.round(box.left + box.width));
  const bottom = Math.min(page.height, Math.round(box.top + box.height));
  return right - left > 0 && bottom - top > 0 ? { left, top, width: right - left, height: bottom - top } : null;
}

/**
 * Where a cover's numéro unique is printed, from the words of its full-page reading: the words
 * that read as a number, padded; failing that, the band right of and below its label (« Numéro
 * unique de votre demande »), where the attestations print it. Null when neither was read: the
 * caller then has no better place to look than the page. Pure.
 */
export function zoneDuNumero(mots: readonly MotPlace[], page: { width: number; height: number }): Rectangle | null {
  // a number is read as 4 blocks, but OCR may glue or split them, and a number written one
  // character per box reads as 18 words: up to 20 words, the fewest that hold it
  for (let n = 1; n <= 20; n++) {
    for (let debut = 0; debut + n <= mots.length; debut++) {
      const suite = mots.slice(debut, debut + n);
      if (findNumeroUniqueCandidates(suite.map((m) => m.text).join(' ')).length === 0) continue;
      const box = union(suite.map((m) => m.bbox));
      const h = Math.min(...suite.map((m) => m.bbox.height));
      return clip({ left: box.left - 2 * h, top: box.top - h, width: box.width + 4 * h, height: box.height + 2 * h }, page);
    }
  }
  const sigle = (mot: MotPlace) => SIGLES.has(mot.text.replace(/[^A-Z]/g, ''));
  const libelles = mots.flatMap((mot, i) => ((NUMERO.has(fold(mot.text)) && SUITES.has(fold(mots[i + 1]?.text ?? ''))) || sigle(mot) ? [i] : []));
  // a form has other numbers' labels (« N° de dossier » in the administration's frame): the demand's own, « numéro
  // unique », « n° d'enregistrement », comes first wherever it stands
  const propre = (i: number) => sigle(mots[i]!) || mots.slice(i + 1, i + 3).some((mot) => PROPRES.has(fold(mot.text)));
  const [premier] = [...libelles.filter(propre), ...libelles.filter((i) => !propre(i))];
  if (premier === undefined) return null;
  const label = mots[premier]!.bbox;
  const h = label.height;
  // the number sits on the label's line or in the box under it, in a larger type; a label inside a sentence
  // (« Si oui, indiquez le numéro unique ») has its box under the sentence's start
  const ligne = mots.filter((m) => Math.abs(m.bbox.top + m.bbox.height / 2 - (label.top + h / 2)) < h / 2);
  const left = Math.min(label.left, ...ligne.map((m) => m.bbox.left));
  return clip({ left: left - 2 * h, top: label.top - h, width: page.width, height: 6 * h }, page);
}
