import { findNumeroUniqueCandidates } from './numero-unique.ts';

/** One page of a lot as the decisions see it: its 0-based index in the lot and its OCR text. */
export type PageTexte = {
  index: number;
  text: string;
  /** Set by the page engine when the image is blank (no ink worth reading). */
  blank?: boolean;
  /** Mean OCR confidence of the page, 0 to 1, when the engine gives one. */
  ocrConfidence?: number;
  /** On a cover: the readings of its number's zone at high resolution (see `lireNumerosCouverture`). */
  lecturesZone?: string[];
  /** 0-based position, in the lot, of the file the page comes from. */
  fichier?: number;
  /** Pages are missing just before this one (a file or page that could not be read): a cover may have been lost there. */
  lacuneAvant?: boolean;
};

/** The persons of a dossier whose names tell demandeur, conjoint and personne à charge apart. */
export type Personne = { nom: string; prenom?: string; dateNaissance?: string };
export type Personnes = { demandeur?: Personne; conjoint?: Personne; personnesACharge?: Personne[] };

/** What was read on a page: its full reading, then its number zone's reads. */
export function textesDeLaPage(page: Pick<PageTexte, 'text' | 'lecturesZone'>): string[] {
  return [page.text, ...(page.lecturesZone ?? [])];
}

/** The numbers a page bears: of its reading and of its number zone's. */
export function numerosDeLaPage(page: Pick<PageTexte, 'text' | 'lecturesZone'>): string[] {
  return findNumeroUniqueCandidates(textesDeLaPage(page).join('\n'));
}
