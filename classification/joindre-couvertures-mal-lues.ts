import type { DemandeRegistre, RattachementCouverture, RegistreLookup } from './match-couverture.ts';
import type { Pli } from './split-plis.ts';
import { trouverPersonneEnEntier } from './trouver-nom.ts';

// what a misread number leaves: a number no demand has, or none; a number one character from a
// registered one, or a radiée demand's, is the very case a cover abstains on
const MAL_LU = new Set(['aucun_numero', 'numero_inconnu']);

/**
 * The envelopes with each cover whose number was misread joined to the envelope its next page
 * opened (pure). A cover's number in a comb or boxes may read as a number no demand has, while the
 * applicant's letter right after it quotes the right one, and that letter opened an envelope of its
 * own: when the cover names that number's applicant in full, surname and prénom, and the registry
 * knows nobody else by that name, the cover is that envelope's, and the letter one of its pieces.
 * Blank pages between them aside, nothing may stand between the two.
 */
export function joindreCouverturesMalLues(
  plis: readonly Pli[],
  matches: readonly RattachementCouverture[],
  texte: (index: number) => string,
  registre: RegistreLookup,
  blanche: (index: number) => boolean,
): { plis: Pli[]; matches: RattachementCouverture[] } {
  const sortie: { plis: Pli[]; matches: RattachementCouverture[] } = { plis: [], matches: [] };
  for (let i = 0; i < plis.length; i++) {
    const [pli, match, suivant, rattachement] = [plis[i]!, matches[i]!, plis[i + 1], matches[i + 1]];
    const joint =
      !match.ok &&
      MAL_LU.has(match.motif) &&
      pli.pages.every(blanche) &&
      suivant !== undefined &&
      rattachement?.ok === true &&
      seulANommer(texte(pli.couverture), rattachement.demande, registre);
    if (!joint) {
      sortie.plis.push(pli);
      sortie.matches.push(match);
      continue;
    }
    sortie.plis.push({ ...suivant, couverture: pli.couverture, detection: pli.detection, pages: [...pli.pages, suivant.couverture, ...suivant.pages] });
    sortie.matches.push({ ...rattachement, indices: [...rattachement.indices, `numéro mal lu sur la couverture, cité page ${suivant.couverture}`] });
    i++;
  }
  return sortie;
}

function seulANommer(couverture: string, demande: DemandeRegistre, registre: RegistreLookup): boolean {
  const homonymes = (registre.homonymes?.(demande) ?? []).filter((h) => h.numeroUnique !== demande.numeroUnique);
  return trouverPersonneEnEntier(couverture, demande) && homonymes.length === 0;
}
