import { findNumeroUniqueCandidates } from './numero-unique.ts';

/**
 * The numéro unique a guichet's message is about: from its subject, else its body, else its
 * attachments' names, the first of these that names any. Two different numbers in that place
 * are not chosen between. Pure.
 */
export type NumeroDuMessage =
  | { ok: true; numeroUnique: string; source: 'objet' | 'corps' | 'noms_de_fichier' }
  | { ok: false; motif: 'numero_absent' | 'numeros_multiples'; numeros: string[] };

export function numeroDuMessage(message: { sujet: string; texte: string; nomsDeFichier: string[] }): NumeroDuMessage {
  const sources = [
    ['objet', message.sujet],
    ['corps', message.texte],
    // a name written as 057_1215_073903_10691.pdf: separators read as spaces
    ['noms_de_fichier', message.nomsDeFichier.map((nom) => nom.replace(/[_.-]+/g, ' ')).join('\n')],
  ] as const;
  for (const [source, texte] of sources) {
    const numeros = findNumeroUniqueCandidates(texte);
    if (numeros.length === 1) return { ok: true, numeroUnique: numeros[0]!, source };
    if (numeros.length > 1) return { ok: false, motif: 'numeros_multiples', numeros };
  }
  return { ok: false, motif: 'numero_absent', numeros: [] };
}
