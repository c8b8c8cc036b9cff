import type { Plan } from './plan-de-classement.ts';
import { clePhrase, motsPlies } from './texte-indexe.ts';
import { famillesDuType } from './variantes-personne.ts';

/**
 * One keyword or phrase of the plan with the weight it carries as evidence. A `titre` (upper case
 * in the plan) weighs more when written as a heading; an `mrz` prefix is looked for at the start
 * of a machine-readable zone line.
 */
export type ExpressionModele = { texte: string; poids: number; titre: boolean; mrz: boolean };
export type TypeModele = { categorie: string; type: string; expressions: ExpressionModele[] };
/** The transparent text classifier derived from the plan's keywords: weights are readable. */
export type ModeleClassement = { types: TypeModele[] };

const modeles = new WeakMap<Plan, ModeleClassement>();

/**
 * Weighted keywords per type: longer phrases weigh more, phrases shared by several kinds of
 * document weigh less, headings (upper case in the plan) weigh more. Built once per plan.
 */
export function construireModele(plan: Plan): ModeleClassement {
  const deja = modeles.get(plan);
  if (deja !== undefined) return deja;
  const partage = nombreDeGenres(plan);
  const types = plan.categories.flatMap((categorie) =>
    categorie.types.map((type) => ({
      categorie: categorie.code,
      type: type.code,
      // spellings of one phrase (with and without accents) are one piece of evidence, counted once
      expressions: [...new Map(type.keywords.map((k) => [clePhrase(k), k])).values()].flatMap((k) => expression(k, partage.get(clePhrase(k))?.size ?? 1)),
    })),
  );
  const modele = { types };
  modeles.set(plan, modele);
  return modele;
}

const POIDS_MRZ = 2;

// Headings printed on most official documents (civil-status acts, judgments, tax notices), whatever
// the plan lists them under: weak evidence of a type, never a heading of it.
const EN_TETES_GENERIQUES = new Set(['République française', 'Au nom du peuple français', 'Liberté Égalité Fraternité'].map(clePhrase));
const POIDS_EN_TETE_GENERIQUE = 0.5;

function expression(texte: string, genres: number): ExpressionModele[] {
  if (/^(ID|IR|P<)[A-Z<]{3}$/.test(texte)) return [{ texte, poids: POIDS_MRZ / genres, titre: false, mrz: true }];
  const mots = motsPlies(texte);
  if (EN_TETES_GENERIQUES.has(clePhrase(texte))) return [{ texte, poids: POIDS_EN_TETE_GENERIQUE / genres, titre: false, mrz: false }];
  // "au", "du", "SA": too short to be evidence of anything
  if (mots.length === 0 || (mots.length === 1 && (mots[0]?.length ?? 0) <= 2)) return [];
  const base = mots.length === 1 ? ((mots[0]?.length ?? 0) >= 6 ? 1 : 0.6) : Math.min(3, 0.8 + 0.6 * mots.length);
  const titre = estTitre(texte, mots);
  return [{ texte, poids: Math.round((base / genres) * 100) / 100, titre, mrz: false }];
}

function estTitre(texte: string, mots: string[]): boolean {
  const lettres = [...texte].filter((c) => /\p{L}/u.test(c));
  const majuscules = lettres.length > 0 && lettres.every((c) => c === c.toUpperCase());
  return majuscules && (mots.length >= 2 || lettres.length >= 8);
}

// How many kinds of document (variants of one person family count once) use each phrase.
function nombreDeGenres(plan: Plan): Map<string, Set<string>> {
  const genres = new Map<string, Set<string>>();
  for (const categorie of plan.categories) {
    for (const type of categorie.types) {
      for (const k of type.keywords) {
        const genre = genreDe(plan, type.code, k);
        const ensemble = genres.get(clePhrase(k)) ?? new Set<string>();
        ensemble.add(genre);
        genres.set(clePhrase(k), ensemble);
      }
    }
  }
  return genres;
}

// The variants of a family are one kind; the personne à charge type joins the family sharing the phrase.
function genreDe(plan: Plan, type: string, motCle: string): string {
  const familles = famillesDuType(type);
  const partagee = familles.find((f) => {
    const demandeur = plan.categories.flatMap((c) => c.types).find((t) => t.code === f.variantes.demandeur);
    return demandeur?.keywords.some((k) => clePhrase(k) === clePhrase(motCle)) === true;
  });
  return (partagee ?? familles[0])?.nom ?? type;
}
