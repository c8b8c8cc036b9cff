import type { NormalisationRecord, QuarterTurn } from './page-types.ts';

/** What the orientation detector reported for a page. */
export type OrientationReading =
  | { ok: true; angle: number | null; confidence: number | null }
  | { ok: false; error: string };

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

/**
 * The clockwise rotation that puts the page upright. Pure. The detector's angle is the clockwise
 * turn that corrects the page; it is trusted only at or above `minConfidence` (a wrong turn
 * makes an upright page unreadable, a missed one leaves it for review).
 */
export function decideOrientation(reading: OrientationReading | null, minConfidence: number): OrientationDecision {
  if (!reading) return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-desactive' };
  if (!reading.ok) return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-erreur' };
  if (reading.angle === null || reading.confidence === null) {
    return { rotation: 0, osdAngle: null, osdConfidence: null, reason: 'osd-sans-texte' };
  }
  const osdAngle = quarterTurn(reading.angle);
  const confident = reading.confidence >= minConfidence;
  return {
    rotation: confident ? osdAngle : 0,
    osdAngle,
    osdConfidence: Math.round(reading.confidence * 100) / 100,
    reason: confident ? 'osd' : 'osd-peu-sur',
  };
}
