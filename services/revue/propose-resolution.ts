import { classerDocument } from '../../classification/classer-document.ts';
import type { PageTexte } from '../../classification/page-text.ts';
import { segmenterPli } from '../../classification/segmenter-pli.ts';

/** Review motifs whose task starts with its envelope's cover page (a held envelope's whole pages, cover first). */
const coverMotifs = new Set(['couverture_non_rattachee', 'pli_a_verifier', 'plis_declares_different']);

export type DocumentPropose = { pages: number[]; categorie: string | null; type: string | null; confiance: number | null };
export type Proposition = { numeroUnique: string | null; couverture: number[]; documents: DocumentPropose[] };

type SuggestionType = { categorie: string; type: string };

/**
 * What the station puts before the operator to confirm or correct (pure): the number the service
 * read or matched, the cover pages (those whose number zone was read, else the first), and the
 * documents with the type proposed and its confidence (the classifier's, 0 to 1: under its type's
 * threshold when the pipeline abstained). An envelope's other pages are cut into documents and
 * typed as the pipeline does it (`segmenterPli`, `classerDocument`) from their text; a document
 * the pipeline already typed keeps the task's suggestion. The station sends the cover it shows,
 * so an envelope held for its count has its cover placed too.
 */
export function proposeResolution(
  task: { motif: string; pages: number[]; suggestions: Record<string, unknown> | null },
  coverPages: number[],
  textes: PageTexte[] = [],
): Proposition {
  const s = task.suggestions ?? {};
  const numeroUnique = typeof s.numeroUnique === 'string' ? s.numeroUnique : (candidates(s)[0] ?? null);
  const pages = [...task.pages].sort((a, b) => a - b);
  // the last documents of an envelope whose cover was filed (`suite`) have no cover of their own
  const couverture = coverMotifs.has(task.motif) && s.suite !== true ? (coverPages.length > 0 ? coverPages : pages.slice(0, 1)) : [];
  const rest = pages.filter((p) => !couverture.includes(p));
  if (rest.length === 0) return { numeroUnique, couverture, documents: [] };
  const types = Array.isArray(s.types) ? (s.types as SuggestionType[]) : [];
  const suggested = types[0] ?? (typeof s.categorie === 'string' && typeof s.type === 'string' ? { categorie: s.categorie, type: s.type } : undefined);
  const byIndex = new Map(textes.map((t) => [t.index, t]));
  const read = rest.every((p) => byIndex.has(p));
  const classify = (document: number[]): DocumentPropose => {
    const classement = classerDocument(document.map((p) => byIndex.get(p)!.text));
    const best = classement.decision === 'classe' ? classement : classement.suggestions[0];
    return { pages: document, categorie: best?.categorie ?? null, type: best?.type ?? null, confiance: best ? classement.confiance : null };
  };
  if (suggested) {
    // the pipeline's type (it knew the dossier's persons), with the confidence of the same reading when it agrees
    const again = read ? classify(rest) : undefined;
    const confiance = again?.type === suggested.type ? again.confiance : null;
    return { numeroUnique, couverture, documents: [{ pages: rest, categorie: suggested.categorie, type: suggested.type, confiance }] };
  }
  if (!read) return { numeroUnique, couverture, documents: [{ pages: rest, categorie: null, type: null, confiance: null }] };
  const segmentation = segmenterPli(rest.map((p) => ({ ...byIndex.get(p)!, blank: false })));
  return { numeroUnique, couverture, documents: segmentation.documents.map((document) => classify(document.pages)) };
}

/** The registry's candidates a cover's matching proposed, best first. */
function candidates(s: Record<string, unknown>): string[] {
  const demandes = Array.isArray(s.demandes) ? (s.demandes as { numeroUnique?: unknown }[]) : [];
  return demandes.flatMap((d) => (typeof d.numeroUnique === 'string' ? [d.numeroUnique] : []));
}

/**
 * The blank pages the pipeline dropped around a task (pure): those between its first and last
 * page, and the run of blanks right after its last page (an envelope's trailing blanks). The
 * operator may bring them back into a document.
 */
export function droppedBlanksNear(taskPages: number[], blanks: number[]): number[] {
  if (taskPages.length === 0) return [];
  const first = Math.min(...taskPages);
  let last = Math.max(...taskPages);
  const set = new Set(blanks);
  const inside = blanks.filter((b) => b > first && b < last);
  const trailing: number[] = [];
  while (set.has(last + 1)) trailing.push(++last);
  return [...inside, ...trailing].sort((a, b) => a - b);
}
