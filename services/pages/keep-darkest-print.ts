import { darkLevel, greyHistogram } from './grey-levels.ts';
import type { GreyPixels } from './page-types.ts';

// the print's own level: the grey that this share of the zone is as dark as or darker (specks aside)
const PRINT_SHARE = 0.01;
// what is this far from the print towards the paper (the zone's median), or paler, is not the print
const KEEP = 0.35;

/**
 * A number zone with only its darkest print kept: a stamp struck over the number (a mail room's
 * « REÇU » and its date, an office's seal) is inked in colour and scans paler than the typed or
 * written number, and OCR reading both at once loses the characters under it. Every pixel paler
 * than about a third of the way from the print's level to the paper's is made white. Pure.
 */
export function keepDarkestPrint(zone: GreyPixels): GreyPixels {
  const histogram = greyHistogram(zone);
  const print = darkLevel(histogram, PRINT_SHARE);
  const cut = print + KEEP * (darkLevel(histogram, 0.5) - print);
  return { ...zone, data: Buffer.from(zone.data.map((v) => (v < cut ? v : 255))) };
}
