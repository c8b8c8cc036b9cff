import type { NormalisationRecord } from '../../storage/schema/lecture-page.ts';

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

// kept on each page's row: declared beside the table
export type { Box, NormalisationRecord, OsdReading, PhotoRecord, QuarterTurn } from '../../storage/schema/lecture-page.ts';

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
