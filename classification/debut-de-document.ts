import { estLigneDeTitre } from './est-ligne-de-titre.ts';
import { motsPlies } from './texte-indexe.ts';

// How far down a first page its letterhead, dateline, subject and title stand
const LIGNES_DE_TETE = 10;

// What a document calls itself in its title, whoever issues it: a page headed so opens a document. Not « copie »
// nor « traduction » (a copy's certification or a sworn translation follows the original it goes with), nor
// « facture » (a host's bill goes with the attestation d'hébergement it supports).
const NOMS_DE_DOCUMENT = new Set(
  [
    'attestation',
    'certificat',
    'reçu',
    'récépissé',
    'extrait',
    'ordonnance',
    'jugement',
    'arrêt',
    'arrêté',
    'décision',
    'notification',
    'avis',
    'avertissement',
    'quittance',
    'contrat',
    'convention',
    'acte',
    'carte',
    'relevé',
    'échéancier',
    'bulletin',
    'déclaration',
    'livret',
    'fiche',
    'bordereau',
    'bon',
    'convocation',
    'procès',
  ].map((mot) => motsPlies(mot)[0]),
);

// A letter's first page: its subject line (« Objet : »), or its place and date line (« Bourg-en-Bresse, le 01/10/2025 »),
// which a last page writes « Fait à …, le » or « À …, le » with its signatures
const OBJET = /^\W*ob[jl]et\s*:/i;
const LIEU_ET_DATE = /^[^\p{L}\d]*(?!fait\b|[àa]\s)\p{Lu}[\p{L}'’ -]{1,40},\s+le\s+(?:\d{1,2}(?:er)?\s+\p{L}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})/iu;

// A letter's or a note's salutation (« Madame, », « Bonjour, »), below its letterhead, its addresses and its
// references: no later page of it opens so
const SALUTATION = /^\W*(?:madame|monsieur|mesdames|messieurs|bonjour)(?:\s*,\s*(?:madame|monsieur|mesdames|messieurs))?\s*,/i;
const LIGNES_AVANT_SALUTATION = 16;

// the State's letterhead, first on an administration's letter, form, card or act
const REPUBLIQUE = /^[^\p{L}]*r[ée]publique\s+fran[çc]aise\b/iu;

// a mail room's stamp on any page (« REÇU LE 28/09/2025 »), not a title
const TAMPON_D_ARRIVEE = /^re[çc]u\s+le\b/i;

/**
 * What on a page's first lines says it opens a document of its own, whatever its type and issuer: a
 * title naming a kind of document, a letter's subject line, its place and date, or its salutation. Pure;
 * `undefined` when nothing does.
 */
export function indiceDeDebut(texte: string): string | undefined {
  const tete = lignesDeTete(texte);
  if (REPUBLIQUE.test(tete.slice(0, 2).join(' '))) return 'en-tête de la République';
  for (const ligne of tete) {
    if (OBJET.test(ligne)) return 'objet de courrier';
    if (LIEU_ET_DATE.test(ligne)) return 'lieu et date de courrier';
    const titre = ligne.replace(/^[^\p{L}]+/u, '');
    if (estLigneDeTitre(titre) && !TAMPON_D_ARRIVEE.test(titre) && NOMS_DE_DOCUMENT.has(motsPlies(titre)[0] ?? '')) return `titre « ${titre.slice(0, 40)} »`;
  }
  return salue(texte) ? 'formule d’appel de courrier' : undefined;
}

/** Whether a page's first lines carry a letter's subject line, its place and date or its salutation: a letter's first page, no other's page 2. Pure. */
export function ouvreUnCourrier(texte: string): boolean {
  return lignesDeTete(texte).some((ligne) => OBJET.test(ligne) || LIEU_ET_DATE.test(ligne)) || salue(texte);
}

/** Whether a letter's salutation (« Madame, », « Madame, Monsieur, ») opens a paragraph below its addresses. */
function salue(texte: string): boolean {
  return lignesDeTete(texte, LIGNES_AVANT_SALUTATION).some((ligne) => SALUTATION.test(ligne));
}

function lignesDeTete(texte: string, lignes = LIGNES_DE_TETE): string[] {
  return texte
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, lignes);
}
