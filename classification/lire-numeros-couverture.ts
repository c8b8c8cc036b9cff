import { distanceNumeroUnique, findNumeroUniqueCandidates, formeGlyphes, numerosRecomposes } from './numero-unique.ts';
import { indexerTexte } from './texte-indexe.ts';

const LIBELLES = ['numéro unique', 'numéro de votre demande', 'n° unique', "numéro d'enregistrement"];
// reads this close are the same printed number misread, not two numbers
const MEME_NUMERO = 2;

/**
 * The numéros uniques read on a cover, canonical and de-duplicated: first those on a labelled line
 * of the full-page text, then those of the targeted high-resolution reads of the number's zone
 * (whitelist), then any other number of the page; with none whole, the pairings of a number's first
 * blocks with a guichet code read apart (`numerosRecomposes`).
 *
 * Each read (the page, each zone read) is a vote. When most reads give one number and the others
 * give that number with one or two characters misread, those misreads are dropped: the majority
 * is the number. Without such a majority every reading is kept, and reads that disagree keep the
 * cover out of any dossier (`lectures_divergentes`) unless `matchCouverture` finds one of them
 * registered, the other a digit away and unknown, and the applicant named. A misread never wins a vote against an
 * exact one unless two independent reads make the same slip, and the applicant's name on the
 * cover is checked after.
 */
export function lireNumerosCouverture(lecture: { texte: string; lecturesZone?: readonly string[] }): string[] {
  const index = indexerTexte(lecture.texte);
  const lignesLibellees = new Set(LIBELLES.flatMap((l) => index.chercher(l)).map((p) => index.ligneDuMot[p]));
  const libelles: string[] = [];
  const autres: string[] = [];
  for (const [numero, ligne] of index.lignes.entries()) {
    const cible = lignesLibellees.has(numero) ? libelles : autres;
    cible.push(...findNumeroUniqueCandidates(ligne));
  }
  // a number wrapped over two lines, or printed one block per line, is read from the lines together
  autres.push(...findNumeroUniqueCandidates(lecture.texte).filter((nu) => !libelles.includes(nu) && !autres.includes(nu)));
  const zones = (lecture.lecturesZone ?? []).map((texte) => findNumeroUniqueCandidates(texte));
  const tous = sansDecalages([...new Set([...libelles, ...zones.flat(), ...autres])]);
  // no whole number: its first blocks and its guichet code may have been read apart
  if (tous.length === 0) return numerosRecomposes(lecture.texte);
  const gagnant = majorite([[...libelles, ...autres], ...zones], tous);
  if (gagnant === null) return tous;
  return tous.filter((nu) => nu === gagnant || distanceNumeroUnique(nu, gagnant) > MEME_NUMERO);
}

/**
 * The number more reads give than any near reading of it, given by two reads at least; else null.
 * Reads of its guichet code glyph for glyph (`D0T48`, `DDT48`) are one vote for the print.
 */
function majorite(lectures: string[][], candidats: string[]): string | null {
  const voix = (nu: string) => lectures.filter((l) => l.some((lu) => formeGlyphes(lu) === formeGlyphes(nu))).length;
  const [meilleur] = [...candidats].sort((a, b) => voix(b) - voix(a));
  if (meilleur === undefined || voix(meilleur) < 2) return null;
  const rivaux = candidats.filter((nu) => formeGlyphes(nu) !== formeGlyphes(meilleur) && distanceNumeroUnique(nu, meilleur) <= MEME_NUMERO);
  return rivaux.every((nu) => voix(nu) < voix(meilleur)) ? meilleur : null;
}

/**
 * Reads without those that are another read with a « 1 » put in and its last character pushed out:
 * a box's side read as a digit shifts the number read through the boxes. A ruling adds a stroke,
 * never takes a digit away, so the read without it is the printed one.
 */
function sansDecalages(lus: string[]): string[] {
  const compact = (nu: string) => nu.replace(/\s/g, '');
  const decale = (lu: string, autre: string) => {
    const [a, b] = [compact(lu), compact(autre)];
    if (a === b) return false;
    for (let i = 0; i < b.length; i++) if (a === `${b.slice(0, i)}1${b.slice(i)}`.slice(0, b.length)) return true;
    return false;
  };
  return lus.filter((lu) => !lus.some((autre) => decale(lu, autre)));
}
