import { findNumeroUniqueCandidates } from './numero-unique.ts';
import { estLigneDeTitre } from './est-ligne-de-titre.ts';
import { lirePagination } from './lire-pagination.ts';
import type { PageTexte } from './page-text.ts';
import { indexerTexte, motsPlies, type TexteIndexe } from './texte-indexe.ts';

export type VerdictCouverture = 'couverture' | 'incertaine' | 'non';

/** Whether a page is page 1 of an attestation d'enregistrement, how sure, and why. */
export type DetectionCouverture = {
  verdict: VerdictCouverture;
  confiance: number;
  indices: string[];
};

const SEUIL_COUVERTURE = 0.6;
const SEUIL_INCERTAIN = 0.35;
const TITRES = ["ATTESTATION D'ENREGISTREMENT", 'ATTESTATION DE RENOUVELLEMENT'];
const LIBELLES_NUMERO = ['numéro unique', 'numéro de votre demande', 'n° unique', "numéro d'enregistrement"];

type Indice = { poids: number; texte: string };

/**
 * Scores a page as a cover (page 1 of an attestation d'enregistrement or de renouvellement) from
 * its title, labels, readable numéro unique and layout; the attestation's later pages and letters
 * quoting a numéro unique score low. `incertaine` pages must not be taken as content either:
 * so is a page the engine found ink on (`blank: false`) but OCR read nothing from.
 */
export function detecterCouverture(page: Pick<PageTexte, 'text' | 'blank'>): DetectionCouverture {
  if (page.blank === true) return { verdict: 'non', confiance: 0, indices: ['page vide'] };
  if (page.text.trim() === '') {
    // ink but no text read (low contrast, an OCR failure): it may be a cover, so it must not join the previous envelope
    if (page.blank === false) return { verdict: 'incertaine', confiance: SEUIL_INCERTAIN, indices: ['page illisible : encre sans texte lu'] };
    return { verdict: 'non', confiance: 0, indices: ['page vide'] };
  }
  const index = indexerTexte(page.text);
  const indices = [...indicesTitre(index), ...indicesContenu(index, page.text), ...indicesPagination(page.text)];
  const score = indices.reduce((s, i) => s + i.poids, 0);
  const confiance = Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
  const verdict = confiance >= SEUIL_COUVERTURE ? 'couverture' : confiance >= SEUIL_INCERTAIN ? 'incertaine' : 'non';
  return { verdict, confiance, indices: indices.map((i) => `${i.texte} (${i.poids > 0 ? '+' : ''}${i.poids})`) };
}

// The title counts fully only as a heading: in a letter's body or subject it is a mere mention.
function indicesTitre(index: TexteIndexe): Indice[] {
  const positions = TITRES.flatMap((t) => index.chercher(t));
  if (positions.length === 0) return [];
  const lignes = positions.map((p) => index.ligneDuMot[p] ?? 0);
  const enTete = lignes.find((l) => estLigneDeTitre(index.lignes[l] ?? '') || estLigneDuSeulTitre(index.lignes[l] ?? ''));
  if (enTete === undefined) return [{ poids: 0.1, texte: 'attestation mentionnée dans le texte' }];
  const lignesNonVides = index.lignes.filter((l) => l.trim() !== '').length;
  const rang = index.lignes.slice(0, enTete).filter((l) => l.trim() !== '').length;
  const titre: Indice = { poids: 0.45, texte: "titre « attestation d'enregistrement »" };
  return rang <= Math.max(3, lignesNonVides * 0.4) ? [titre, { poids: 0.05, texte: 'titre en haut de page' }] : [titre];
}

// A line holding the title and hardly anything else is a heading, whatever its case (portal
// layouts print "Attestation d'enregistrement" in sentence case); a letter's sentence is longer.
function estLigneDuSeulTitre(ligne: string): boolean {
  if (/^\s*(objet|ob[jl]et|r[ée]f[ée]rence|r[ée]f\.?)\s*:/i.test(ligne)) return false;
  const mots = motsPlies(ligne);
  return TITRES.some((t) => {
    const titre = motsPlies(t);
    return mots.length <= titre.length + 1 && titre.every((m) => mots.includes(m));
  });
}

function indicesContenu(index: TexteIndexe, texte: string): Indice[] {
  const indices: Indice[] = [];
  const trouve = (expressions: string[]) => expressions.some((e) => index.chercher(e).length > 0);
  if (trouve(['demande de logement social', 'demande de logement locatif social'])) {
    indices.push({ poids: 0.1, texte: 'demande de logement social' });
  }
  if (trouve(LIBELLES_NUMERO)) indices.push({ poids: 0.15, texte: 'libellé du numéro unique' });
  if (findNumeroUniqueCandidates(texte).length > 0) indices.push({ poids: 0.1, texte: 'numéro unique lisible' });
  if (trouve(['date de dépôt', 'date de dépôt initial'])) indices.push({ poids: 0.1, texte: 'date de dépôt' });
  if (trouve(['expéditeur']) && trouve(['destinataire'])) indices.push({ poids: 0.05, texte: 'expéditeur et destinataire' });
  if (estCourrier(index)) indices.push({ poids: -0.15, texte: "forme de courrier (objet, formule d'appel)" });
  return indices;
}

// A letter quoting a number opens with a subject line or "Madame, Monsieur" before any heading.
function estCourrier(index: TexteIndexe): boolean {
  return index.lignes.some((l) => /^\s*(objet|r[ée]f[ée]rence)\s*:/i.test(l) || /^\s*madame,\s*monsieur/i.test(l));
}

function indicesPagination(texte: string): Indice[] {
  const page = lirePagination(texte);
  if (page === undefined) return [];
  if (page.numero === 1) return [{ poids: 0.05, texte: `page 1/${page.total}` }];
  return [{ poids: -0.6, texte: `page ${page.numero}/${page.total} : suite d'un document` }];
}
