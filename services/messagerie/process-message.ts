import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { detecterCouverture } from '../../classification/detecter-couverture.ts';
import { numeroDuMessage } from '../../classification/numero-du-message.ts';
import type { TypeTrouve } from '../../classification/plan-de-classement.ts';
import { typeNomme } from '../../classification/type-nomme.ts';
import { acteurs, demandes, lots, type Acteur, type Demande, type Lot, type MotifRevue, motifDeRefus } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';
import { settleLot } from '../lot-state/settle-lot.ts';
import { receiveLot } from '../lots/receive-lot.ts';
import { queueAcknowledgement } from '../mail/queue-acknowledgement.ts';
import { type FileDeps, filePiece } from '../pieces/file-piece.ts';
import { keepPagesForReview } from '../pieces/keep-pages-for-review.ts';
import type { ConvertedPiece, PieceConverter } from '../pieces/piece-converter.ts';
import { personnesDe, proposeType, type TextClassifier } from '../pieces/upload-piece.ts';
import { type AttenteMessage, accuseDeReception, type IssuePieceJointe } from './accuse-de-reception.ts';
import { lireEntetes } from './lire-entetes.ts';
import { lireMessage, type MessageLu, type PieceJointe } from './lire-message.ts';

export type MessageDeps = FileDeps & { convert: PieceConverter; classify: TextClassifier; logger?: Logger };

const explications: Partial<Record<MotifRevue, string>> = {
  numero_absent: "aucun numéro unique n'a été trouvé dans l'objet, le texte ou les noms des pièces jointes : indiquez-le dans l'objet",
  numeros_multiples: 'plusieurs numéros uniques différents y figurent : un message par dossier',
  demande_inconnue: "le numéro unique indiqué n'est pas connu du registre",
  demande_radiee: 'la demande indiquée est radiée : elle ne reçoit plus de pièces',
  trop_de_pieces_jointes: 'il contient trop de pièces jointes',
  message_illisible: 'le message ne peut pas être décomposé (MIME invalide)',
};

/**
 * A guichet's message, top to bottom:
 * 1. read: the raw message from the originals bucket, taken apart (attachments, ZIP, forwarded message);
 * 2. dossier: the numéro unique from subject, body or attachment names, checked in the registry;
 *    none, several, unknown or radiée: the whole message waits for an operator with its pages;
 * 3. file: each attachment one piece, typed by the name the guichet gave or by the classifier,
 *    through the one filing verb; an attachment that is a scanned batch with covers becomes a
 *    scan lot; a refusal is said and kept for an operator;
 * 4. acknowledge the guichet through the outbox, and settle the lot.
 * Safe to run again after a crash: what was filed or opened is found again, the acknowledgement
 * is written once.
 */
export async function processMessage(lot: Lot, deps: MessageDeps): Promise<Lot> {
  const raw = await deps.objects.getBuffer('originaux', lot.fichiers[0]!.cle);
  const entetes = await lireEntetes(raw).catch(() => null);
  const expediteur = lot.acteurId ? ((await deps.db.select().from(acteurs).where(eq(acteurs.id, lot.acteurId)))[0] ?? null) : null;
  const lu = await lireMessage(raw).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'trop_de_pieces_jointes') return { motif: 'trop_de_pieces_jointes' as const, message: error.message };
    if (error instanceof AppError) throw error;
    return { motif: 'message_illisible' as const, message: String((error as Error).message ?? error) };
  });

  let numeroUnique: string | null = null;
  let attente: AttenteMessage | null = null;
  const issues: IssuePieceJointe[] = [];
  if ('motif' in lu) {
    attente = { motif: lu.motif, explication: `${explications[lu.motif]} (${lu.message})` };
    await openReviewTask(deps.db, { lotId: lot.id, motif: lu.motif, pages: [], detail: lu.message, suggestions: null });
  } else {
    const dossier = await dossierDuMessage(deps, lu);
    numeroUnique = dossier.demande?.numeroUnique ?? dossier.numeroLu;
    // a message without attachment files nothing and needs no operator: the acknowledgement says so
    if (dossier.demande && lu.pieces.length > 0) {
      let premier = 0;
      for (const [fichier, piece] of lu.pieces.entries()) {
        const { issue, pages } = await fileAttachment(deps, { lot, demande: dossier.demande, piece, texte: lu.texte, premier, fichier, expediteur });
        issues.push(issue);
        premier += pages;
      }
      await deps.db.update(lots).set({ pages: premier }).where(eq(lots.id, lot.id));
    } else if (dossier.motif && lu.pieces.length > 0) {
      attente = { motif: dossier.motif, explication: explications[dossier.motif]! };
      await holdMessage(deps, lot, lu, dossier.motif, dossier.detail);
    }
  }

  const settled = await settleLot(deps.db, lot.id);
  const destinataire = entetes?.from;
  if (destinataire) {
    const accuse = accuseDeReception({
      sujet: entetes.subject,
      numeroUnique,
      lotId: lot.id,
      issues,
      ecartees: 'motif' in lu ? [] : lu.ecartees,
      attente,
    });
    await queueAcknowledgement(deps.db, { lotId: lot.id, destinataire, numeroUnique, ...accuse, inReplyTo: entetes.messageId });
  }
  deps.logger?.info({ lot: lot.id, numeroUnique, pieces: issues.length, attente: attente?.motif ?? null, statut: settled.statut }, 'courriel traité');
  return settled;
}

type Dossier = { demande: Demande | null; numeroLu: string | null; motif: MotifRevue | null; detail: string };

async function dossierDuMessage(deps: MessageDeps, lu: MessageLu): Promise<Dossier> {
  const numero = numeroDuMessage({ sujet: lu.sujet, texte: lu.texte, nomsDeFichier: lu.pieces.map((p) => p.nom) });
  if (!numero.ok)
    return {
      demande: null,
      numeroLu: null,
      motif: numero.motif,
      detail: `${explications[numero.motif]}${numero.numeros.length ? ` : ${numero.numeros.join(', ')}` : ''}`,
    };
  const [demande] = await deps.db.select().from(demandes).where(eq(demandes.numeroUnique, numero.numeroUnique));
  // never filed on a near match: an unknown number is an operator's to settle
  if (!demande) return { demande: null, numeroLu: numero.numeroUnique, motif: 'demande_inconnue', detail: `numéro ${numero.numeroUnique} inconnu du registre` };
  if (demande.etat !== 'active')
    return { demande: null, numeroLu: numero.numeroUnique, motif: 'demande_radiee', detail: `demande ${numero.numeroUnique} radiée` };
  return { demande, numeroLu: numero.numeroUnique, motif: null, detail: '' };
}

/**
 * The whole message for an operator: every attachment's pages kept as the lot's pages, one task on
 * all of them with the classifier's proposal per attachment, so that the resolution names the
 * dossier and files the documents as a scanned lot's are filed.
 */
async function holdMessage(deps: MessageDeps, lot: Lot, lu: MessageLu, motif: MotifRevue, detail: string) {
  const documents: { nom: string; pages: number[]; categorie?: string; type?: string }[] = [];
  const refus: string[] = [];
  let premier = 0;
  for (const [fichier, piece] of lu.pieces.entries()) {
    const converted = await deps.convert(piece.contenu, { texte: true }).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      refus.push(`${piece.nom} : ${error.message}`);
      return null;
    });
    if (!converted?.lecture) continue;
    await keepPagesForReview(deps, lot.id, converted.lecture.normalised, converted.lecture.textes, { premier, fichier });
    const propose = proposeType(deps.classify, converted.lecture, undefined);
    const pages = Array.from({ length: converted.pages }, (_, i) => premier + i);
    documents.push({ nom: piece.nom, pages, ...(propose ? { categorie: propose.categorie.code, type: propose.type.code } : {}) });
    premier += converted.pages;
  }
  await openReviewTask(deps.db, {
    lotId: lot.id,
    motif,
    pages: documents.flatMap((d) => d.pages),
    detail: [detail, ...refus].join(' ; '),
    suggestions: { documents, sujet: lu.sujet },
  });
  await deps.db.update(lots).set({ pages: premier }).where(eq(lots.id, lot.id));
}

/**
 * One attachment as one piece of the dossier. Returns what became of it and how many of the lot's
 * page numbers it takes (the next attachment's pages follow).
 */
async function fileAttachment(
  deps: MessageDeps,
  o: { lot: Lot; demande: Demande; piece: PieceJointe; texte: string; premier: number; fichier: number; expediteur: Acteur | null },
): Promise<{ issue: IssuePieceJointe; pages: number }> {
  const { lot, piece, premier } = o;
  const nom = piece.dans ? `${piece.dans} › ${piece.nom}` : piece.nom;
  let pages = 0;
  try {
    const nomme = typeNomme(piece.nom, o.texte);
    const converted = await deps.convert(piece.contenu, { texte: !nomme });
    pages = converted.pages;
    const range = Array.from({ length: pages }, (_, i) => premier + i);
    if (!nomme && estPliNumerise(converted)) return { issue: { nom, resultat: 'plis', lotId: await toScanPath(deps, o) }, pages };
    const type: TypeTrouve | undefined = nomme ?? proposeType(deps.classify, converted.lecture, undefined, personnesDe(o.demande));
    if (!type) {
      const lecture = converted.lecture!;
      await keepPagesForReview(deps, lot.id, lecture.normalised, lecture.textes, { premier, fichier: o.fichier });
      await openReviewTask(deps.db, {
        lotId: lot.id,
        motif: 'type_incertain',
        pages: range,
        detail: `pièce jointe « ${nom} » : le type n'a pas pu être déterminé avec assez de confiance`,
        suggestions: { pieceJointe: nom },
      });
      return { issue: { nom, resultat: 'revue', raison: 'type à confirmer' }, pages };
    }
    const filed = await filePiece(deps, {
      lot,
      numeroUnique: o.demande.numeroUnique,
      pages: range,
      type,
      pdf: converted.pdf,
      deposant: o.expediteur ?? undefined,
      pieceJointe: nom,
    });
    return {
      issue: {
        nom,
        resultat: 'classee',
        categorie: type.categorie.code,
        type: type.type.code,
        libelle: type.type.label,
        pieceId: filed.piece.id,
        dejaClassee: filed.resultat === 'existante',
      },
      pages,
    };
  } catch (error) {
    const motif = error instanceof AppError ? motifDeRefus(error.code) : null;
    if (!motif || !(error instanceof AppError)) throw error; // an outage or a fault: the attempt fails and is retried
    // kept for an operator: the attachment stays in the raw message, the task names it
    await openReviewTask(deps.db, { lotId: lot.id, motif, pages: [], detail: `pièce jointe « ${nom} » : ${error.message}`, suggestions: { pieceJointe: nom } });
    return { issue: { nom, resultat: 'refusee', raison: error.message }, pages };
  }
}

/**
 * Whether an attachment is a scanned envelope rather than a document: its first page is a cover
 * (a numéro unique with the words of a registration) and a later page is something else.
 */
function estPliNumerise(converted: ConvertedPiece): boolean {
  const textes = converted.lecture?.textes ?? [];
  if (textes.length < 2 || !textes[0]) return false;
  const premiere = detecterCouverture({ text: textes[0] });
  if (premiere.verdict !== 'couverture' || premiere.confiance < 1) return false;
  return textes.slice(1).some((t) => t && t.trim() !== '' && detecterCouverture({ text: t }).verdict === 'non');
}

/** A scanned envelope attached to a message goes through the scan pipeline as a lot of its own. */
async function toScanPath(deps: MessageDeps, o: { lot: Lot; piece: PieceJointe; expediteur: Acteur | null }): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'du-mel-'));
  try {
    const chemin = path.join(dir, randomUUID());
    await fs.writeFile(chemin, o.piece.contenu);
    const sha256 = createHash('sha256').update(o.piece.contenu).digest('hex');
    const { lot } = await receiveLot(deps, {
      fichiers: [{ nom: o.piece.nom, chemin, sha256, taille: o.piece.contenu.length }],
      acteur: o.expediteur,
      reference: `courriel ${o.lot.id}`,
    });
    return lot.id;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
