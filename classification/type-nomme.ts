import { findTypeByCode, type Plan, plan, type TypeTrouve } from './plan-de-classement.ts';

/**
 * The plan type a guichet named for an attachment: a type code written in capitals as a word of
 * its file name (`AVI_2025.pdf`, `bulletin BUL mars.pdf`), or on a line of the message's body that
 * names the file. One code only: a name with two codes, or none, leaves the type to the
 * classifier. Capitals only, so that an ordinary word (« pro », « att ») is not taken for a code. Pure.
 */
export function typeNomme(nomFichier: string, corps: string, p: Plan = plan): TypeTrouve | undefined {
  const base = nomFichier.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const duNom = codesDe(base, p);
  if (duNom.length === 1) return findTypeByCode(duNom[0]!, p);
  if (duNom.length > 1 || base.length < 3) return undefined;
  const lignes = corps.split(/\r?\n/).filter((ligne) => ligne.includes(base));
  const duCorps = [...new Set(lignes.flatMap((ligne) => codesDe(ligne.replace(base, ' '), p)))];
  return duCorps.length === 1 ? findTypeByCode(duCorps[0]!, p) : undefined;
}

function codesDe(texte: string, p: Plan): string[] {
  const mots = texte.split(/[^A-Za-z0-9]+/).filter((mot) => /^[A-Z]{3,5}$/.test(mot));
  return [...new Set(mots.filter((mot) => findTypeByCode(mot, p)))];
}
