import { fileTypeFromBuffer } from 'file-type';
import { type Attachment, simpleParser } from 'mailparser';
import sharp from 'sharp';
import { AppError } from '../app-error.ts';
import { unpackZip, type ZipCaps } from './unpack-zip.ts';

/** An attachment that may be a piece, with where it came from (the message, a ZIP, a forwarded message). */
export type PieceJointe = { nom: string; type: string; contenu: Buffer; dans?: string };

/** An attachment that is not filed, and why: said in the acknowledgement. */
export type PieceJointeEcartee = { nom: string; raison: string };

export type MessageLu = {
  sujet: string;
  texte: string;
  pieces: PieceJointe[];
  ecartees: PieceJointeEcartee[];
  /** Logos, signatures and other images too small to show a document: not pieces, not worth a line. */
  decor: number;
};

export type MessageCaps = { maxAttachments: number; maxAttachmentBytes: number; zip: ZipCaps };

export const defaultMessageCaps: MessageCaps = {
  maxAttachments: 50,
  maxAttachmentBytes: 20 * 1024 * 1024,
  zip: { maxEntries: 50, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 100 },
};

/** The formats the page engine turns into a piece. */
const formatsPieces = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/heic', 'image/heif']);

// a document is legible only with more pixels than this on its smaller side; logos, signatures
// and tracking pixels have fewer (bytes say nothing: a sparse scanned page compresses to 30 KB)
const minDocumentSide = 300;

/**
 * A guichet's message as the intake sees it: subject, text, and the attachments that may be pieces
 * (inline images included, since phone clients put photos inline), a ZIP unpacked and a forwarded
 * message opened one level. Malformed MIME is read as far as mailparser can. A message with more
 * attachments than the cap is refused whole (`trop_de_pieces_jointes`): a batch of that size is
 * not one dossier's mail.
 */
export async function lireMessage(raw: Buffer, caps: MessageCaps = defaultMessageCaps): Promise<MessageLu> {
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true }).catch((error: NodeJS.ErrnoException) => {
    // mailparser's own cap on MIME parts: a message of that many parts is no dossier's mail
    if (error.code === 'EMAXLEN') throw new AppError('trop_de_pieces_jointes', 'trop de parties MIME : un message par dossier, 50 pièces jointes au plus');
    throw error;
  });
  const lu: MessageLu = { sujet: parsed.subject ?? '', texte: parsed.text ?? '', pieces: [], ecartees: [], decor: 0 };
  await trier(parsed.attachments, lu, caps, { profondeur: 0 });
  if (lu.pieces.length > caps.maxAttachments) {
    throw new AppError('trop_de_pieces_jointes', `${lu.pieces.length} pièces jointes, ${caps.maxAttachments} au plus par message : un message par dossier`);
  }
  return lu;
}

async function trier(attachments: Attachment[], lu: MessageLu, caps: MessageCaps, o: { profondeur: number; dans?: string }) {
  if (attachments.length > caps.maxAttachments * 4) {
    throw new AppError('trop_de_pieces_jointes', `${attachments.length} pièces jointes, ${caps.maxAttachments} au plus par message : un message par dossier`);
  }
  for (const [i, attachment] of attachments.entries()) {
    const nom = nomDe(attachment.filename, i, attachment.contentType);
    await trierUne(nom, attachment.content, attachment.contentType, lu, caps, o);
  }
}

async function trierUne(nom: string, contenu: Buffer, declare: string, lu: MessageLu, caps: MessageCaps, o: { profondeur: number; dans?: string }) {
  const ecarter = (raison: string) => lu.ecartees.push({ nom, raison });
  if (contenu.length === 0) return ecarter('fichier vide');
  const sniffed = (await fileTypeFromBuffer(contenu).catch(() => undefined))?.mime;
  const type = sniffed ?? declare.toLowerCase();
  if (type.startsWith('image/') && (await tropPetite(contenu))) {
    lu.decor++;
    return;
  }
  if (contenu.length > caps.maxAttachmentBytes) return ecarter(`${contenu.length} octets, ${caps.maxAttachmentBytes} au plus par pièce jointe`);
  if (type === 'message/rfc822' || declare.toLowerCase() === 'message/rfc822') {
    if (o.profondeur > 0) return ecarter('message transféré dans un message transféré : non ouvert');
    const inner = await simpleParser(contenu, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true }).catch(() => null);
    if (!inner) return ecarter('message transféré illisible');
    return trier(inner.attachments, lu, caps, { profondeur: 1, dans: nom });
  }
  // an office document is a ZIP too: only what is sent as an archive is opened as one
  if (/\.zip$/i.test(nom) || /^application\/(x-)?zip(-compressed)?$/.test(declare.toLowerCase())) {
    if (o.profondeur > 0) return ecarter('archive dans une archive ou un message transféré : non ouverte');
    try {
      const entries = await unpackZip(contenu, caps.zip);
      for (const entry of entries) await trierUne(entry.nom, entry.contenu, 'application/octet-stream', lu, caps, { profondeur: 1, dans: nom });
    } catch (error) {
      if (error instanceof AppError) return ecarter(error.message);
      throw error;
    }
    return;
  }
  if (!formatsPieces.has(type)) {
    const dit = type === 'application/zip' && declare !== 'application/octet-stream' ? declare : type;
    return ecarter(`format non pris en charge (${dit}) : PDF, JPEG, PNG, TIFF ou HEIC attendus`);
  }
  lu.pieces.push({ nom, type, contenu, ...(o.dans ? { dans: o.dans } : {}) });
}

/** Whether an image is too small to show a document; an image sharp cannot read is left to the page engine to refuse. */
async function tropPetite(contenu: Buffer): Promise<boolean> {
  const meta = await sharp(contenu)
    .metadata()
    .catch(() => null);
  return meta?.width !== undefined && meta.height !== undefined && Math.min(meta.width, meta.height) < minDocumentSide;
}

function nomDe(filename: string | undefined, index: number, contentType: string): string {
  // a name is shown in the acknowledgement and the journal: no control characters, no path
  const propre = (filename ?? '')
    .replace(/[\p{Cc}]/gu, ' ')
    .split(/[\\/]/)
    .pop()!
    .trim()
    .slice(0, 200);
  return propre || `piece-jointe-${index + 1}.${contentType.split('/')[1] ?? 'bin'}`;
}
