import type { TypeTrouve } from '../../classification/plan-de-classement.ts';

export type LimitBreach = { portee: 'type' | 'categorie'; code: string; max: number; deja: number };

/**
 * Whether one more piece of this type fits the dossier's per-type and per-category limits, given
 * how many active pieces of the type and of the category it already holds.
 */
export function checkLimits(found: TypeTrouve, held: { type: number; categorie: number }): LimitBreach | null {
  const typeMax = found.type.maxDocuments;
  if (typeMax !== null && held.type >= typeMax) return { portee: 'type', code: found.type.code, max: typeMax, deja: held.type };
  const categorieMax = found.categorie.maxDocuments;
  if (categorieMax !== null && held.categorie >= categorieMax) {
    return { portee: 'categorie', code: found.categorie.code, max: categorieMax, deja: held.categorie };
  }
  return null;
}
