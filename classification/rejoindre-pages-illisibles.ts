import type { DemandeRegistre, RattachementCouverture } from './match-couverture.ts';
import type { Pli } from './split-plis.ts';
import { trouverPersonneEnEntier } from './trouver-nom.ts';

/**
 * The envelopes with each one that a page nobody could read opened (ink, no text: a handwritten
 * letter, a dark copy) joined back to the envelope before it, when a page after it names that
 * envelope's applicant in full, surname and prénom, and none names another applicant the registry
 * knows (`inscrits`: the lot's covers' and those the pages name). Pure. That page may have been
 * another applicant's cover, which no one can read; but that applicant's documents would follow it,
 * not the previous one's. The joined envelope's documents are then checked as any others (another
 * applicant named, an unnamed tail).
 */
export function rejoindrePagesIllisibles(
  plis: readonly Pli[],
  matches: readonly RattachementCouverture[],
  texte: (index: number) => string,
  inscrits: readonly DemandeRegistre[],
): { plis: Pli[]; matches: RattachementCouverture[] } {
  const sortie: { plis: Pli[]; matches: RattachementCouverture[] } = { plis: [], matches: [] };
  for (const [i, pli] of plis.entries()) {
    const match = matches[i]!;
    const k = sortie.plis.length - 1;
    const [avant, rattachement] = [sortie.plis[k], sortie.matches[k]];
    const rejoint =
      !match.ok &&
      match.motif === 'aucun_numero' &&
      texte(pli.couverture).trim() === '' &&
      avant !== undefined &&
      rattachement?.ok === true &&
      nommeSeul(pli.pages.map(texte), rattachement.demande, inscrits);
    if (rejoint) sortie.plis[k] = { ...avant, pages: [...avant.pages, pli.couverture, ...pli.pages] };
    else {
      sortie.plis.push(pli);
      sortie.matches.push(match);
    }
  }
  return sortie;
}

/** Some page names the demande's applicant in full, and none another applicant. */
function nommeSeul(textes: string[], demande: DemandeRegistre, inscrits: readonly DemandeRegistre[]): boolean {
  const autres = inscrits.filter((d) => d.numeroUnique !== demande.numeroUnique);
  return textes.some((t) => trouverPersonneEnEntier(t, demande)) && !textes.some((t) => autres.some((d) => trouverPersonneEnEntier(t, d)));
}
