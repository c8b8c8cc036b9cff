/** What became of one attachment, as the acknowledgement tells the guichet. */
export type IssuePieceJointe =
  | { nom: string; resultat: 'classee'; categorie: string; type: string; libelle: string; pieceId: string; dejaClassee: boolean }
  | { nom: string; resultat: 'revue'; raison: string }
  | { nom: string; resultat: 'plis'; lotId: string }
  | { nom: string; resultat: 'refusee'; raison: string };

/** The message as a whole, when it was not taken apart piece by piece. */
export type AttenteMessage = { motif: string; explication: string };

/** A subject line as received, made safe to quote in a header: no line breaks, no control characters, bounded. */
export function sujetCite(sujet: string): string {
  const propre = sujet
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return propre.length > 120 ? `${propre.slice(0, 117)}...` : propre;
}

/**
 * The acknowledgement of a guichet's message: per attachment, what was filed (category, type,
 * piece id) or why not, and what was left aside. French, plain text, for a person at a guichet. Pure.
 */
export function accuseDeReception(input: {
  sujet: string;
  numeroUnique: string | null;
  lotId: string;
  issues: IssuePieceJointe[];
  ecartees: { nom: string; raison: string }[];
  attente: AttenteMessage | null;
}): { subject: string; text: string } {
  const cite = sujetCite(input.sujet);
  const lignes: string[] = ['Bonjour,', ''];
  lignes.push(
    input.numeroUnique
      ? `Votre message concernant la demande n° ${input.numeroUnique} a été reçu (lot ${input.lotId}).`
      : `Votre message a été reçu (lot ${input.lotId}).`,
    '',
  );
  if (input.attente) {
    lignes.push(`Il attend l'examen d'un opérateur : ${input.attente.explication}`, '');
  }
  const classees = input.issues.filter((i) => i.resultat === 'classee');
  if (classees.length > 0) {
    lignes.push('Pièces enregistrées dans le dossier :');
    for (const i of classees) {
      lignes.push(
        `  - ${i.nom} : ${i.libelle} (catégorie ${i.categorie}, type ${i.type}), pièce ${i.pieceId}${i.dejaClassee ? ' (déjà reçue, non dupliquée)' : ''}`,
      );
    }
    lignes.push('');
  }
  const autres = input.issues.filter((i) => i.resultat !== 'classee');
  if (autres.length > 0) {
    lignes.push('Pièces non enregistrées pour le moment :');
    for (const i of autres) {
      if (i.resultat === 'plis') lignes.push(`  - ${i.nom} : envoi numérisé avec page de garde, traité comme un lot de courrier (lot ${i.lotId})`);
      else if (i.resultat === 'revue') lignes.push(`  - ${i.nom} : en attente d'un opérateur (${i.raison})`);
      else if (i.resultat === 'refusee') lignes.push(`  - ${i.nom} : refusée (${i.raison})`);
    }
    lignes.push('');
  }
  if (input.ecartees.length > 0) {
    lignes.push('Fichiers non traités :');
    for (const e of input.ecartees) lignes.push(`  - ${e.nom} : ${e.raison}`);
    lignes.push('');
  }
  if (input.issues.length === 0 && input.ecartees.length === 0 && !input.attente) {
    lignes.push('Aucune pièce jointe n’a été trouvée dans ce message : joignez les pièces (PDF, JPEG, PNG, TIFF ou HEIC) et renvoyez-le.', '');
  }
  lignes.push('Ce message est envoyé automatiquement par le service de réception des pièces du dossier unique.');
  const objet = input.numeroUnique ? `Accusé de réception, demande ${input.numeroUnique}` : 'Accusé de réception';
  return { subject: cite ? `${objet} : ${cite}` : objet, text: lignes.join('\n') };
}
