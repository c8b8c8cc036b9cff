import { lirePagination } from './lire-pagination.ts';
import { debutsDeNumero, findNumeroUniqueCandidates } from './numero-unique.ts';
import { numerosDeLaPage, type PageTexte } from './page-text.ts';
import { construireModele } from './modele-classement.ts';
import { plan } from './plan-de-classement.ts';
import { scorerTexte } from './scorer-texte.ts';
import { indexerTexte, type TexteIndexe } from './texte-indexe.ts';

export type VerdictCouverture = 'couverture' | 'incertaine' | 'non';

/**
 * What a page shows of an envelope's cover, whatever its issuer and layout: the numéros uniques
 * readable on it, the domain's words for the registration of a housing demand, whether it
 * continues another document (« page 2/3 »). Registry evidence is weighed by `splitPlis`.
 */
export type IndicesCouverture = {
  /** Well-formed numéros uniques read on the page (full text and number-zone reads), canonical. */
  numeros: string[];
  /** The page speaks of a housing demand's registration (see `parleDEnregistrement`). */
  enregistrement: boolean;
  /** The page presents itself as the proof of registration (an attestation, receipt or acknowledgement of it). */
  preuve: boolean;
  /** « page k/n » with k ≥ 2: the page continues a document. */
  suite: boolean;
  /** The page is titled as a document of the plan other than the attestation (a form, a notice, a card). */
  titreDeDocument: boolean;
  /** Ink the page engine saw, but no text read: it may be a cover no one can read. */
  illisible: boolean;
  /** A label a demand's number carries (« Numéro d'enregistrement », « Identifiant de la demande »): its number may be there, unread. */
  libelle: boolean;
  /** A label that names nothing but a demand's number (« N° de la demande », « N° unique »): a cover, even with its number unread. */
  libelleDeDemande: boolean;
  /** With no whole number read, the starts of one, compact (`0271119`): a number torn or cut off there. */
  debutsDeNumero: string[];
  /** What follows a label naming the demand's applicant (« Nom du demandeur BERNARD », « Demandeur : M. ROUX Paul »). */
  demandeur: string | undefined;
};

/** Whether a page is a cover as far as its own text tells (registry aside), how sure, and why. */
export type DetectionCouverture = {
  verdict: VerdictCouverture;
  confiance: number;
  indices: string[];
};

// The words of a housing demand's registration, as any issuer words it (national attestation, a
// bailleur's letter, a CCAS receipt): the demand itself…
const DEMANDE = ['demande de logement', 'logement social', 'logement locatif social', 'logements sociaux', 'demande de logement locatif'];
// …and its registration, number or proof.
const ENREGISTREMENT = [
  'enregistrement',
  'enregistrée',
  'renouvellement',
  'renouvelée',
  'numéro unique',
  'numéro de votre demande',
  'numéro de la demande',
  'identifiant de la demande',
  'numéro départemental',
  'numéro régional',
  // the older word for it: a « certificat d'inscription » to the « fichier partagé »
  'inscription',
  'inscrit',
  'inscrite',
  'fichier partagé',
  // the statute's name for a guichet (« service enregistreur », R. 441-2-1 CCH) and the proof it hands over
  'enregistreur',
  'attestation de dépôt',
  'récépissé de dépôt',
];
// The number's own name: only a housing demand's number is called so, whatever else the page says.
// (« N° unique » folds to one word, « unique », found in « dossier unique »: it is matched on the text itself)
const NUMERO_UNIQUE = ['numéro unique', 'numéro départemental', 'numéro régional'];
const N_UNIQUE = /\bn\s?[°º o]\s?(unique|départemental|departemental|régional|regional)\b/i;
// The labels issuers put before a demand's number, and nothing else's (« NUD », the numéro unique départemental). Followed on its line by a
// number of another format, such a label is another demand's (« Numéro de la demande : 32R995273 »,
// a residence permit's).
const LIBELLE_DE_DEMANDE =
  /\b(?:num[ée]ro|n\s?[°ºo]|no)\s*(?:unique|de\s+(?:votre|la)\s+demande|de\s+demande\s+de\s+logement|d[ée]partemental|r[ée]gional)\b|\b(?:identifiant|r[ée]f[ée]rence)\s+de\s+(?:votre|la)\s+demande\b|\bNUD\b/i;
// « Numéro d'enregistrement » (« N° d'enreg. » in a register's column) names many things too (a complaint,
// an association): it tells a demand's number only with one on its line.
const LIBELLE_DU_NUMERO = new RegExp(`${LIBELLE_DE_DEMANDE.source}|\\b(?:num[ée]ro|n\\s?[°ºo]|no)\\s*d['’ ]?\\s?enreg(?:istrement\\b|\\.|\\b)`, 'i');
// « NUR », the numéro unique régional of the Île-de-France's demands, in capitals only: « nur » is a German word
const NUR = /\bNUR\b/;

/** A demand's number's label on this line (its first), or null. */
function libelleDeDemande(ligne: string): RegExpExecArray | null {
  const [premier] = [LIBELLE_DE_DEMANDE.exec(ligne), NUR.exec(ligne)].filter((l) => l !== null).sort((a, b) => a.index - b.index);
  return premier ?? null;
}

const PREUVE = [
  'attestation',
  'récépissé',
  'recepisse',
  'accusé de réception',
  'accusé d’enregistrement',
  "accusé d'enregistrement",
  'certificat',
  'confirmation',
];

/** What a page shows of a cover. Pure. */
export function indicesCouverture(page: Pick<PageTexte, 'text' | 'blank' | 'lecturesZone'>): IndicesCouverture {
  const illisible = page.blank === false && page.text.trim() === '';
  if (page.blank === true || page.text.trim() === '')
    return {
      numeros: [],
      enregistrement: false,
      preuve: false,
      suite: false,
      titreDeDocument: false,
      illisible,
      libelle: false,
      libelleDeDemande: false,
      debutsDeNumero: [],
      demandeur: undefined,
    };
  const index = indexerTexte(page.text);
  const numeros = numerosDeLaPage(page);
  const lignesLibellees = page.text.split(/\r?\n/).filter((ligne) => LIBELLE_DU_NUMERO.test(ligne) || NUR.test(ligne));
  // a well-formed number right under its label is a demand's number, whatever else the page says
  const numeroLibelle = lignesLibellees.some((ligne) => findNumeroUniqueCandidates(ligne).length > 0);
  const demandeur = demandeurNomme(page.text);
  // a number on a page about a demand that names its applicant as such is that demand's
  const enregistrement = parleDEnregistrement(index) || numeroLibelle || (numeros.length > 0 && demandeur !== undefined && trouve(index, DEMANDE));
  const preuve = enregistrement && trouve(index, PREUVE);
  const pagination = lirePagination(page.text);
  return {
    numeros,
    enregistrement,
    preuve,
    suite: pagination !== undefined && pagination.numero >= 2,
    titreDeDocument: enregistrement && titreDeDocument(page.text),
    illisible,
    libelle: lignesLibellees.length > 0,
    libelleDeDemande: lignesLibellees.some((ligne) => {
      const libelle = libelleDeDemande(ligne);
      return libelle !== null && !/\d{5}/.test(ligne.slice(libelle.index + libelle[0].length).replace(/\s/g, ''));
    }),
    debutsDeNumero: numeros.length === 0 ? debutsDeNumero(page.text) : [],
    demandeur,
  };
}

// Forms and letters about a demand name its applicant after « Nom du demandeur », or after
// « Demandeur » with a colon, a civility or a prénom after the surname; a heading « DEMANDEUR » over
// a table, « le demandeur peut… » or « demandeur d'emploi » name nobody.
const NOM_DU_DEMANDEUR = /^\W*nom(?:\s+et\s+pr[ée]noms?)?\s+(?:du|de\s+la)\s+demandeu(?:r|se)\b\s*[:.]?\s*(.*)$/i;
const DEMANDEUR = /^\W*demandeu(?:r|se)(?:\s+principale?)?\s*(:\s*|\s+(?=(?:m\.|mme|madame|monsieur)\s))(.*)$/i;
const DEMANDEUR_PRENOM =
  /^\W*(?:[Dd]emandeu(?:r|se)|DEMANDEU(?:R|SE))(?:\s+principale?|\s+PRINCIPALE?)?\s+((?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+\s+)+[A-ZÀ-ÖØ-Þ][a-zà-ÿ].*)$/;
const CAPITALES = /[A-ZÀ-ÖØ-Þ]{2}/;

/** The text after a label naming a demand's applicant, when a surname in capitals follows it. Pure. */
function demandeurNomme(texte: string): string | undefined {
  for (const ligne of texte.split(/\r?\n/)) {
    const nomme = NOM_DU_DEMANDEUR.exec(ligne)?.[1] ?? DEMANDEUR.exec(ligne)?.[2] ?? DEMANDEUR_PRENOM.exec(ligne)?.[1];
    if (nomme !== undefined && CAPITALES.test(nomme)) return nomme.trim();
  }
  return undefined;
}

/**
 * The page's own verdict, before the registry and the sequence are weighed: a page bearing a
 * numéro unique may open an envelope; one that speaks of a registration without a readable number
 * (torn, stained) or that nobody could read is uncertain, so that its pages never join the
 * previous applicant's; anything else is a document's page. `i`: the page's evidence, when the
 * caller has it already (it costs a scoring of the page against the plan). Pure.
 */
export function detecterCouverture(
  page: Pick<PageTexte, 'text' | 'blank' | 'lecturesZone'>,
  i: IndicesCouverture = indicesCouverture(page),
): DetectionCouverture {
  const indices: string[] = [];
  if (i.numeros.length > 0) indices.push(`numéro unique lisible (${i.numeros.join(', ')})`);
  if (i.enregistrement) indices.push("vocabulaire de l'enregistrement d'une demande de logement");
  if (i.preuve) indices.push("preuve d'enregistrement (attestation, récépissé, accusé)");
  if (i.suite) indices.push("page de suite d'un document");
  if (i.illisible) indices.push('page illisible : encre sans texte lu');
  if (i.debutsDeNumero.length > 0) indices.push(`début de numéro unique sans sa fin (${i.debutsDeNumero.join(', ')}) : déchiré ou coupé`);
  if (i.numeros.length > 0 && !i.suite) return { verdict: 'couverture', confiance: i.enregistrement ? 1 : 0.7, indices };
  if (((i.enregistrement || i.debutsDeNumero.length > 0) && !i.suite) || i.illisible)
    return { verdict: 'incertaine', confiance: i.preuve ? 0.6 : 0.5, indices };
  return { verdict: 'non', confiance: i.numeros.length > 0 ? 0.3 : 0, indices };
}

/** Whether a text speaks of a housing demand (« demande de logement », « logement social »…). Pure. */
export function parleDUneDemande(texte: string): boolean {
  return trouve(indexerTexte(texte), DEMANDE);
}

/** Whether the text speaks of a housing demand and of its registration, its number or its renewal, or names a numéro unique. Pure. */
export function parleDEnregistrement(index: TexteIndexe): boolean {
  return (trouve(index, DEMANDE) && trouve(index, ENREGISTREMENT)) || trouve(index, NUMERO_UNIQUE) || index.lignes.some((l) => N_UNIQUE.test(l));
}

function trouve(index: TexteIndexe, expressions: readonly string[]): boolean {
  return expressions.some((e) => index.chercher(e).length > 0);
}

// as the segmentation: below this score a type is no evidence
const SCORE_PROBANT = 2;
// A document's own words, heading or not: a cover, whoever issued it, scores far below this for any
// type of the plan but the attestation (at most 5.9 over the covers of every fixture group).
const SCORE_DE_DOCUMENT = 8;

/** The page's best type of the plan is not the attestation itself and is titled at its top or said in so many words. */
function titreDeDocument(texte: string): boolean {
  const [meilleur] = scorerTexte(construireModele(plan), [texte]);
  if (meilleur === undefined || meilleur.type === 'ATT') return false;
  return meilleur.score >= SCORE_DE_DOCUMENT || (meilleur.titreEnTete && meilleur.score >= SCORE_PROBANT);
}
