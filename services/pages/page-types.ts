import type { PhotoRecord } from './straighten-photo.ts';

/** Decoded pixels of one image: 8 bits a sample, rows top to bottom, `channels` samples a pixel. */
export type Pixels = {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
};

/** Greyscale pixels: one byte a pixel, 0 black, 255 white. */
export type GreyPixels = Pixels & { channels: 1 };

/** Where an extracted page came from, kept for provenance and for the benchmarks. */
export type PageSource = 'pdf-jpeg' | 'pdf-flate' | 'pdf-ccitt' | 'pdf-rendu' | 'tiff' | 'jpeg' | 'png';

/** A JPEG kept byte for byte as the file held it (never re-encoded). */
export type JpegImage = {
  kind: 'jpeg';
  bytes: Buffer;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
};

export type PageImage = JpegImage | { kind: 'pixels'; pixels: Pixels };

/** One page as it comes out of the input file, before any normalisation. */
export type ExtractedPage = {
  /** 0-based position in the file. */
  index: number;
  /** Number of pages in the file. */
  count: number;
  source: PageSource;
  /** Resolution in dots per inch (declared by the file when plausible, else estimated from an A4 page). */
  dpi: number;
  image: PageImage;
};

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
  /** Why the rotation was (not) applied (`texte-lu`: the page read well as it came, OSD not asked). */
  orientationReason: 'osd' | 'osd-peu-sur' | 'osd-contradictoire' | 'osd-sans-texte' | 'osd-desactive' | 'texte-contredit' | 'texte-lu';
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

/** Pixel evidence for blank detection, measured on a downscaled, upright page. */
export type InkStats = {
  /** Fraction of pixels clearly darker than the paper, margins excluded. */
  inkRatio: number;
  /** Connected ink components the size of a character or larger. */
  components: number;
  /** Components lined up on a common baseline in the best text row. */
  largestRowComponents: number;
  /** Area fraction of the largest component (a photo, a stamp, a signature). */
  largestComponentRatio: number;
  /** Paper level (grey value of the background). */
  paper: number;
};

/** An upright, deskewed, cropped greyscale page, ready for OCR, blank detection and PDF assembly. */
export type NormalisedPage = {
  index: number;
  source: PageSource;
  dpi: number;
  grey: GreyPixels;
  record: NormalisationRecord;
  ink: InkStats;
  /** The original JPEG when no geometric change was made: assembly may reuse it as is. */
  original: JpegImage | null;
};
