import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { findType, findTypeByCode, plan, type TypeTrouve } from '../../classification/plan-de-classement.ts';
import type { Personnes } from '../../classification/page-text.ts';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import {
  estIndicePertinence,
  indicesPertinence,
  lots,
  pieces,
  tachesRevue,
  type Acteur,
  type Canal,
  type Demande,
  type MotifRevue,
  type Piece,
} from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { parseCalendarDate } from '../demandes/calendar-date.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { enforceLimits } from './enforce-limits.ts';
import { filePiece } from './file-piece.ts';
import { keepPagesForReview } from './keep-pages-for-review.ts';
import type { ConvertedPiece, PieceConverter } from './piece-converter.ts';

export type UploadFields = { categorie?: string; type?: string; dateFinValidite?: string; indicePertinence?: string };

/**
 * Proposes a type from a document's text, or null to let an operator decide; with the dossier's
 * persons, a document is told the applicant's, the conjoint's or a child's.
 */
/** A document's type from its text, or null; `photo` when a page was a phone photo of a sheet (a stricter threshold). */
export type TextClassifier = (texte: string, personnes?: Personnes, photo?: boolean) => { categorie: string; type: string } | null;

export type UploadDeps = { db: Database; objects: ObjectStore; images: ImageOps; convert: PieceConverter; classify: TextClassifier };

export type UploadResult = { resultat: 'creee' | 'existante'; piece: Piece } | { resultat: 'revue'; revue: { id: string; motif: MotifRevue } };

/** The plan type named by an upload's fields, or undefined when the classifier must decide. */
export function resolveType(fields: UploadFields): TypeTrouve | undefined {
  if (!fields.type) {
    if (fields.categorie && !plan.categories.some((c) => c.code === fields.categorie)) {
      throw new AppError('type_inconnu', `catégorie « ${fields.categorie} » absente du plan de classement`);
    }
    return undefined;
  }
  const byCode = findTypeByCode(fields.type);
  if (!byCode) throw new AppError('type_inconnu', `type « ${fields.type} » absent du plan de classement (voir GET /v1/plan)`);
  if (fields.categorie && !findType(fields.categorie, fields.type)) {
    throw new AppError('categorie_incoherente', `le type ${fields.type} n'appartient pas à la catégorie ${fields.categorie} mais à ${byCode.categorie.code}`);
  }
  return byCode;
}

function checkFields(fields: UploadFields) {
  const indicePertinence = fields.indicePertinence ?? 'IV';
  if (!estIndicePertinence(indicePertinence)) {
    throw new AppError('requete_invalide', `indice de pertinence « ${indicePertinence} » inconnu : ${indicesPertinence.join(', ')}`);
  }
  const date = fields.dateFinValidite ? parseCalendarDate(fields.dateFinValidite) : null;
  if (fields.dateFinValidite && !date) throw new AppError('requete_invalide', `date de fin de validité « ${fields.dateFinValidite} » impossible`);
  return { indicePertinence, dateFinValidite: date };
}

/**
 * Files one uploaded file as one piece of a dossier. The original is kept first (a lot of the
 * portal or pgp channel), so that a refused or failed upload stays where an operator finds it.
 */
export async function uploadPiece(
  deps: UploadDeps,
  input: { acteur: Acteur; demande: Demande; canal: Extract<Canal, 'portail' | 'pgp'>; nomFichier: string; bytes: Buffer; fields: UploadFields },
): Promise<UploadResult> {
  const { db } = deps;
  const { acteur, demande, canal, bytes } = input;
  if (demande.etat !== 'active') throw new AppError('demande_radiee', `la demande ${demande.numeroUnique} est radiée : elle ne reçoit plus de pièces`);
  const found = resolveType(input.fields);
  const meta = checkFields(input.fields);
  if (bytes.length === 0) throw new AppError('fichier_vide', `le fichier « ${input.nomFichier} » est vide`);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [existing] = await db
    .select()
    .from(pieces)
    .where(and(eq(pieces.numeroUnique, demande.numeroUnique), eq(pieces.empreinteSource, sha256)));
  if (existing) return { resultat: 'existante', piece: existing };

  // a typed upload is converted while its original is being kept (neither needs the other): the
  // conversion's outcome, failure included, is held until the original is safe
  const converting = found ? settled(deps.convert(bytes, { texte: false })) : undefined;
  const lot = await keepOriginal(deps, { canal, acteur, demande, nomFichier: input.nomFichier, bytes, sha256 }).catch(async (error: unknown) => {
    await converting;
    throw error;
  });
  // the same bytes already waiting for an operator: the same task, not a second one
  const [waiting] = await db
    .select()
    .from(tachesRevue)
    .where(and(eq(tachesRevue.lotId, lot.id), eq(tachesRevue.statut, 'ouverte')));
  if (waiting) return { resultat: 'revue', revue: { id: waiting.id, motif: waiting.motif } };
  const fail = async (error: unknown) => {
    await db
      .update(lots)
      .set({ statut: 'echec', erreur: error instanceof AppError ? `${error.code}: ${error.message}` : String(error), modifieLe: new Date() })
      .where(eq(lots.id, lot.id));
    return error;
  };

  try {
    if (found) {
      await enforceLimits(db, demande.numeroUnique, found);
    }
    const converted = converting ? unwrap(await converting) : await deps.convert(bytes, { texte: true });
    const proposed = found ?? proposeType(deps.classify, converted.lecture, input.fields.categorie, personnesDe(demande));
    if (!proposed) return { resultat: 'revue', revue: await openReview(deps, lot.id, converted, input.fields.categorie) };
    return await filePiece(deps, {
      lot,
      numeroUnique: demande.numeroUnique,
      pages: Array.from({ length: converted.pages }, (_, i) => i),
      type: proposed,
      pdf: converted.pdf,
      ...meta,
      deposant: acteur,
    });
  } catch (error) {
    throw await fail(error);
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (no unhandled rejection while it waits), its failure kept for `unwrap`. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(outcome: Settled<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** The type an untyped upload is filed under: the classifier's proposal, if it fits the category named; undefined sends it to review. */
export function proposeType(
  classify: TextClassifier,
  lecture: ConvertedPiece['lecture'],
  categorie: string | undefined,
  personnes?: Personnes,
): TypeTrouve | undefined {
  // a phone photo's page reads with more slips than a scan: its proposal must be surer
  const proposal = lecture?.texte ? classify(lecture.texte, personnes, photographiee(lecture)) : null;
  if (!proposal || (categorie && proposal.categorie !== categorie)) return undefined;
  return findType(proposal.categorie, proposal.type);
}

/** Whether one of the upload's pages was a phone photo of a sheet, found and straightened. */
export function photographiee(lecture: ConvertedPiece['lecture']): boolean {
  return lecture?.normalised.some((page) => page.record.photo !== null) ?? false;
}

async function keepOriginal(
  { db, objects }: UploadDeps,
  o: { canal: Canal; acteur: Acteur; demande: Demande; nomFichier: string; bytes: Buffer; sha256: string },
) {
  // the dossier is part of the fingerprint: the same file may rightly go to two dossiers
  const empreinte = createHash('sha256').update(`${o.canal}:${o.demande.numeroUnique}:${o.sha256}`).digest('hex');
  const [known] = await db.select().from(lots).where(eq(lots.empreinte, empreinte));
  if (known) return known;
  const cle = randomUUID();
  await objects.put('originaux', cle, o.bytes);
  const [lot] = await db
    .insert(lots)
    .values({
      canal: o.canal,
      statut: 'en_cours',
      reference: o.demande.numeroUnique,
      empreinte,
      fichiers: [{ nom: o.nomFichier, cle, sha256: o.sha256, taille: o.bytes.length, type: null }],
      pages: null,
      acteurId: o.acteur.id,
    })
    .onConflictDoUpdate({ target: lots.empreinte, set: { modifieLe: new Date() } })
    .returning();
  return lot!;
}

/** The pages kept where a lot's are, then a task on all of them: the operator names the type. */
async function openReview(deps: UploadDeps, lotId: string, converted: ConvertedPiece, categorie: string | undefined) {
  // only an upload without type is read, and only a read one can be unsure
  if (!converted.lecture) throw new AppError('erreur_interne', 'pièce à revoir sans pages lues');
  await keepPagesForReview(deps, lotId, converted.lecture.normalised, converted.lecture.textes);
  const motif: MotifRevue = 'type_incertain';
  // the same bytes sent again after a rejection are asked again: a new task, not the rejected one
  const id = await openReviewTask(
    deps.db,
    {
      lotId,
      motif,
      detail: "le type de la pièce n'a pas pu être déterminé avec assez de confiance",
      pages: converted.lecture.normalised.map((_, i) => i),
      suggestions: categorie ? { categorie } : null,
    },
    { reuse: 'open' },
  );
  await deps.db.update(lots).set({ statut: 'a_revoir', pages: converted.pages, modifieLe: new Date() }).where(eq(lots.id, lotId));
  return { id, motif };
}

/** The persons the registry knows of a demande: its applicant. */
export function personnesDe(demande: Pick<Demande, 'nom' | 'prenom' | 'dateNaissance'>): Personnes {
  return { demandeur: { nom: demande.nom, prenom: demande.prenom, dateNaissance: demande.dateNaissance } };
}
