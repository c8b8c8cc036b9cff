import type { BlankReason } from '../../storage/schema/lecture-page.ts';
import type { InkStats } from './page-types.ts';

export type { BlankReason };

export type BlankVerdict = {
  blank: boolean;
  reason: BlankReason;
  ink: InkStats;
  ocrWords: number | null;
};

export type BlankThresholds = {
  /** A text row with this many character-sized marks is content. */
  rowComponents: number;
  components: number;
  inkRatio: number;
  largestComponentRatio: number;
};

export const defaultBlankThresholds: BlankThresholds = {
  rowComponents: 4,
  components: 25,
  inkRatio: 0.004,
  largestComponentRatio: 0.0015,
};

/** Words that count as evidence of text: OCR-confident, with at least two letters or digits. */
export function countMeaningfulWords(words: ReadonlyArray<{ text: string; confidence: number }>, minConfidence = 60): number {
  return words.filter((w) => w.confidence >= minConfidence && (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2).length;
}

/**
 * Is this page blank? Pure. A page is dropped only on strong evidence: next to no ink, no row of
 * character-sized marks, no large mark, and either no mark at all or OCR that found no word.
 * With no character-sized mark at all the page is blank without OCR: skip full-page OCR there
 * (on grain and show-through tesseract reads hundreds of made-up words, slowly).
 * Anything in between is kept (`incertain`): a wrong drop loses a page, a wrong keep costs a glance.
 */
export function detectBlank(ink: InkStats, ocrWords: number | null = null, thresholds: BlankThresholds = defaultBlankThresholds): BlankVerdict {
  const verdict = (blank: boolean, reason: BlankReason): BlankVerdict => ({ blank, reason, ink, ocrWords });
  if (ink.largestRowComponents >= thresholds.rowComponents) return verdict(false, 'ligne-de-texte');
  if (ink.components >= thresholds.components) return verdict(false, 'contenu');
  if (ink.inkRatio >= thresholds.inkRatio) return verdict(false, 'encre');
  if (ink.largestComponentRatio >= thresholds.largestComponentRatio) return verdict(false, 'trace');
  // no mark the size of a character: words OCR reports there are read into show-through and grain
  if (ink.components === 0 && ink.inkRatio < thresholds.inkRatio / 4) return verdict(true, 'vide');
  if (ocrWords !== null && ocrWords > 0) return verdict(false, 'mots-ocr');
  if (ocrWords === 0) return verdict(true, 'vide-sans-mot');
  return verdict(false, 'incertain');
}
