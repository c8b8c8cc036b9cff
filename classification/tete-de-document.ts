import { detecterCouverture } from './detecter-couverture.ts';
import { construireModele } from './modele-classement.ts';
import { findNumeroUniqueCandidates } from './numero-unique.ts';
import { plan as planParDefaut, type Plan } from './plan-de-classement.ts';
import { scorerTexte } from './scorer-texte.ts';
import { pageCourte } from './segmenter-pli.ts';
import { indexerTexte } from './texte-indexe.ts';

// as segmenterPli: below this score a page's best type is no evidence
const SCORE_PROBANT = 2;
// the service's own documents (attestations, courriers, the demande's form) may be covers or quote
// the number: a head that looks like one of them is never enough
const DOCUMENTS_INTERNES = 'DOC';
const ATTESTATION = 'ATT';
// what an attestation d'enregistrement's first page says near its top, whatever its layout (read
// with one slip per word): a head that says any of it may be a cover's
const VOCABULAIRE_COUVERTURE = [
  'enregistrement',
  'renouvellement',
  'logement social',
  'demande de logement',
  'numéro unique',
  'fichier partagé',
  'récépissé',
  'accusé',
];

/**
 * Does this head of a page (its top third or so, as OCR read it) show a document of the plan, and
 * nothing of a cover? Pure. Only then may the rest of the page go unread while the envelopes are
 * found: a cover missed would run its envelope into the one before. So a head is a document's on
 * positive evidence only: a type of the plan scores there with its heading, above the attestation's
 * own, and no cover word, cover sign or numéro unique is read there.
 */
export function teteDeDocument(texte: string, plan: Plan = planParDefaut): boolean {
  // the envelope's cutting takes a page of few words for a closing page: its body may give it more
  if (pageCourte(texte)) return false;
  if (detecterCouverture({ text: texte, blank: false }).verdict !== 'non' || findNumeroUniqueCandidates(texte).length > 0) return false;
  const index = indexerTexte(texte);
  if (VOCABULAIRE_COUVERTURE.some((mots) => index.chercher(mots).length > 0)) return false;
  const scores = scorerTexte(construireModele(plan), [texte]);
  const attestation = scores.find((s) => s.type === ATTESTATION)?.score ?? 0;
  const [meilleur] = scores;
  // a document's own heading, not words that happen to score: an unknown cover's head may score as a type by chance
  return (
    meilleur !== undefined &&
    meilleur.titreEnTete &&
    meilleur.categorie !== DOCUMENTS_INTERNES &&
    meilleur.score >= SCORE_PROBANT &&
    meilleur.score > attestation
  );
}
