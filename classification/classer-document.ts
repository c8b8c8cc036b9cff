import { construireModele } from './modele-classement.ts';
import { lireDates } from './lire-dates.ts';
import type { Personnes } from './page-text.ts';
import { plan as planParDefaut, type Plan } from './plan-de-classement.ts';
import { scorerTexte, type ScoreType } from './scorer-texte.ts';
import { lectureRetournee } from './texte-retourne.ts';
import { clePhrase } from './texte-indexe.ts';
import { famillesDuType, resoudrePersonne, type FamillePersonne } from './variantes-personne.ts';

export type SuggestionType = { categorie: string; type: string; score: number };

export type Classement =
  | { decision: 'classe'; categorie: string; type: string; confiance: number; indices: string[]; suggestions: SuggestionType[] }
  | {
      decision: 'abstention';
      motif: 'texte_vide' | 'texte_retourne' | 'confiance_insuffisante' | 'personne_indeterminee';
      confiance: number;
      indices: string[];
      suggestions: SuggestionType[];
    };

export type OptionsClassement = {
  /** The dossier's persons: they decide demandeur, conjoint or personne à charge variants. */
  personnes?: Personnes;
  /** `YYYY-MM-DD`, to tell a minor by birth date. */
  today?: string;
  /** Minimum confidence per type code to file without an operator. */
  seuils?: Record<string, number>;
  seuilDefaut?: number;
  /** A page was a phone photo of a sheet: the default threshold is `SEUIL_PHOTO`. */
  photo?: boolean;
  plan?: Plan;
};

const SEUIL_DEFAUT = 0.5;
/**
 * The threshold for a page photographed rather than scanned: its text reads with more slips, and a lone first page
 * has no neighbours to confirm it. On the held-out groups' first photo runs, half the pages filed between 0.5 and 0.6
 * had a wrong type; a wrong type is a piece an operator never looks at again, a review one they do.
 */
const SEUIL_PHOTO = 0.6;
// Score at which the evidence is deemed 63 % sufficient, whatever the competition.
const ECHELLE_SCORE = 2.5;

/**
 * Classifies one document (its pages' texts) against the plan de classement with the weighted
 * keywords of the plan; abstains below the type's threshold, always with the best suggestions.
 * The confidence grows with the evidence and with its lead over the next kind of document.
 */
export function classerDocument(textes: string | string[], options: OptionsClassement = {}): Classement {
  const pages = typeof textes === 'string' ? [textes] : textes;
  if (pages.every((p) => p.trim() === '')) {
    return { decision: 'abstention', motif: 'texte_vide', confiance: 0, indices: ['aucun texte lu'], suggestions: [] };
  }
  const lues = pages.filter((p) => p.trim() !== '');
  if (lues.filter(lectureRetournee).length * 2 >= lues.length) {
    // turned pages read as look-alike glyphs: any keyword found there would be chance
    return { decision: 'abstention', motif: 'texte_retourne', confiance: 0, indices: ["page lue à l'envers : à redresser"], suggestions: [] };
  }
  const scores = sansActeDUnAdulte(
    formulesDePolitesseUneFois(scorerTexte(construireModele(options.plan ?? planParDefaut), pages)),
    pages.join('\n'),
    options.personnes,
  );
  const [meilleur] = scores;
  if (meilleur === undefined || meilleur.score === 0) {
    return { decision: 'abstention', motif: 'confiance_insuffisante', confiance: 0, indices: ['aucun mot-clé du plan'], suggestions: [] };
  }
  const famille = familleRetenue(meilleur, scores);
  const concurrent = scores.find((s) => !memeGenre(s.type, meilleur.type, famille));
  const confiance = confianceDe(meilleur.score, concurrent?.score ?? 0);
  const indices = meilleur.trouvees.slice(0, 6).map((t) => `« ${t.texte} » (+${t.poids})`);
  const suggestions = suggerer(scores, famille);
  if (famille === undefined) return decider(meilleur, confiance, indices, suggestions, options);
  return deciderVariante(meilleur, famille, pages.join('\n'), { confiance, indices, suggestions }, options);
}

// A letter's closing sentence (« Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées ») is one
// piece of evidence that the page is a letter, however many of the plan's formulas it holds: counted for each, it
// outweighs the words that say what kind of letter it is (a notice to quit, a promise of employment).
const COURRIER = 'COU';
const FORMULES_DE_POLITESSE = new Set(
  ["l'expression de mes salutations distinguées", "Je vous prie d'agréer", 'Veuillez agréer', 'mes salutations', 'Cordialement'].map(clePhrase),
);

/** The scores with the correspondence type's courtesy formulas counted once, the heaviest (pure). */
function formulesDePolitesseUneFois(scores: ScoreType[]): ScoreType[] {
  const courrier = scores.find((s) => s.type === COURRIER);
  const formule = (t: { texte: string }) => FORMULES_DE_POLITESSE.has(clePhrase(t.texte));
  const formules = courrier?.trouvees.filter(formule) ?? [];
  if (courrier === undefined || formules.length < 2) return scores;
  const trouvees = courrier.trouvees.filter((t) => !formule(t) || t === formules[0]);
  const score = arrondi(trouvees.reduce((somme, t) => somme + t.poids, 0));
  return scores.map((s) => (s === courrier ? { ...s, score, trouvees } : s)).sort((a, b) => b.score - a.score);
}

type Base = { confiance: number; indices: string[]; suggestions: SuggestionType[] };

// A personne à charge's birth act: the demandeur's or the conjoint's own act is another piece (a PACS or a
// divorce in its margin, a change of name), whatever its wording shares with a child's.
const ACTE_D_UNE_PERSONNE_A_CHARGE = 'ANA';
// the subject as an extract's fields name it (« Nom : », « Prénom(s) : »); a full copy's narrative names the
// parents in the subject's own sentence, so it tells nothing here
const CHAMP_DU_SUJET = /^\W*(nom|pr[ée]noms?(\s*\(s\))?)\b(?!\s+(du|de\s+la)\s+(p[èe]re|m[èe]re))/i;
// the margin, which names the subject's partner, comes last
const MARGE = /\bmentions?\s+marginales?\b/gi;

// a full copy's narrative dates the subject's birth right before saying it: « Le 12 mai 1990, à 14 heures, est née … »
const EST_NE = /\best\s+n[ée]e?(?!\p{L})/iu;
const PORTEE_DE_LA_NAISSANCE = 80;

/** The scores without a personne à charge's birth act when the act is the demandeur's or the conjoint's own (pure). */
function sansActeDUnAdulte(scores: ScoreType[], texte: string, personnes: Personnes | undefined): ScoreType[] {
  if (scores[0]?.type !== ACTE_D_UNE_PERSONNE_A_CHARGE || personnes === undefined) return scores;
  const sansActe = scores.filter((s) => s.type !== ACTE_D_UNE_PERSONNE_A_CHARGE);
  const naissance = naissanceDuSujet(texte);
  if (naissance !== undefined && [personnes.demandeur, personnes.conjoint].some((p) => p?.dateNaissance === naissance)) return sansActe;
  // a heading may announce the margin (« les mentions marginales sont reproduites »): the last mention starts it
  const marge = [...texte.matchAll(MARGE)].at(-1)?.index ?? texte.length;
  const sujet = texte
    .slice(0, marge)
    .split(/\r?\n/)
    .filter((l) => CHAMP_DU_SUJET.test(l))
    .join('\n');
  if (sujet === '') return scores;
  const { role, facteur } = resoudrePersonne(sujet, { demandeur: personnes.demandeur, conjoint: personnes.conjoint });
  return (role === 'demandeur' || role === 'conjoint') && facteur === 1 ? sansActe : scores;
}

/** The birth date a birth act's narrative gives its subject, the date just before « est né(e) » (pure). */
function naissanceDuSujet(texte: string): string | undefined {
  const naissance = EST_NE.exec(texte);
  if (naissance === null) return undefined;
  return lireDates(texte)
    .filter((d) => d.fin <= naissance.index && naissance.index - d.fin <= PORTEE_DE_LA_NAISSANCE)
    .at(-1)?.iso;
}

function deciderVariante(meilleur: ScoreType, famille: FamillePersonne, texte: string, base: Base, options: OptionsClassement): Classement {
  const personne = resoudrePersonne(texte, options.personnes, options.today);
  const type = personne.role === undefined ? undefined : famille.variantes[personne.role];
  const indices = [...base.indices, personne.indice];
  if (type === undefined) {
    return { decision: 'abstention', motif: 'personne_indeterminee', confiance: base.confiance, indices, suggestions: base.suggestions };
  }
  const variante = { ...meilleur, type, categorie: categorieDe(type, options.plan ?? planParDefaut) };
  const suggestions = [{ categorie: variante.categorie, type, score: meilleur.score }, ...base.suggestions.filter((s) => s.type !== type)];
  return decider(variante, arrondi(base.confiance * personne.facteur), indices, suggestions.slice(0, 3), options);
}

function decider(choix: ScoreType, confiance: number, indices: string[], suggestions: SuggestionType[], options: OptionsClassement): Classement {
  const seuil = options.seuils?.[choix.type] ?? options.seuilDefaut ?? (options.photo ? SEUIL_PHOTO : SEUIL_DEFAUT);
  if (confiance >= seuil) return { decision: 'classe', categorie: choix.categorie, type: choix.type, confiance, indices, suggestions };
  const motif = 'confiance_insuffisante';
  return { decision: 'abstention', motif, confiance, indices: [...indices, `confiance ${confiance} < seuil ${seuil}`], suggestions };
}

function confianceDe(score: number, concurrent: number): number {
  const suffisance = 1 - Math.exp(-score / ECHELLE_SCORE);
  const avance = (score - concurrent) / score;
  return arrondi(suffisance * (0.5 + 0.5 * avance));
}

// The personne à charge identity type belongs to two families: take the one whose adults score best.
function familleRetenue(meilleur: ScoreType, scores: ScoreType[]): FamillePersonne | undefined {
  const familles = famillesDuType(meilleur.type);
  const scoreAdultes = (f: FamillePersonne) =>
    Math.max(...scores.filter((s) => s.type === f.variantes.demandeur || s.type === f.variantes.conjoint).map((s) => s.score), 0);
  return [...familles].sort((a, b) => scoreAdultes(b) - scoreAdultes(a))[0];
}

function memeGenre(type: string, autre: string, famille: FamillePersonne | undefined): boolean {
  return type === autre || (famille !== undefined && Object.values(famille.variantes).includes(type));
}

// The three best kinds of document, one entry per family.
function suggerer(scores: ScoreType[], famille: FamillePersonne | undefined): SuggestionType[] {
  const suggestions: SuggestionType[] = [];
  const vus = new Set<string>();
  for (const s of scores) {
    if (s.score === 0 || suggestions.length === 3) break;
    const genre = (s === scores[0] ? famille : famillesDuType(s.type)[0])?.nom ?? s.type;
    if (vus.has(genre)) continue;
    vus.add(genre);
    suggestions.push({ categorie: s.categorie, type: s.type, score: s.score });
  }
  return suggestions;
}

function categorieDe(type: string, plan: Plan): string {
  return plan.categories.find((c) => c.types.some((t) => t.code === type))?.code ?? '';
}

function arrondi(x: number): number {
  return Math.round(x * 100) / 100;
}
