import { and, eq, inArray } from 'drizzle-orm';
import { findType } from '../../classification/plan-de-classement.ts';
import { lots, pages, pieces, tachesRevue, type Acteur } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { getDemande } from '../demandes/get-demande.ts';
import { settleLot } from '../lot-state/settle-lot.ts';
import { filePiece, isUpload, type FileDeps } from '../pieces/file-piece.ts';
import { coverOfResolution } from './cover-of-resolution.ts';

export type Resolution = { numeroUnique?: string; documents?: { pages: number[]; categorie: string; type: string }[]; couverture?: number[]; rejet?: string };

/**
 * An operator's decision on a review task: the dossier and the documents (as page ranges with their
 * type), filed exactly as the automatic path files them, and the envelope's cover pages placed as its
 * cover; or a rejection with its reason.
 */
export async function resolveTask(deps: FileDeps, acteur: Acteur, taskId: string, resolution: Resolution) {
  const [task] = await deps.db.select().from(tachesRevue).where(eq(tachesRevue.id, taskId));
  if (!task) throw new AppError('introuvable', `aucune tâche de revue ${taskId}`);
  if (task.statut !== 'ouverte') throw new AppError('conflit', `la tâche ${taskId} est déjà ${task.statut}`);
  const close = async (statut: 'resolue' | 'rejetee', pieces: string[], cover?: { numeroUnique: string; pages: number[] }) => {
    await deps.db.transaction(async (tx) => {
      // only an open task closes: of two concurrent resolutions, the second is told so (filing is
      // idempotent, so it filed nothing more)
      const [closed] = await tx
        .update(tachesRevue)
        .set({ statut, resolution: { ...resolution, pieces }, resoluPar: acteur.id, resoluLe: new Date() })
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
  // the request is checked against the task before the registry: a wrong page is the caller's error
  const assigned = new Set<number>();
  const typed = documents.map((document) => {
    const type = findType(document.categorie, document.type);
    if (!type) throw new AppError('type_inconnu', `${document.categorie}/${document.type} absent du plan de classement`);
    return { pages: document.pages, type };
  });
  for (const document of documents) {
    for (const page of document.pages) {
      if (!task.pages.includes(page)) throw new AppError('requete_invalide', `la page ${page} n'appartient pas à cette tâche (pages ${task.pages.join(', ')})`);
      if (assigned.has(page)) throw new AppError('requete_invalide', `la page ${page} est dans deux documents`);
      assigned.add(page);
    }
  }
  for (const page of resolution.couverture ?? []) {
    if (!task.pages.includes(page))
      throw new AppError('requete_invalide', `la page de couverture ${page} n'appartient pas à cette tâche (pages ${task.pages.join(', ')})`);
    if (assigned.has(page)) throw new AppError('requete_invalide', `la page ${page} est à la fois couverture et document`);
  }
  const demande = await getDemande({ db: deps.db, numeroUnique });
  if (demande.etat !== 'active') throw new AppError('demande_radiee', `la demande ${demande.numeroUnique} est radiée`);
  if (!lot) throw new AppError('conflit', 'tâche sans lot : rien à classer');
  await refuseRefiling(deps, lot.id, documents);
  const filed: string[] = [];
  for (const document of typed) filed.push((await filePiece(deps, { lot, numeroUnique: demande.numeroUnique, ...document })).piece.id);
  return close('resolue', filed, { numeroUnique: demande.numeroUnique, pages: coverOfResolution(task, documents, resolution.couverture) });
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
