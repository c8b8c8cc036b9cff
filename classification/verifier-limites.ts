import { findType, plan as planParDefaut, type Plan } from './plan-de-classement.ts';

/** A piece already in the dossier, or a document about to join it. */
export type PieceDossier = { categorie: string; type: string };
export type DocumentAClasser = PieceDossier & { taille?: number };

export type MotifLimite = 'limite_categorie_atteinte' | 'taille_depassee' | 'type_inconnu';

export type VerificationLimites = { ok: true } | { ok: false; motif: MotifLimite; detail: string; limite?: number; presents?: number };

export type OptionsLimites = { plan?: Plan; tailleMaxOctets?: number };

/**
 * Whether a document may join a dossier: its type is in the plan, its PDF is within the size
 * limit, and neither its type nor its category has reached its maximum number of documents.
 * `dossier` is the active pieces (quarantined ones do not count). A breach is never a silent
 * drop nor a replacement: the caller sends the document to review with the reason.
 */
export function verifierLimites(document: DocumentAClasser, dossier: readonly PieceDossier[], options: OptionsLimites = {}): VerificationLimites {
  const p = options.plan ?? planParDefaut;
  const trouve = findType(document.categorie, document.type, p);
  if (trouve === undefined) {
    return { ok: false, motif: 'type_inconnu', detail: `type ${document.categorie}/${document.type} absent du plan de classement` };
  }
  const tailleMax = options.tailleMaxOctets ?? p.pieceConstraints.maxFileSizeBytesPublicPortal;
  if (document.taille !== undefined && document.taille > tailleMax) {
    return { ok: false, motif: 'taille_depassee', detail: `${document.taille} octets pour ${tailleMax} au plus`, limite: tailleMax };
  }
  const memeType = dossier.filter((x) => x.categorie === document.categorie && x.type === document.type).length;
  const maxType = trouve.type.maxDocuments;
  if (maxType !== null && memeType >= maxType) {
    return limiteAtteinte(`${memeType} pièces « ${trouve.type.label} » déjà au dossier (maximum ${maxType})`, maxType, memeType);
  }
  const memeCategorie = dossier.filter((x) => x.categorie === document.categorie).length;
  const maxCategorie = trouve.categorie.maxDocuments;
  if (maxCategorie !== null && memeCategorie >= maxCategorie) {
    return limiteAtteinte(
      `${memeCategorie} pièces de la catégorie « ${trouve.categorie.label} » déjà au dossier (maximum ${maxCategorie})`,
      maxCategorie,
      memeCategorie,
    );
  }
  return { ok: true };
}

/** Checks the documents of one envelope in order, each accepted one counting against the next. */
export function verifierLimitesLot(
  documents: readonly DocumentAClasser[],
  dossier: readonly PieceDossier[],
  options: OptionsLimites = {},
): VerificationLimites[] {
  const courant = [...dossier];
  return documents.map((document) => {
    const verification = verifierLimites(document, courant, options);
    if (verification.ok) courant.push({ categorie: document.categorie, type: document.type });
    return verification;
  });
}

function limiteAtteinte(detail: string, limite: number, presents: number): VerificationLimites {
  return { ok: false, motif: 'limite_categorie_atteinte', detail, limite, presents };
}
