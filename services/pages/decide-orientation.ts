import type { NormalisationRecord, OsdReading, QuarterTurn } from './page-types.ts';

/** What the orientation detector reported for a page. */
export type OrientationReading = { ok: true; angle: number | null; confidence: number | null } | { ok: false; error: string };

export type OrientationDecision = {
  rotation: QuarterTurn;
  osdAngle: QuarterTurn | null;
  osdConfidence: number | null;
  reason: NormalisationRecord['orientationReason'];
};

/** Nearest quarter turn of an angle in degrees. */
export function quarterTurn(degrees: number): QuarterTurn {
  return ((((Math.round(degrees / 90) % 4) + 4) % 4) * 90) as QuarterTurn;
}

/** Reading as recorded: quarter turn and rounded confidence, or nulls. */
export function osdReading(reading: OrientationReading, dpi: number): OsdReading {
  if (!reading.ok || reading.angle === null || reading.confidence === null) return { dpi, angle: null, confidence: null };
  return { dpi, angle: quarterTurn(reading.angle), confidence: Math.round(reading.confidence * 100) / 100 };
}

/** Does this reading make a second look worthwhile (it proposes a turn, or it is unsure)? Pure. */
export function needsSecondReading(reading: OsdReading, minConfidence: number): boolean {
  return reading.angle !== 0 || (reading.confidence ?? 0) < minConfidence;
}

/**
 * The clockwise rotation that puts the page upright, from one or more OSD readings of it (at
 * different resolutions). Pure. Upright is the default: a wrong turn makes a good page unreadable,
 * a missed one only sends it to review. Upright is confirmed by one confident reading; a turn needs
 * the readings to agree on it with confidences adding up to twice `minConfidence`, and no reading
 * of at least a third of `minConfidence` saying anything else.
 */
export function decideOrientation(readings: readonly OsdReading[] | null, minConfidence: number): OrientationDecision {
  if (readings === null) return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-desactive' };
  const found = readings.filter((r): r is OsdReading & { angle: QuarterTurn; confidence: number } => r.angle !== null && r.confidence !== null);
  if (found.length === 0) return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-sans-texte' };
  const best = found.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  const summary = { osdAngle: best.angle, osdConfidence: best.confidence };
  if (best.confidence < minConfidence) return { rotation: 0, ...summary, reason: 'osd-peu-sur' };
  if (best.angle === 0) return { rotation: 0, ...summary, reason: 'osd' };
  const vetoed = found.some((r) => r.angle !== best.angle && r.confidence >= minConfidence / 3);
  if (vetoed) return { rotation: 0, ...summary, reason: 'osd-contradictoire' };
  const agreeing = found.filter((r) => r.angle === best.angle).reduce((sum, r) => sum + r.confidence, 0);
  if (agreeing < 2 * minConfidence) return { rotation: 0, ...summary, reason: 'osd-peu-sur' };
  return { rotation: best.angle, ...summary, reason: 'osd' };
}

/**
 * Does OCR agree with a proposed turn? Pure, on the meaningful words read with the page as it is
 * and turned. OSD is sometimes confidently upside down (passports, cards with photos); the LSTM
 * reads text turned a quarter either way but not upside down, so upright text read much better as
 * it is vetoes the turn, and a tie (a quarter turn) leaves it to OSD.
 */
export function confirmTurnByText(asIsWords: number, turnedWords: number): boolean {
  return asIsWords < 2 * turnedWords + 3;
}

/**
 * The turn OSD proposed without the confidence to decide it, when its readings do not contradict
 * one another (pure): worth reading the page turned, since a degraded page makes OSD unsure of
 * what its text shows plainly once turned.
 */
export function unsureTurn(decision: OrientationDecision): QuarterTurn | null {
  return decision.reason === 'osd-peu-sur' && decision.osdAngle ? decision.osdAngle : null;
}

/**
 * The turns to read the page at; the best reading of them is kept if it proves its turn (pure): the one OSD decided; the one it
 * was unsure of, and on a sparse reading the other way round too, since OSD tells a quarter turn
 * from none better than one way from the other (a card on a landscape sheet); each way in turn on
 * a page with ink on which OCR read no word and OSD proposed nothing.
 */
export function turnsToTry(decision: OrientationDecision, asIsWords: number): QuarterTurn[] {
  if (decision.rotation) return [decision.rotation];
  const unsure = unsureTurn(decision);
  if (unsure === 180 || (unsure && asIsWords >= SPARSE_WORDS)) return [unsure];
  if (unsure) return [unsure, ((unsure + 180) % 360) as QuarterTurn];
  return asIsWords === 0 ? [90, 270, 180] : [];
}

/**
 * Does the page turned read so much better that the text alone proves the turn OSD was unsure of?
 * Pure. Upside-down text reads as gibberish with a few short words (7 to 67 meaningful words on
 * the sets' turned pages, against 28 to 209 once turned); a page of text turned a quarter reads
 * about as well either way, so only a sparse one proves a quarter turn (`quarter`).
 */
export function turnProvenByText(asIsWords: number, turnedWords: number, quarter = false): boolean {
  if (turnedWords >= 2 * asIsWords && turnedWords >= asIsWords + 20) return true;
  // but a card or a slip turned a quarter reads as almost nothing as it came (1 to 3 meaningful
  // words on the sets' pages) and as a few lines upright (7 to 18), while an upright one never read
  // better turned
  return quarter && asIsWords < SPARSE_WORDS && turnedWords >= 3 * asIsWords && turnedWords >= asIsWords + 5;
}

/** Fewer meaningful words than this, read as the page came: a sparse reading (a card, a slip, a page turned). */
export const SPARSE_WORDS = 12;

/** What the full-page reading of a page, taken as it came, says about its orientation. */
export type UprightEvidence = { meaningfulWords: number; confidence: number; turnedText: boolean; sidewaysWords: number; wordsMeasured: number };

/**
 * Does the full-page reading leave the page's orientation in doubt, so OSD must be asked? Pure.
 * A page read as it came with plenty of confident words, none of them laid sideways and no text
 * reading as if turned, is upright: the LSTM reads upside-down text as gibberish and sideways
 * lines as tall words, so a good reading is itself the proof.
 */
export function orientationInDoubt(evidence: UprightEvidence): boolean {
  if (evidence.turnedText) return true;
  if (evidence.meaningfulWords < SPARSE_WORDS || evidence.confidence < 70) return true;
  return evidence.wordsMeasured > 0 && evidence.sidewaysWords / evidence.wordsMeasured > 0.3;
}
