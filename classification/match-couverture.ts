import { distanceNumeroUnique, parseNumeroUnique, variantesGuichet, variantesProches } from './numero-unique.ts';
import { lireDates } from './lire-dates.ts';
import { ecritLaPersonne } from './personnes-ecrites.ts';
import { trouverPersonne } from './trouver-nom.ts';

/** What the match needs to know of a demande of the registry (a storage row fits). */
export type DemandeRegistre = { numeroUnique: string; etat: 'active' | 'radiee'; nom: string; prenom?: string | null; dateNaissance?: string | null };

/**
 * Registry access for one decision, synchronous so that the decision stays pure: fetch the numbers
 * of `numerosAConsulter` in one query, then the homonyms of the demande found, and answer from memory.
 */
export type RegistreLookup = {
  parNumero(numeroUnique: string): DemandeRegistre | undefined;
  /** Other demandes with the same surname and prénom (accents and case ignored). */
  homonymes?(demande: DemandeRegistre): DemandeRegistre[];
  /** Whether a guichet code is one the registry's demandes were created with (a closed list). */
  guichetConnu?(code: string): boolean;
  /** Registered demandes whose applicant the lot's pages may name, found by their names whatever cover was read. */
  nommes?: readonly DemandeRegistre[];
};

// A homonym whose number is this close to the read could be the true applicant misread.
const DISTANCE_HOMONYME = 4;

export type MotifNonRattachement =
  | 'aucun_numero'
  | 'numero_inconnu'
  | 'numero_proche'
  | 'numeros_multiples'
  | 'lectures_divergentes'
  | 'demande_radiee'
  | 'nom_absent';

export type SuggestionCouverture = {
  numeroUnique: string;
  nom: string;
  prenom?: string | null;
  etat: DemandeRegistre['etat'];
  /** Characters between the number read and this demande's number (0: read exactly). */
  distance: number;
  nomSurCouverture: boolean;
};

export type RattachementCouverture =
  | { ok: true; numeroUnique: string; demande: DemandeRegistre; indices: string[] }
  | { ok: false; motif: MotifNonRattachement; detail: string; suggestions: SuggestionCouverture[] };

/**
 * Attaches a cover to a demande only on an exact registry match of a number read on it, confirmed
 * by a second signal: the applicant's surname (and prénom, when the registry has one) on the cover,
 * else the applicant's birth date on the cover, else the applicant's name on one of the envelope's
 * other pages (`envelope`: their texts), a document of the person the cover names. Anything else
 * (no number, unknown, one character off, two plausible numbers, reads that disagree, radiée, no
 * second signal) is no attachment, with a reason code and suggestions for the operator.
 */
export function matchCouverture(candidates: string[], coverText: string, lookup: RegistreLookup, envelope: readonly string[] = []): RattachementCouverture {
  const lus = [...new Set(lecturesValides(candidates).map((lu) => guichetLu(lu, lookup)))];
  if (lus.length === 0) return refus('aucun_numero', 'aucun numéro unique lisible sur la couverture', []);
  const suggerer = (d: DemandeRegistre, lu: string) => suggestion(d, lu, coverText);
  const exacts = uniques(lus.flatMap((lu) => trouve(lookup.parNumero(lu), lu)));
  const proches = uniques(lus.filter((lu) => lookup.parNumero(lu) === undefined).flatMap((lu) => voisinsInscrits(lu, lookup)));
  if (exacts.length === 0) return sansNumeroExact(lus, proches, suggerer);
  if (exacts.length > 1) {
    return refus(
      'numeros_multiples',
      `${exacts.length} numéros inscrits lus sur la couverture`,
      exacts.map((e) => suggerer(e.demande, e.lu)),
    );
  }
  const [retenu] = exacts as [Trouve];
  return confirmer(retenu, lus, proches, coverText, lookup, suggerer, envelope);
}

/**
 * Every number `matchCouverture` may look up for these candidates, read with the same guichet
 * codes (`guichetConnu`, as the lookup will answer): fetch them in one query.
 */
export function numerosAConsulter(candidates: string[], guichetConnu?: (code: string) => boolean): string[] {
  const bruts = lecturesValides(candidates);
  const lus = [...new Set([...bruts, ...bruts.map((lu) => guichetLu(lu, { guichetConnu }))])];
  return [...new Set([...lus, ...lus.flatMap((lu) => variantesProches(lu))])];
}

/**
 * A read whose guichet code no demande was created with, but which one glyph-for-glyph reading of
 * it is (`D0T48` → `DDT48`): that code was printed. Letters and digits are both legal in the code, so
 * this is how it is read leniently, as the other blocks map O to 0; two existing codes that fit
 * leave the read as it is.
 */
function guichetLu(lu: string, lookup: Pick<RegistreLookup, 'guichetConnu'>): string {
  const connu = lookup.guichetConnu;
  if (!connu || connu(lu.slice(-5))) return lu;
  const existants = variantesGuichet(lu).filter((v) => connu(v.slice(-5)));
  return existants.length === 1 ? existants[0]! : lu;
}

type Trouve = { demande: DemandeRegistre; lu: string };
type Suggerer = (d: DemandeRegistre, lu: string) => SuggestionCouverture;

function confirmer(
  retenu: Trouve,
  lus: string[],
  proches: Trouve[],
  texte: string,
  lookup: RegistreLookup,
  suggerer: Suggerer,
  envelope: readonly string[],
): RattachementCouverture {
  const { demande } = retenu;
  const moi = suggerer(demande, retenu.lu);
  const divergentes = lus.filter((lu) => lu !== demande.numeroUnique && distanceNumeroUnique(lu, demande.numeroUnique) <= 2);
  // reads that disagree on one digit, the other unknown to the registry (one zone read took an 8 for a 6): the print
  // is this demande's number when the cover names its applicant, surname and prénom; else, or when the guichet codes
  // differ (another guichet's demand the registry may not hold yet), nobody can tell
  const unChiffre = (lu: string) => distanceNumeroUnique(lu, demande.numeroUnique) <= 1 && lu.slice(-5) === demande.numeroUnique.slice(-5);
  const departage = divergentes.every(unChiffre) && nomSurCouverture(demande, texte);
  if (divergentes.length > 0 && !departage) {
    return refus('lectures_divergentes', `lectures différentes du numéro : ${[retenu.lu, ...divergentes].join(', ')}`, [moi]);
  }
  // another number read is a slip of another demande: two plausible numbers
  const autres = proches.filter((p) => p.demande.numeroUnique !== demande.numeroUnique);
  if (autres.length > 0) {
    return refus('numeros_multiples', "un autre numéro lu est à un caractère d'un autre numéro inscrit", [
      moi,
      ...autres.map((r) => suggerer(r.demande, r.lu)),
    ]);
  }
  // a registered neighbour whose applicant is also named on the cover: the read may be its slip, unless the cover
  // writes this applicant as a person (« MORIN Karim ») and the neighbour's names only apart (a referent « Benoît
  // Lacroix » beside « Karim »): a cover writes its own applicant so
  const ecrit = ecritLaPersonne(texte, demande);
  const rivaux = voisinsInscrits(demande.numeroUnique, lookup).filter(
    (r) => nomSurCouverture(r.demande, texte) && (!ecrit || ecritLaPersonne(texte, r.demande)),
  );
  if (rivaux.length > 0) {
    return refus('numeros_multiples', 'un autre numéro inscrit, à un caractère près, porte aussi un nom de la couverture', [
      moi,
      ...uniques(rivaux).map((r) => suggerer(r.demande, r.lu)),
    ]);
  }
  const homonymes = (lookup.homonymes?.(demande) ?? []).filter(
    (h) => h.numeroUnique !== demande.numeroUnique && distanceNumeroUnique(retenu.lu, h.numeroUnique) <= DISTANCE_HOMONYME,
  );
  if (homonymes.length > 0) {
    return refus('numeros_multiples', 'un homonyme inscrit a un numéro proche du numéro lu', [moi, ...homonymes.map((h) => suggerer(h, retenu.lu))]);
  }
  if (demande.etat === 'radiee') return refus('demande_radiee', `la demande ${demande.numeroUnique} est radiée`, [moi]);
  const signal = secondSignal(demande, texte, envelope);
  if (signal === null) {
    return refus('nom_absent', `ni le nom ni la date de naissance du demandeur de ${demande.numeroUnique} sur la couverture ou les pièces du pli`, [moi]);
  }
  const departages = divergentes.map((lu) => `autre lecture ${lu}, inconnue du registre, départagée par le nom`);
  return { ok: true, numeroUnique: demande.numeroUnique, demande, indices: [`numéro lu : ${retenu.lu}`, ...departages, signal] };
}

/** What confirms, besides its number, that a cover is this applicant's; null when nothing does. */
function secondSignal(demande: DemandeRegistre, couverture: string, envelope: readonly string[]): string | null {
  if (nomSurCouverture(demande, couverture)) return 'nom et prénom du demandeur lus sur la couverture';
  const naissance = demande.dateNaissance ?? '';
  if (naissance !== '' && lireDates(couverture).some((d) => d.iso === naissance)) return 'date de naissance du demandeur lue sur la couverture';
  if (envelope.some((page) => nomSurCouverture(demande, page))) return 'nom et prénom du demandeur lus sur une pièce du pli';
  return null;
}

function sansNumeroExact(lus: string[], proches: Trouve[], suggerer: Suggerer): RattachementCouverture {
  const suggestions = proches.map((p) => suggerer(p.demande, p.lu)).sort(parPertinence);
  if (suggestions.length > 0) {
    return refus('numero_proche', `numéro lu ${lus.join(', ')} inconnu ; ${suggestions.length} numéro(s) inscrit(s) à un caractère près`, suggestions);
  }
  return refus('numero_inconnu', `numéro lu ${lus.join(', ')} inconnu du registre`, []);
}

function nomSurCouverture(demande: DemandeRegistre, texte: string): boolean {
  return trouverPersonne(texte, demande);
}

function voisinsInscrits(lu: string, lookup: RegistreLookup): Trouve[] {
  return variantesProches(lu).flatMap((v) => trouve(lookup.parNumero(v), lu));
}

function trouve(demande: DemandeRegistre | undefined, lu: string): Trouve[] {
  return demande === undefined ? [] : [{ demande, lu }];
}

function uniques(liste: Trouve[]): Trouve[] {
  const parNumero = new Map<string, Trouve>();
  for (const t of liste) if (!parNumero.has(t.demande.numeroUnique)) parNumero.set(t.demande.numeroUnique, t);
  return [...parNumero.values()];
}

function lecturesValides(candidates: string[]): string[] {
  const lus = candidates.map((c) => parseNumeroUnique(c, { ocr: true })).flatMap((r) => (r.ok ? [r.canonical] : []));
  return [...new Set(lus)];
}

function suggestion(d: DemandeRegistre, lu: string, texte: string): SuggestionCouverture {
  const s: SuggestionCouverture = {
    numeroUnique: d.numeroUnique,
    nom: d.nom,
    etat: d.etat,
    distance: distanceNumeroUnique(lu, d.numeroUnique),
    nomSurCouverture: nomSurCouverture(d, texte),
  };
  if (d.prenom !== undefined) s.prenom = d.prenom;
  return s;
}

function parPertinence(a: SuggestionCouverture, b: SuggestionCouverture): number {
  return Number(b.nomSurCouverture) - Number(a.nomSurCouverture) || a.distance - b.distance;
}

function refus(motif: MotifNonRattachement, detail: string, suggestions: SuggestionCouverture[]): RattachementCouverture {
  return { ok: false, motif, detail, suggestions };
}
