import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { findType } from '../../classification/plan-de-classement.ts';
import type { Database, Tx } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pages, pieces, type Canal, type Lot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { assemblePdf } from '../pages/assemble-pdf.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { enforceLimits } from '../pieces/enforce-limits.ts';
import { appendJournal, lockDossier } from '../pieces/journal.ts';
import { bucketOf } from '../pieces/piece-body.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import { queueConfirmation } from '../mail/queue-confirmation.ts';

export type FileDeps = { db: Database; objects: ObjectStore; images: ImageOps };
export type DocumentAClasser = { numeroUnique: string; pages: number[]; categorie: string; type: string };

/** A lot made of one file uploaded to one dossier (portal, pgp): that file is one piece. */
export function isUpload(canal: Canal): canal is 'portail' | 'pgp' {
  return canal === 'portail' || canal === 'pgp';
}

/** A lot's pages as one PDF, from their normalised images. */
export async function assembleLotPages(deps: FileDeps, lotId: string, indices: number[]): Promise<Buffer> {
  const rows = await deps.db
    .select()
    .from(pages)
    .where(and(eq(pages.lotId, lotId), inArray(pages.index, indices)));
  const assembly = [];
  for (const index of indices) {
    const row = rows.find((r) => r.index === index);
    const dpi = row?.normalisation?.dpi ?? 200;
    const jpeg = await deps.objects.getBuffer('originaux', pageImageKey(lotId, index));
    const grey = await deps.images.toGrey(await deps.images.decode(jpeg));
    assembly.push({ grey, dpi, original: null, record: { bitonal: row?.normalisation?.bitonal ?? false } });
  }
  return Buffer.from((await assemblePdf(assembly, { images: deps.images })).bytes);
}

/**
 * Files one document of a lot as a piece: PDF assembled, object written, then the piece row, its
 * pages and its journal event in one transaction. Idempotent: a document of this lot already
 * filed with these pages (a resumed lot) is returned as it is. Limits are checked in the
 * transaction, under the dossier's lock; a breach throws `limite_categorie_atteinte`.
 */
export async function fileDocument(deps: FileDeps, lot: Lot, document: DocumentAClasser): Promise<string> {
  const already = await filedAs(deps.db, lot.id, document.pages);
  if (already) return already;
  const found = findType(document.categorie, document.type);
  if (!found) throw new AppError('type_inconnu', `type ${document.type} absent du plan`);
  const pdf = await assembleLotPages(deps, lot.id, document.pages);
  const sensible = found.type.sensitive || found.categorie.sensitive;
  const bucket = bucketOf({ statut: 'active', sensible });
  const cle = randomUUID();
  const stored = await deps.objects.put(bucket, cle, pdf, { contentType: 'application/pdf' });
  // an upload settled by an operator is filed as an upload the classifier was sure of: its channel,
  // its source's fingerprint (the same bytes sent again find it), no confirmation mail
  const upload = isUpload(lot.canal);
  let filedMeanwhile: string | undefined;
  try {
    const id = await deps.db.transaction(async (tx) => {
      await lockDossier(tx, document.numeroUnique);
      // again under the dossier's lock: two resolutions of one task, or two workers, file it once
      filedMeanwhile = await filedAs(tx, lot.id, document.pages);
      if (filedMeanwhile) return filedMeanwhile;
      await enforceLimits(tx, document.numeroUnique, found);
      const [piece] = await tx
        .insert(pieces)
        .values({
          numeroUnique: document.numeroUnique,
          categorie: found.categorie.code,
          type: found.type.code,
          sensible,
          pages: document.pages.length,
          taille: stored.size,
          sha256: stored.sha256,
          bucket,
          cle,
          canal: lot.canal,
          lotId: lot.id,
          pagesSource: document.pages,
          empreinteSource: upload ? lot.fichiers[0]!.sha256 : null,
          deposePar: lot.acteurId,
        })
        .returning();
      await tx
        .update(pages)
        .set({ role: 'piece', pieceId: piece!.id, numeroUnique: document.numeroUnique })
        .where(and(eq(pages.lotId, lot.id), inArray(pages.index, document.pages)));
      await appendJournal(tx, {
        numeroUnique: document.numeroUnique,
        pieceId: piece!.id,
        evenement: 'creation',
        acteur: null,
        message: upload
          ? `pièce ${found.type.code} (${found.type.label}) déposée par le canal ${lot.canal}, classée par un opérateur, ${document.pages.length} page(s)`
          : `pièce ${found.type.code} (${found.type.label}) numérisée, lot ${lot.reference ?? lot.id}, pages ${document.pages.map((p) => p + 1).join(', ')}`,
        details: { lotId: lot.id, pages: document.pages },
      });
      if (!upload) await queueConfirmation(tx, { numeroUnique: document.numeroUnique, lotId: lot.id, pieceId: piece!.id, libelle: found.type.label });
      return piece!.id;
    });
    if (filedMeanwhile) await deps.objects.delete(bucket, cle).catch(() => {});
    return id;
  } catch (error) {
    await deps.objects.delete(bucket, cle).catch(() => {});
    throw error;
  }
}

/** The piece a lot's pages were already filed as, if any. */
async function filedAs(db: Database | Tx, lotId: string, indices: number[]): Promise<string | undefined> {
  const [piece] = await db
    .select({ id: pieces.id })
    .from(pieces)
    .where(and(eq(pieces.lotId, lotId), eq(pieces.pagesSource, indices)));
  return piece?.id;
}
