import { decideBitonal } from './decide-bitonal.ts';
import { countMeaningfulWords } from './detect-blank.ts';
import { confirmTurnByText, decideOrientation, needsSecondReading, osdReading, type OrientationDecision } from './decide-orientation.ts';
import { findBorderBox } from './find-border-box.ts';
import { cropPixels, type ImageOps } from './image-ops.ts';
import { measureInk } from './measure-ink.ts';
import { greyHistogram, levelsToStretch, stretchLevels } from './grey-levels.ts';
import { measureSkew } from './measure-skew.ts';
import { straightenPhoto } from './straighten-photo.ts';
import type { OcrPool } from './ocr-pool.ts';
import type { Box, ExtractedPage, GreyPixels, NormalisedPage, OsdReading } from './page-types.ts';

export type NormaliseOptions = {
  /** Pages scanned finer than this are brought down to it. Default 300. */
  maxDpi?: number;
  /** Resolution of the copy that orientation, skew, borders and ink are measured on. Default 150. */
  analysisDpi?: number;
  /** OSD confidence a reading needs to count (a turn needs twice that from agreeing readings). Default 5. */
  minOsdConfidence?: number;
  /** Skew (degrees) below which the page is left as is. Default 0.3. */
  skewThreshold?: number;
  /** Largest skew searched, each way. Default 5. */
  maxSkew?: number;
  /** Profile sharpness needed to trust a skew measure. Default 0.15. */
  minSkewConfidence?: number;
  /** Cut dark scanner borders. Default true. */
  cropBorders?: boolean;
  /**
   * Look for the page's orientation with OSD here. Default true. False when the caller reads the
   * page anyway and asks OSD only if the reading is poor (`readPage`): almost every scanned page
   * comes upright, and an OSD reading costs a third of a page's OCR.
   */
  orientation?: boolean;
};

export type NormaliseDeps = {
  images: ImageOps;
  /** Orientation detection (OSD, and OCR to check a proposed turn); null leaves pages as they are turned. */
  ocr: Pick<OcrPool, 'detectOrientation' | 'recognizePage'> | null;
};

function scaleBox(box: Box, factor: number, within: { width: number; height: number }): Box {
  const left = Math.min(within.width - 1, Math.round(box.left * factor));
  const top = Math.min(within.height - 1, Math.round(box.top * factor));
  return {
    left,
    top,
    width: Math.max(1, Math.min(within.width - left, Math.round(box.width * factor))),
    height: Math.max(1, Math.min(within.height - top, Math.round(box.height * factor))),
  };
}

async function orientation(
  small: GreyPixels,
  full: GreyPixels,
  dpi: number,
  smallDpi: number,
  hasInk: boolean,
  deps: NormaliseDeps,
  minConfidence: number,
): Promise<OrientationDecision & { readings: OsdReading[]; turnCheck: { asIs: number; turned: number } | null }> {
  if (!deps.ocr) return { ...decideOrientation(null, minConfidence), readings: [], turnCheck: null };
  if (!hasInk) return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-sans-texte', readings: [], turnCheck: null };
  const readings = [osdReading(await deps.ocr.detectOrientation({ pixels: small, dpi: smallDpi }), smallDpi)];
  // a turn, or doubt, is checked at another resolution: OSD alone is sometimes confidently wrong
  if (needsSecondReading(readings[0]!, minConfidence)) {
    const second = dpi > smallDpi ? full : small;
    const secondDpi = dpi > smallDpi ? dpi : smallDpi;
    if (second !== small) readings.push(osdReading(await deps.ocr.detectOrientation({ pixels: second, dpi: secondDpi }), secondDpi));
  }
  const decision = decideOrientation(readings, minConfidence);
  if (decision.rotation === 0) return { ...decision, readings, turnCheck: null };
  // a turn is checked by reading the text both ways (at the analysis resolution)
  const words = async (pixels: GreyPixels) => {
    const result = await deps.ocr!.recognizePage({ pixels, dpi: smallDpi });
    return result.ok ? countMeaningfulWords(result.words) : 0;
  };
  const turnCheck = { asIs: await words(small), turned: await words(await deps.images.rotate(small, decision.rotation)) };
  if (confirmTurnByText(turnCheck.asIs, turnCheck.turned)) return { ...decision, readings, turnCheck };
  return { ...decision, rotation: 0, reason: 'texte-contredit', readings, turnCheck };
}

/**
 * Puts one page upright (OSD quarter turns), cuts dark scanner borders, measures and corrects
 * skew, converts to grey, and records every decision with the value it was made on. The result
 * also carries the page's ink measures (for blank detection) and whether it could be bitonal.
 */
export async function normalisePage(page: ExtractedPage, deps: NormaliseDeps, options: NormaliseOptions = {}): Promise<NormalisedPage> {
  const started = performance.now();
  const { images } = deps;
  const maxDpi = options.maxDpi ?? 300;
  const analysisDpi = options.analysisDpi ?? 150;
  const minOsdConfidence = options.minOsdConfidence ?? 5;
  const skewThreshold = options.skewThreshold ?? 0.3;
  const minSkewConfidence = options.minSkewConfidence ?? 0.15;

  const scale = Math.min(1, maxDpi / page.dpi);
  // a phone photo of a sheet comes out as the sheet alone, upright and evenly lit; anything else as it is
  const photo = await straightenPhoto(page, deps, { maxDpi });
  let grey = photo?.grey ?? (await images.toGrey(page.image, scale));
  const dpi = photo?.dpi ?? Math.round(page.dpi * scale);
  const smallScale = Math.min(1, analysisDpi / dpi);
  const smallDpi = dpi * smallScale;
  const shrink = (g: GreyPixels) =>
    smallScale < 1 ? images.resize(g, Math.max(1, Math.round(g.width * smallScale)), Math.max(1, Math.round(g.height * smallScale))) : Promise.resolve(g);
  let small = await shrink(grey);

  const hasInk = measureInk(small, smallDpi).components > 0;
  const turn = await orientation(small, grey, dpi, smallDpi, hasInk, options.orientation === false ? { ...deps, ocr: null } : deps, minOsdConfidence);
  if (turn.rotation !== 0) {
    grey = await images.rotate(grey, turn.rotation);
    small = await images.rotate(small, turn.rotation);
  }

  const border = options.cropBorders === false ? null : findBorderBox(small);
  let crop: Box | null = null;
  if (border) {
    crop = scaleBox(border, 1 / smallScale, grey);
    grey = cropPixels(grey, crop);
    small = cropPixels(small, border);
  }

  const skew = measureSkew(small, { maxAngle: options.maxSkew ?? 5 });
  const deskew = Math.abs(skew.angle) >= skewThreshold && skew.confidence >= minSkewConfidence;
  if (deskew) {
    grey = await images.rotate(grey, -skew.angle);
    small = await shrink(grey);
  }

  const ink = measureInk(small, smallDpi);
  // after the ink is measured: blank detection's thresholds are for the page as scanned
  const levels = levelsToStretch(greyHistogram(grey));
  if (levels) grey = stretchLevels(grey, levels);
  const { bitonal, midtoneRatio } = decideBitonal(greyHistogram(grey));
  const untouched = scale === 1 && turn.rotation === 0 && !crop && !deskew && !levels && !photo;
  return {
    index: page.index,
    source: page.source,
    dpi,
    grey,
    ink,
    original: untouched && page.image.kind === 'jpeg' ? page.image : null,
    record: {
      rotation: turn.rotation,
      osdAngle: turn.osdAngle,
      osdConfidence: turn.osdConfidence,
      osd: turn.readings,
      turnCheck: turn.turnCheck,
      orientationReason: turn.reason,
      skewAngle: skew.angle,
      skewConfidence: skew.confidence,
      skewCorrected: deskew,
      crop,
      cropped: crop !== null,
      scale: Math.round(scale * 1000) / 1000,
      levels,
      bitonal,
      midtoneRatio,
      photo: photo?.record ?? null,
      ms: Math.round(performance.now() - started),
    },
  };
}
