import { and, eq, inArray } from 'drizzle-orm';
import { findType, type TypeTrouve } from '../../classification/plan-de-classement.ts';
import { verifierLimites, type PieceDossier } from '../../classification/verifier-limites.ts';
import { lots, pages, pieces, tachesRevue, type Acteur } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { getDemande } from '../demandes/get-demande.ts';
import { settleLot } from '../lot-state/settle-lot.ts';
import { filePiece, isUpload, type FileDeps } from '../pieces/file-piece.ts';
import { coverOfResolution } from './cover-of-resolution.ts';
import { getTask } from './get-task.ts';
import { refuseIfHeldByOther } from './hold-task.ts';

export type Resolution = {
  numeroUnique?: string;
  documents?: { pages: number[]; categorie: string; type: string }[];
  couverture?: number[];
  /** Clockwise quarter turns of pages of the documents (a page scanned upside down or sideways). */
  rotations?: { page: number; angle: 90 | 180 | 270 }[];
  /** Pages of the task that are blank: dropped as the pipeline drops them, recoverable the same way. */
  blanches?: number[];
  rejet?: string;
};

/**
 * An operator's decision on a review task: the dossier and the documents (as page ranges with their
 * type, blank pages dropped around the task brought back if named, pages turned as asked), filed
 * exactly as the automatic path files them under the operator's name, the envelope's cover pages
 * placed as its cover and pages named blank dropped; or a rejection with its reason. Everything is
 * checked before anything is filed: a refused decision leaves the task as it was.
 */
export async function resolveTask(deps: FileDeps, acteur: Acteur, taskId: string, resolution: Resolution) {
  const { task, blanches: droppedBlanks } = await getTask(deps.db, taskId);
  if (task.statut !== 'ouverte') throw new AppError('conflit', `la tâche ${taskId} est déjà ${task.statut}`);
  await refuseIfHeldByOther(deps.db, acteur, task);
  const markedBlank = resolution.blanches ?? [];
  const close = async (statut: 'resolue' | 'rejetee', pieces: string[], cover?: { numeroUnique: string; pages: number[] }) => {
    await deps.db.transaction(async (tx) => {
      // only an open task closes: of two concurrent resolutions, the second is told so (filing is
      // idempotent, so it filed nothing more)
      const [closed] = await tx
        .update(tachesRevue)
        .set({ statut, resolution: { ...resolution, pieces }, resoluPar: acteur.id, resoluLe: new Date(), tenuePar: null, tenueJusqua: null })
        .where(and(eq(tachesRevue.id, taskId), eq(tachesRevue.statut, 'ouverte')))
        .returning({ id: tachesRevue.id });
      if (!closed) throw new AppError('conflit', `la tâche ${taskId} vient d'être résolue par ailleurs`);
      // the cover leaves the task for its envelope, where the automatic path places it
      if (task.lotId && cover && cover.pages.length > 0) {
        await tx
          .update(pages)
          .set({ role: 'couverture', numeroUnique: cover.numeroUnique })
          .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, cover.pages), eq(pages.revueId, taskId), eq(pages.role, 'revue')));
      }
      // pages the operator saw blank join the lot's blank list, as the pipeline's own drops do
      if (task.lotId && statut === 'resolue' && markedBlank.length > 0) {
        await tx
          .update(pages)
          .set({ role: 'blanc', blanc: true, revueId: null })
          .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, markedBlank), eq(pages.revueId, taskId), eq(pages.role, 'revue')));
      }
    });
    // a lot still being processed is settled by its worker, not here
    const lot = task.lotId ? await settleLot(deps.db, task.lotId, ['a_revoir']) : null;
    return { id: taskId, statut, pieces, lot: lot ? { id: lot.id, statut: lot.statut } : null };
  };
  if (resolution.rejet) return close('rejetee', []);

  const [lot] = task.lotId ? await deps.db.select().from(lots).where(eq(lots.id, task.lotId)) : [];
  const documents = resolution.documents ?? [];
  // an upload is one piece of the dossier it was sent to: the operator only names its type
  const upload = lot && isUpload(lot.canal) ? lot : undefined;
  const numeroUnique = resolution.numeroUnique ?? upload?.reference ?? undefined;
  checkPages(task.pages, droppedBlanks, resolution);
  // a task of pages that are all blank closes with no dossier: there is nothing to file
  if (documents.length === 0 && markedBlank.length > 0 && !upload) return close('resolue', []);
  if (!numeroUnique || documents.length === 0) {
    throw new AppError('requete_invalide', 'une résolution donne un numeroUnique et au moins un document { pages, categorie, type }, ou un rejet motivé');
  }
  if (upload) {
    if (numeroUnique !== upload.reference)
      throw new AppError('requete_invalide', `ce fichier a été déposé dans le dossier ${upload.reference} : il y est classé`);
    if (documents.length !== 1 || documents[0]!.pages.join() !== task.pages.join()) {
      throw new AppError('requete_invalide', `un fichier déposé est une seule pièce : un document avec toutes ses pages (${task.pages.join(', ')})`);
    }
  }
  const typed = documents.map((document) => {
    const type = findType(document.categorie, document.type);
    if (!type) throw new AppError('type_inconnu', `${document.categorie}/${document.type} absent du plan de classement`);
    return { pages: document.pages, type };
  });
  const demande = await getDemande({ db: deps.db, numeroUnique });
  if (demande.etat !== 'active') throw new AppError('demande_radiee', `la demande ${demande.numeroUnique} est radiée`);
  if (!lot) throw new AppError('conflit', 'tâche sans lot : rien à classer');
  await refuseRefiling(deps, lot.id, documents);
  await refuseOverLimit(deps, demande.numeroUnique, lot.id, typed);
  const rotations = Object.fromEntries((resolution.rotations ?? []).map((r) => [r.page, r.angle]));
  const filed: string[] = [];
  for (const document of typed) {
    const turns = Object.fromEntries(document.pages.filter((p) => rotations[p]).map((p) => [p, rotations[p]!]));
    filed.push((await filePiece(deps, { lot, numeroUnique: demande.numeroUnique, ...document, operateur: acteur, rotations: turns })).piece.id);
  }
  return close('resolue', filed, { numeroUnique: demande.numeroUnique, pages: coverOfResolution(task, documents, resolution.couverture) });
}

/**
 * The request checked against the task before the registry: a wrong page is the caller's error. A
 * document may take the task's pages and the blank pages dropped around it; the cover and the
 * pages marked blank are the task's own; a page is in one place only.
 */
function checkPages(taskPages: number[], droppedBlanks: number[], resolution: Resolution) {
  const listed = `pages ${taskPages.join(', ')}${droppedBlanks.length > 0 ? ` et pages blanches ${droppedBlanks.join(', ')}` : ''}`;
  const placed = new Map<number, string>();
  const place = (page: number, where: string) => {
    const before = placed.get(page);
    if (before === where) throw new AppError('requete_invalide', `la page ${page} est dans deux ${where}s`);
    if (before) throw new AppError('requete_invalide', `la page ${page} est à la fois ${where} et ${before}`);
    placed.set(page, where);
  };
  for (const document of resolution.documents ?? []) {
    for (const page of document.pages) {
      if (!taskPages.includes(page) && !droppedBlanks.includes(page))
        throw new AppError('requete_invalide', `la page ${page} n'appartient pas à cette tâche (${listed})`);
      place(page, 'document');
    }
  }
  for (const page of resolution.couverture ?? []) {
    if (!taskPages.includes(page))
      throw new AppError('requete_invalide', `la page de couverture ${page} n'appartient pas à cette tâche (pages ${taskPages.join(', ')})`);
    place(page, 'couverture');
  }
  for (const page of resolution.blanches ?? []) {
    if (!taskPages.includes(page))
      throw new AppError('requete_invalide', `la page blanche ${page} n'appartient pas à cette tâche (pages ${taskPages.join(', ')})`);
    place(page, 'page blanche');
  }
  for (const rotation of resolution.rotations ?? []) {
    if (placed.get(rotation.page) !== 'document') throw new AppError('requete_invalide', `la page ${rotation.page} à tourner n'est dans aucun document`);
  }
}

/**
 * A resolution that stopped half-way (a limit reached on its second document) left its first
 * document filed; tried again, that document is found as it is, but the same page in other
 * documents would be filed a second time: refused.
 */
async function refuseRefiling(deps: FileDeps, lotId: string, documents: { pages: number[] }[]) {
  const filed = await deps.db.select({ id: pieces.id, pages: pieces.pagesSource }).from(pieces).where(eq(pieces.lotId, lotId));
  for (const document of documents) {
    for (const piece of filed) {
      const same = piece.pages?.join() === document.pages.join();
      if (!same && document.pages.some((p) => piece.pages?.includes(p))) {
        throw new AppError('conflit', `pages ${piece.pages?.join(', ')} déjà classées dans la pièce ${piece.id} : les reprendre telles quelles`);
      }
    }
  }
}

/**
 * The dossier's limits checked for all the documents together before the first is filed, so that
 * a limit reached by the second does not leave the first filed (`filePiece` checks each again
 * under the dossier's lock). Documents of this lot already filed count once.
 */
async function refuseOverLimit(deps: FileDeps, numeroUnique: string, lotId: string, documents: { pages: number[]; type: TypeTrouve }[]) {
  const held = await deps.db
    .select({ categorie: pieces.categorie, type: pieces.type, lotId: pieces.lotId, pages: pieces.pagesSource })
    .from(pieces)
    .where(and(eq(pieces.numeroUnique, numeroUnique), eq(pieces.statut, 'active')));
  const dossier: PieceDossier[] = held.map((p) => ({ categorie: p.categorie, type: p.type }));
  for (const document of documents) {
    const already = held.some((p) => p.lotId === lotId && p.pages?.join() === document.pages.join());
    if (already) continue;
    const next = { categorie: document.type.categorie.code, type: document.type.type.code };
    const verdict = verifierLimites(next, dossier);
    if (!verdict.ok) {
      throw new AppError(verdict.motif, `${verdict.detail} : retirez-en une avant d'en ajouter`, { limite: verdict.limite, presents: verdict.presents });
    }
    dossier.push(next);
  }
}
