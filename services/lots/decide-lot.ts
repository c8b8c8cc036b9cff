import { classerDocument, type SuggestionType } from '../../classification/classer-document.ts';
import { lirePagination } from '../../classification/lire-pagination.ts';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { matchCouverture, type RegistreLookup } from '../../classification/match-couverture.ts';
import type { PageTexte, Personnes } from '../../classification/page-text.ts';
import { segmenterPli } from '../../classification/segmenter-pli.ts';
import { splitPlis } from '../../classification/split-plis.ts';
import type { MotifRevue } from '../../storage/schema/index.ts';

export type { MotifRevue };

export type RevueDecidee = { motif: MotifRevue; pages: number[]; detail: string; suggestions: Record<string, unknown> | null };
export type DocumentDecide = { pages: number[]; categorie: string; type: string; confiance: number };
export type PliDecide = { couverture: number[]; numeroUnique: string | null; documents: DocumentDecide[] };
/** `enAttente`: pages left undecided until more of the lot is read (see `decideLot`'s `complet`). */
export type DecisionLot = { plis: PliDecide[]; pagesBlanches: number[]; revues: RevueDecidee[]; enAttente: number[] };

// The attestation's own pages (its page 2) travel with the cover: the provider's separator, not a piece.
const attestation = { categorie: 'DOC', type: 'ATT' };

function leadingContinuation(content: number[], text: (index: number) => string): number[] {
  const pages: number[] = [];
  for (const index of content) {
    const pagination = lirePagination(text(index));
    if (!pagination || pagination.numero < 2) break;
    pages.push(index);
    if (pagination.numero >= pagination.total) break;
  }
  return pages;
}

/**
 * What to do with every page of a lot, from the pages' text and the registry (pure). Each page
 * lands in exactly one place: a cover, a document to file, the blank list, or a review task.
 * A pli is filed only when its cover matched the registry with the applicant's name; anything
 * uncertain becomes a review task with its reason and the service's suggestions.
 */
export function decideLot(
  pages: PageTexte[],
  registre: RegistreLookup & { personnes(numeroUnique: string): Personnes },
  options: { plisDeclares?: number | undefined; today: string; complet?: boolean },
): DecisionLot {
  if (options.complet === false) return decideReadSoFar(pages, registre, { ...options, complet: true });
  const decoupage = splitPlis(pages, options.plisDeclares === undefined ? {} : { plisDeclares: options.plisDeclares });
  const decision: DecisionLot = { plis: [], pagesBlanches: [...decoupage.pagesBlanches], revues: [], enAttente: [] };
  // pages by their index in the lot: a page set apart before the decisions leaves a gap
  const byIndex = new Map(pages.map((p) => [p.index, p]));
  const text = (index: number) => byIndex.get(index)?.text ?? '';

  if (decoupage.revueLot) {
    const { plisDeclares, plisTrouves } = decoupage.revueLot;
    const held = pages.filter((p) => !p.blank).map((p) => p.index);
    decision.pagesBlanches = pages.filter((p) => p.blank).map((p) => p.index);
    decision.revues.push({
      motif: 'plis_declares_different',
      pages: held,
      detail: `${plisDeclares} plis déclarés, ${plisTrouves} couvertures trouvées : lot retenu en entier`,
      suggestions: { plisDeclares, plisTrouves },
    });
    return decision;
  }
  if (decoupage.avantPremiereCouverture.length > 0) {
    decision.revues.push({
      motif: 'avant_premiere_couverture',
      pages: decoupage.avantPremiereCouverture,
      detail: 'pages avant la première couverture : dossier inconnu',
      suggestions: null,
    });
  }

  for (const pli of decoupage.plis) {
    const cover = text(pli.couverture);
    const match = matchCouverture(lireNumerosCouverture({ texte: cover, lecturesZone: byIndex.get(pli.couverture)?.lecturesZone ?? [] }), cover, registre);
    const blanks = pli.pages.filter((i) => byIndex.get(i)?.blank);
    const content = pli.pages.filter((i) => !byIndex.get(i)?.blank);
    decision.pagesBlanches.push(...blanks);
    if (!match.ok) {
      decision.revues.push({
        motif: 'couverture_non_rattachee',
        pages: [pli.couverture, ...content],
        detail: `${match.motif} : ${match.detail}`,
        suggestions: { motif: match.motif, demandes: match.suggestions },
      });
      continue;
    }
    if (pli.alertes.length > 0) {
      decision.revues.push({
        motif: 'pli_a_verifier',
        pages: [pli.couverture, ...content],
        detail: pli.alertes.map((a) => a.motif).join(', '),
        suggestions: { numeroUnique: match.numeroUnique, alertes: pli.alertes },
      });
      continue;
    }
    // pages that continue the cover ("page 2/2") are the attestation's own, not a piece
    const continuation = leadingContinuation(content, text);
    const filed: PliDecide = { couverture: [pli.couverture, ...continuation], numeroUnique: match.numeroUnique, documents: [] };
    const segmentation = segmenterPli(content.slice(continuation.length).map((i) => byIndex.get(i)!));
    decision.pagesBlanches.push(...segmentation.pagesBlanches);
    for (const document of segmentation.documents) {
      const classement = classerDocument(document.pages.map(text), { personnes: registre.personnes(match.numeroUnique), today: options.today });
      if (classement.decision === 'classe' && classement.categorie === attestation.categorie && classement.type === attestation.type) {
        filed.couverture.push(...document.pages);
      } else if (classement.decision === 'classe') {
        filed.documents.push({ pages: document.pages, categorie: classement.categorie, type: classement.type, confiance: classement.confiance });
      } else {
        decision.revues.push({
          motif: 'type_incertain',
          pages: document.pages,
          detail: `type non déterminé (${classement.motif}, confiance ${classement.confiance.toFixed(2)})`,
          suggestions: { numeroUnique: match.numeroUnique, types: classement.suggestions.slice(0, 3) satisfies SuggestionType[] },
        });
      }
    }
    decision.plis.push(filed);
  }
  decision.pagesBlanches.sort((a, b) => a - b);
  decision.pagesBlanches = [...new Set(decision.pagesBlanches)];
  return decision;
}

/**
 * The decisions on the pages read so far of a lot still being read: the last envelope may go on in
 * the pages not read yet, so it waits (`enAttente`); a lot with a declared envelope count waits
 * whole, the count being checked on the whole lot.
 */
function decideReadSoFar(pages: PageTexte[], registre: Parameters<typeof decideLot>[1], options: Parameters<typeof decideLot>[2]): DecisionLot {
  if (options.plisDeclares !== undefined) return { plis: [], pagesBlanches: [], revues: [], enAttente: pages.map((p) => p.index) };
  const covers = splitPlis(pages).plis;
  const last = covers[covers.length - 1];
  if (last === undefined) return decideLot(pages, registre, options);
  const decided = decideLot(
    pages.filter((p) => p.index < last.couverture),
    registre,
    options,
  );
  return { ...decided, enAttente: pages.filter((p) => p.index >= last.couverture).map((p) => p.index) };
}

// A type decided on a page's head and foot alone is taken without its body only this sure: the
// body's words can outweigh the head's (a family judge's ruling on custody reads as a divorce by its head).
const CONFIANCE_SANS_CORPS = 0.7;

/**
 * The pages whose text a decision lacked: those left to an operator, and those of documents typed
 * with less than `CONFIANCE_SANS_CORPS`; worth reading whole before deciding again. Pure. An
 * envelope whose cover matched no demande waits for its cover, which was read whole: more text on
 * its other pages would change nothing.
 */
export function pagesEnDoute(decision: DecisionLot): number[] {
  const revues = decision.revues.filter((revue) => revue.motif !== 'couverture_non_rattachee').flatMap((revue) => revue.pages);
  const peuSurs = decision.plis.flatMap((pli) => pli.documents.filter((d) => d.confiance < CONFIANCE_SANS_CORPS).flatMap((d) => d.pages));
  return [...new Set([...revues, ...peuSurs])];
}
