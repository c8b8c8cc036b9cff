/** How the pages of one PDF are encoded. */
export type PdfEncoding =
  | { mode: 'original' } // the scanner's JPEGs, untouched
  | { mode: 'grey'; dpi: number; quality: number } // JPEG, greyscale
  | { mode: 'bitonal'; dpi: number }; // 1 bit a pixel, Flate

export type PdfAttempt = { encoding: PdfEncoding; bytes: number };

export type PdfPlanInput = {
  /** Per page: its resolution, whether black and white keeps it, whether its original JPEG can be reused. */
  pages: ReadonlyArray<{ dpi: number; bitonal: boolean; original: boolean }>;
  maxBytes: number;
  tried: readonly PdfAttempt[];
};

/**
 * The encodings from most to least faithful. Below 150 dpi, or 1-bit below 200 dpi, small print
 * stops being read back by OCR, so the ladder ends there. Pages that are text only go to 1 bit
 * earlier (sharper than a low-quality grey JPEG, and smaller).
 */
export function encodingLadder(allBitonal: boolean, allOriginal: boolean): PdfEncoding[] {
  const ladder: PdfEncoding[] = allOriginal ? [{ mode: 'original' }] : [];
  ladder.push({ mode: 'grey', dpi: 300, quality: 70 }, { mode: 'grey', dpi: 200, quality: 70 });
  if (allBitonal) ladder.push({ mode: 'bitonal', dpi: 300 });
  ladder.push({ mode: 'grey', dpi: 200, quality: 50 }, { mode: 'grey', dpi: 150, quality: 50 });
  if (!allBitonal) ladder.push({ mode: 'bitonal', dpi: 300 });
  ladder.push({ mode: 'bitonal', dpi: 200 }, { mode: 'grey', dpi: 150, quality: 35 });
  return ladder;
}

/** Rough bytes a pixel at 300 dpi for each kind of encoding, for predicting sizes before measuring. */
function bytesPerPixel(encoding: PdfEncoding): number {
  if (encoding.mode === 'original') return 0.04;
  if (encoding.mode === 'bitonal') return 0.006;
  return 0.012 + 0.0004 * encoding.quality;
}

function pixelsAt(encoding: PdfEncoding, pages: PdfPlanInput['pages']): number {
  // pages are never scaled up: a 200-dpi page stays 200 dpi in a 300-dpi encoding
  const letters = pages.reduce((sum, p) => {
    const dpi = encoding.mode === 'original' ? p.dpi : Math.min(p.dpi, encoding.dpi);
    return sum + (dpi / 300) ** 2;
  }, 0);
  return letters * 2480 * 3508;
}

function predict(encoding: PdfEncoding, input: PdfPlanInput): number {
  const estimate = (e: PdfEncoding) => pixelsAt(e, input.pages) * bytesPerPixel(e);
  const last = input.tried.at(-1);
  // scale the prior by how far off it was on the last measured attempt
  const correction = last ? last.bytes / Math.max(1, estimate(last.encoding)) : 1;
  return estimate(encoding) * correction;
}

const same = (a: PdfEncoding, b: PdfEncoding) => JSON.stringify(a) === JSON.stringify(b);

/** Effective encoding once page resolutions are taken into account (no upscaling). */
function effective(encoding: PdfEncoding, pages: PdfPlanInput['pages']): PdfEncoding {
  if (encoding.mode === 'original') return encoding;
  const top = Math.max(...pages.map((p) => p.dpi));
  return { ...encoding, dpi: Math.min(encoding.dpi, top) };
}

/**
 * The next encoding to try for a piece, or null when every one has been tried. Pure. Takes the
 * most faithful untried encoding predicted to fit (predictions are corrected by the sizes measured
 * so far); when none is predicted to fit, the smallest untried one.
 */
export function planPdfAttempt(input: PdfPlanInput): PdfEncoding | null {
  const allBitonal = input.pages.every((p) => p.bitonal);
  const allOriginal = input.pages.length > 0 && input.pages.every((p) => p.original);
  const untried = encodingLadder(allBitonal, allOriginal)
    .map((e) => effective(e, input.pages))
    .filter((e, i, all) => all.findIndex((o) => same(o, e)) === i)
    .filter((e) => !input.tried.some((t) => same(t.encoding, e)));
  if (untried.length === 0) return null;
  return untried.find((e) => predict(e, input) <= input.maxBytes * 0.95) ?? untried.at(-1)!;
}
