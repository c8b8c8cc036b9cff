import { findNumeroUniqueCandidates } from './numero-unique.ts';
import { indexerTexte } from './texte-indexe.ts';

const LIBELLES = ['numéro unique', 'numéro de votre demande', 'n° unique', "numéro d'enregistrement"];

/**
 * The numéros uniques read on a cover, canonical and de-duplicated: first those on a labelled line
 * of the full-page text, then those of the targeted high-resolution read of the number's region
 * (digit whitelist), then any other number of the page.
 */
export function lireNumerosCouverture(lecture: { texte: string; texteRegion?: string }): string[] {
  const index = indexerTexte(lecture.texte);
  const lignesLibellees = new Set(LIBELLES.flatMap((l) => index.chercher(l)).map((p) => index.ligneDuMot[p]));
  const libelles: string[] = [];
  const autres: string[] = [];
  for (const [numero, ligne] of index.lignes.entries()) {
    const cible = lignesLibellees.has(numero) ? libelles : autres;
    cible.push(...findNumeroUniqueCandidates(ligne));
  }
  const region = findNumeroUniqueCandidates(lecture.texteRegion ?? '');
  return [...new Set([...libelles, ...region, ...autres])];
}
