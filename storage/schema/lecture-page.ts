// What reading a page measured and decided, as its row keeps it (`pages.normalisation`). The page
// engine (services/pages) produces these values; they are declared beside the table that keeps them.

export type QuarterTurn = 0 | 90 | 180 | 270;

export type Box = { left: number; top: number; width: number; height: number };

/** One orientation reading: the clockwise turn OSD proposes at a resolution (nulls: no script found, or an error). */
export type OsdReading = { dpi: number; angle: QuarterTurn | null; confidence: number | null };

/** Every normalisation decision with the value it was made on. */
export type NormalisationRecord = {
  /** Clockwise rotation applied to put the page upright. */
  rotation: QuarterTurn;
  /** The most confident orientation reading (null: not run, or no script found). */
  osdAngle: QuarterTurn | null;
  osdConfidence: number | null;
  /** Every reading taken (a second one, at another resolution, when the first proposes a turn or is unsure). */
  osd: OsdReading[];
  /** Meaningful OCR words with the page as it came and turned as OSD proposed (null: no turn proposed). */
  turnCheck: { asIs: number; turned: number } | null;
  /**
   * Why the rotation was (not) applied (`texte-lu`: the page read well as it came, OSD not asked;
   * `texte-tourne`: OSD was unsure of its turn, the page turned read far better).
   */
  orientationReason: 'osd' | 'osd-peu-sur' | 'osd-contradictoire' | 'osd-sans-texte' | 'osd-desactive' | 'texte-contredit' | 'texte-tourne' | 'texte-lu';
  /** Measured skew in degrees, clockwise positive, after the quarter turn. */
  skewAngle: number;
  /** Strength of the projection-profile peak (0 when nothing to measure). */
  skewConfidence: number;
  skewCorrected: boolean;
  /** Dark scanner borders removed, in the page's upright pixel coordinates (null: none). */
  crop: Box | null;
  cropped: boolean;
  /** Scale applied to reach at most the configured resolution (1: none). */
  scale: number;
  /** Grey paper stretched to white: the levels mapped to black and white (null: the paper was white). */
  levels: { black: number; white: number } | null;
  /** The content has (almost) no mid-tones, so a 1-bit rendering keeps it. */
  bitonal: boolean;
  /** Fraction of pixels in mid-tones that the bitonal decision was made on. */
  midtoneRatio: number;
  /** A phone photo's sheet found, straightened and evenly lit (null or absent: the page is not such a photo). */
  photo?: PhotoRecord | null;
  ms: number;
};

export type BlankReason =
  | 'vide' // no ink at all, no OCR needed to say so
  | 'vide-sans-mot' // only specks or show-through, and OCR found no word
  | 'ligne-de-texte'
  | 'contenu'
  | 'encre'
  | 'trace' // a signature, a stamp, a photo: one large mark
  | 'mots-ocr'
  | 'incertain'; // little ink but no OCR to confirm: kept

/**
 * The rows left unread between a page's head and foot, when those settled what the page is, and
 * the length of the text's end that came from the foot.
 */
export type CorpsDePage = { top: number; bottom: number; pied: number };

/** Where a page's reading time went, in milliseconds (absent: the step was not needed). */
export type DureesLecture = { normalise: number; ocr?: number; orientation?: number; numero?: number; image?: number; corps?: number };

/**
 * A page's reading as its row keeps it: the normalisation's decisions, the resolution and bitonal
 * verdict its PDF is assembled with, why it was (not) judged blank (null: a page kept for review
 * of an upload), the body left unread by a head-first reading (null: read whole), and the stage
 * times (`ms.corps` once that body was read).
 */
export type LecturePage = Omit<NormalisationRecord, 'ms'> & { dpi: number; blanc: BlankReason | null; corps: CorpsDePage | null; ms: DureesLecture };

/** What was done to a photographed sheet: its corners in the photo (top left, top right, bottom right, bottom left, in its pixels), the evidence it is one, the paper's level before the light was evened out and the grey taken to black. */
export type PhotoRecord = {
  corners: Array<{ x: number; y: number }>;
  evidence: Record<string, number | boolean>;
  paper: { min: number; max: number };
  black: number;
};
