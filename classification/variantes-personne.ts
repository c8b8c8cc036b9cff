import { datesMrz } from './dates-mrz.ts';
import { dateApresLibelle, dateIso, lireDates } from './lire-dates.ts';
import type { Personne, Personnes } from './page-text.ts';
import { indexerTexte } from './texte-indexe.ts';
import { trouverNom } from './trouver-nom.ts';

export type Role = 'demandeur' | 'conjoint' | 'personneACharge';

/** Types whose text is the same and whose person alone tells them apart. */
export type FamillePersonne = { nom: string; variantes: Partial<Record<Role, string>> };

export const FAMILLES: readonly FamillePersonne[] = [
  { nom: 'identite', variantes: { demandeur: 'CID', conjoint: 'CIC', personneACharge: 'CIP' } },
  { nom: 'titre_sejour', variantes: { demandeur: 'TSD', conjoint: 'TSC', personneACharge: 'CIP' } },
  { nom: 'recepisse', variantes: { demandeur: 'RTS', conjoint: 'RTC' } },
];

// what a residence document prints before the name of its holder's spouse
const CONJOINT_DE = /\b(?:conjoint|conjointe|[ée]poux|[ée]pouse)\s*(?:\(e\)\s*)?(?:de|d['’])/i;

export type ResolutionPersonne = { role: Role | undefined; facteur: number; indice: string };

/** The families a type belongs to (the personne à charge identity type belongs to two). */
export function famillesDuType(type: string): FamillePersonne[] {
  return FAMILLES.filter((f) => Object.values(f.variantes).includes(type));
}

// « Né(e) le » as OCR reads its brackets: « Ne(e le », « Néte) le », « Né{e} le »; a word of its own, not the end of
// « validé en ligne le »
const LIBELLE_NAISSANCE =
  /\b(ne\W?[a-z]?e?\W\s*le|nee?\s*le|date\s*(?:et\s*lieu\s*)?de\s*naiss\w*\.?|date\s*of\s*birth|data\s*d[aei]\s*nas\w*|fecha\s*de\s*nacimiento|geburtsdatum)/;

/**
 * Whose document this is, from the names of the dossier's persons written on it, unless it is a
 * minor's (by its birth date or its kind: a personne à charge's, whoever else it names); failing
 * both, someone other than a known demandeur is taken for the conjoint with less confidence.
 * `facteur` scales the classification confidence.
 */
export function resoudrePersonne(texte: string, personnes: Personnes | undefined, today?: string): ResolutionPersonne {
  const connus = rolesConnus(personnes);
  const titulaire = titulaireMrz(texte) ?? titulaireDesChamps(texte);
  const texteNoms = `${texte}\n${nomsDesZonesMrz(texte)}`;
  const nommesSurLaPage = [...new Set(connus.filter(([, p]) => personneNommee(texteNoms, p)).map(([role]) => role))];
  // the zone, or else the card's fields, name the holder; the page may name others besides (the applicant certifying a spouse's copy)
  const titulaires = titulaire === undefined ? [] : connus.filter(([, p]) => personneNommee(`${titulaire.nom} ${titulaire.prenoms}`, p)).map(([role]) => role);
  const inconnu = titulaire !== undefined && !connus.some(([, p]) => trouverNom(titulaire.prenoms, premierPrenom(p)));
  const nommes = titulaires.length === 1 ? titulaires : inconnu ? [] : nommesSurLaPage;
  // « Conjoint de » / « Époux de » then the applicant, whom nothing names before it: the holder is the applicant's spouse
  const conjointDe = CONJOINT_DE.exec(texte);
  const demandeur = personnes?.demandeur;
  if (titulaires.length === 0 && conjointDe !== null && demandeur !== undefined && nommes.length === 1 && nommes[0] === 'demandeur') {
    const avant = texte.slice(0, conjointDe.index);
    if (!personneNommee(avant, demandeur) && personneNommee(texte.slice(conjointDe.index), demandeur)) {
      return { role: 'conjoint', facteur: 0.9, indice: 'demandeur nommé comme conjoint du titulaire' };
    }
  }
  // a minor's document may name an adult of the household too (the legal representative): it is still the minor's
  const mineur = mineurSelonLeDocument(texte, today);
  if (nommes.length === 1 && (mineur === undefined || nommes[0] === 'personneACharge')) {
    return { role: nommes[0], facteur: 1, indice: `nom du ${libelle(nommes[0])} lu sur le document` };
  }
  if (mineur !== undefined) return { role: 'personneACharge', facteur: 0.8, indice: mineur };
  if (nommes.length > 1) return { role: undefined, facteur: 0, indice: 'plusieurs personnes du foyer nommées' };
  if (connus.length === 0) return { role: 'demandeur', facteur: 0.7, indice: 'personne non vérifiée (aucun nom connu)' };
  if (personnes?.conjoint === undefined && personnes?.demandeur !== undefined) {
    return { role: 'conjoint', facteur: 0.75, indice: 'nom différent du demandeur, conjoint présumé' };
  }
  return { role: undefined, facteur: 0, indice: 'aucune personne du foyer nommée' };
}

/**
 * The names written in the machine-readable zones of a text, as words: `P<FRABERNARD<<AMELIE<<<`
 * also gives `BERNARD AMELIE` (the document code and country, glued to the surname, cut off).
 * The zone keeps names where OCR misreads the printed fields.
 */
export function nomsDesZonesMrz(texte: string): string {
  return (
    texte
      .split(/\r?\n/)
      .map((l) => l.replace(/\s/g, '').toUpperCase())
      .filter((l) => /^[A-Z0-9<]{20,}$/.test(l) && l.includes('<<'))
      // a first line opens with the document code and country: keep the line with and without them
      .flatMap((l) => (/^[PIAC][A-Z<][A-Z]{3}/.test(l) ? [l, l.slice(5)] : [l]))
      .map((l) => l.replace(/[0-9]/g, '').replace(/<+/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n')
  );
}

function rolesConnus(personnes: Personnes | undefined): [Role, Personne][] {
  if (personnes === undefined) return [];
  const roles: [Role, Personne][] = [];
  if (personnes.demandeur !== undefined) roles.push(['demandeur', personnes.demandeur]);
  if (personnes.conjoint !== undefined) roles.push(['conjoint', personnes.conjoint]);
  for (const p of personnes.personnesACharge ?? []) roles.push(['personneACharge', p]);
  return roles;
}

function personneNommee(texte: string, p: Personne): boolean {
  const prenom = premierPrenom(p);
  return trouverNom(texte, p.nom) && (prenom === '' || trouverNom(texte, prenom));
}

function premierPrenom(p: Personne): string {
  return (p.prenom ?? '').trim().split(/[\s,]+/)[0] ?? '';
}

/**
 * The holder a machine-readable zone names (`TRAORE` `LEA`, `DA SILVA` `MARIE HELENE`), when the
 * page prints the same surname and given names elsewhere: two readings that agree, so an OCR slip in
 * either never makes someone else of the holder. A known person whose prénom is none of the
 * holder's is not the holder (a married woman's card bears her birth name, not another prénom). Pure.
 */
function titulaireMrz(texte: string): { nom: string; prenoms: string } | undefined {
  const imprime = texte
    .split(/\r?\n/)
    .filter((l) => !/^[A-Z0-9<]{20,}$/.test(l.replace(/\s/g, '').toUpperCase()))
    .join('\n');
  for (const ligne of texte.split(/\r?\n/).map((l) => l.replace(/\s/g, '').toUpperCase())) {
    if (!/^[A-Z0-9<]{20,}$/.test(ligne)) continue;
    // a passport's first line opens with its code and country; a card's third line is the names alone
    const champ = /^P[A-Z<][A-Z<]{3}/.test(ligne) ? ligne.slice(5) : ligne;
    const m = /^([A-Z]{2,}(?:<[A-Z]+)*)<<([A-Z]{2,}(?:<[A-Z]{2,})*)/.exec(champ);
    if (m === null) continue;
    const [nom = '', prenoms = ''] = m.slice(1).map((champ) => champ.replaceAll('<', ' '));
    if (trouverNom(imprime, nom) && trouverNom(imprime, prenoms)) return { nom, prenoms };
  }
  return undefined;
}

// A card's or a permit's own fields (« Nom : », « Nom d'usage : », « Prénoms / Given names : »), one per line or
// both on one line as OCR joins a form's columns. A value stands on its label's line: a form whose labels fill one
// column and values another leaves « Nom : » empty, and the label under it is nobody's name
const CHAMP_NOM = /(?:^|\s)(?:nom|surname)(?:\s+d['’]usage|\s+de\s+naissance|\s+de\s+famille)?(?:\s*\/\s*surname)?\s*:[^\S\r\n]*(.+?)(?=\s+pr[ée]noms?\b|$)/gim;
const CHAMP_PRENOMS = /(?:^|\s)pr[ée]noms?(?:\s*\(s\))?(?:\s*\/\s*given\s+names?)?\s*:[^\S\r\n]*(.+)$/im;

/**
 * The holder a card's or a permit's printed fields name, when it has both a surname and a prénom
 * field: the page may name others besides (« titre du conjoint de Madame … »). Pure.
 */
function titulaireDesChamps(texte: string): { nom: string; prenoms: string } | undefined {
  const nom = [...texte.matchAll(CHAMP_NOM)].map((m) => m[1]!.trim()).join(' ');
  const prenoms = CHAMP_PRENOMS.exec(texte)?.[1]?.trim() ?? '';
  return nom !== '' && prenoms !== '' ? { nom, prenoms } : undefined;
}

/**
 * The birth date an identity document prints for its holder, as `YYMMDD`: after its label, else in its machine-readable
 * zone when the check digit holds. Pure.
 */
export function naissanceDuTitulaire(texte: string): string | undefined {
  const libellee = dateApresLibelle(texte, LIBELLE_NAISSANCE)?.iso;
  if (libellee !== undefined) return libellee.slice(2).replaceAll('-', '');
  const zone = datesMrz(texte)?.naissance;
  return zone?.controlee ? zone.date : undefined;
}

// Documents the law issues to minors only: the document de circulation pour étranger mineur, the titre d'identité
// républicain; found as the plan's phrases are, through OCR's slips (« TITRE D'IQENTITE REPUBLICAIN »)
const TITRES_DE_MINEUR = ['étranger mineur', "titre d'identité républicain"];

/** Why the document is a minor's (a birth date, a document issued to minors only), if it is. */
function mineurSelonLeDocument(texte: string, today: string | undefined): string | undefined {
  const naissance = dateApresLibelle(texte, LIBELLE_NAISSANCE)?.iso ?? naissanceMrz(texte, today);
  if (naissance !== undefined && today !== undefined && estMineur(naissance, today)) return `mineur (né le ${naissance})`;
  const index = indexerTexte(texte);
  return TITRES_DE_MINEUR.some((titre) => index.chercher(titre).length > 0) ? 'document délivré aux seuls mineurs' : undefined;
}

// The zone's birth date counts when its check digit holds, or when the page prints the same date (OCR slips and
// issuers' slips in check digits are common; two readings that agree are not). A year to come is last century's.
function naissanceMrz(texte: string, today: string | undefined): string | undefined {
  const naissance = datesMrz(texte)?.naissance;
  if (naissance === undefined || today === undefined) return undefined;
  const { date } = naissance;
  const annee = 2000 + Number(date.slice(0, 2));
  const iso = dateIso(annee > Number(today.slice(0, 4)) ? annee - 100 : annee, Number(date.slice(2, 4)), Number(date.slice(4, 6)));
  const imprimee = iso !== undefined && lireDates(texte).some((d) => d.iso === iso);
  return naissance.controlee || imprimee ? iso : undefined;
}

function estMineur(naissance: string, today: string): boolean {
  const majorite = `${Number(naissance.slice(0, 4)) + 18}${naissance.slice(4)}`;
  return majorite > today;
}

function libelle(role: Role | undefined): string {
  return role === 'personneACharge' ? 'de la personne à charge' : role === 'conjoint' ? 'conjoint' : 'demandeur';
}
