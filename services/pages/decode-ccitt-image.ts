import type { PageCcitt } from './find-page-image.ts';
import type { ImageOps } from './image-ops.ts';
import type { GreyPixels } from './page-types.ts';

const SHORT = 3;
const LONG = 4;

/** TIFF Compression: CCITT Group 4 (T.6), Group 3 (T.4), Modified Huffman (T.4 one-dimensional, rows byte-aligned, no end-of-line codes). */
const COMPRESSION = { group4: 4, group3: 3, modifiedHuffman: 2 } as const;
/** T4Options bits: two-dimensional coding; fill bits before end-of-line codes. */
const T4_TWO_DIMENSIONAL = 1;
const T4_FILL_BITS = 4;

/**
 * A one-strip little-endian TIFF holding the fax stream as it is, for libtiff to decode. libtiff
 * decodes the fax's white runs to 0 bits whatever the photometric tag: the tag then says whether
 * 0 is painted white, which in the PDF depends on /BlackIs1 (white runs are samples of 1 unless it
 * is true) and /Decode [1 0] (which swaps the samples' colours).
 */
export function ccittTiff(image: PageCcitt): Buffer {
  const compression = image.k < 0 ? COMPRESSION.group4 : image.endOfLine ? COMPRESSION.group3 : COMPRESSION.modifiedHuffman;
  const whiteRunsWhite = image.blackIs1 === image.inverted;
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, LONG, image.width],
    [257, LONG, image.height],
    [258, SHORT, 1], // BitsPerSample
    [259, SHORT, compression],
    [262, SHORT, whiteRunsWhite ? 0 : 1], // PhotometricInterpretation: 0 WhiteIsZero, 1 BlackIsZero
    [273, LONG, 0], // StripOffsets, set below
    [277, SHORT, 1], // SamplesPerPixel
    [278, LONG, image.height], // RowsPerStrip
    [279, LONG, image.bytes.length], // StripByteCounts
  ];
  if (compression === COMPRESSION.group3) {
    // libtiff finds each row's end-of-line code past any zero fill; the bit says the fill is there
    entries.push([292, LONG, (image.k > 0 ? T4_TWO_DIMENSIONAL : 0) | (image.byteAlign ? T4_FILL_BITS : 0)]);
  }
  const headerBytes = 8 + 2 + entries.length * 12 + 4;
  const header = Buffer.alloc(headerBytes);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  header.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    if (type === SHORT) header.writeUInt16LE(value, at + 8);
    else header.writeUInt32LE(tag === 273 ? headerBytes : value, at + 8);
  });
  // the next directory offset stays 0: one page
  return Buffer.concat([header, image.bytes]);
}

/**
 * The grey pixels of a page's fax image, decoded by libtiff through `images`; null when it does not
 * decode to the declared size (corrupt data), so that pdfjs renders what it can instead. The
 * caller checks the pixel cap first.
 */
export async function decodeCcittImage(image: PageCcitt, images: ImageOps): Promise<GreyPixels | null> {
  try {
    const pixels = await images.decode(ccittTiff(image));
    const fits = pixels.channels === 1 && pixels.width === image.width && pixels.height === image.height;
    return fits ? { ...pixels, channels: 1 } : null;
  } catch {
    return null;
  }
}
