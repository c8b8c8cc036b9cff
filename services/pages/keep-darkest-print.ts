import type { GreyPixels } from './page-types.ts';

// the print's own level: the grey that this share of the zone is as dark as or darker (specks aside)
const PRINT_SHARE = 0.01;
// what is this far from the print towards the paper, or paler, is not the print
const KEEP = 0.35;

/**
 * A number zone with only its darkest print kept: a stamp struck over the number (a mail room's
 * « REÇU » and its date, an office's seal) is inked in colour and scans paler than the typed or
 * written number, and OCR reading both at once loses the characters under it. Every pixel paler
 * than a third of the way from the print's level to the paper's is made white. Pure.
 */
export function keepDarkestPrint(zone: GreyPixels): GreyPixels {
  const histogram = new Uint32Array(256);
  for (const v of zone.data) histogram[v]!++;
  const quantile = (share: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v]!;
      if (seen > share * zone.data.length) return v;
    }
    return 255;
  };
  const print = quantile(PRINT_SHARE);
  const cut = print + KEEP * (quantile(0.5) - print);
  const data = Buffer.from(zone.data.map((v) => (v < cut ? v : 255)));
  return { ...zone, data };
}
