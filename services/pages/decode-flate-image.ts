import { inflateSync } from 'node:zlib';
import type { PageFlate } from './find-page-image.ts';
import type { GreyPixels } from './page-types.ts';

/** Bytes of one packed row: rows start on a byte boundary. */
export function rowBytes(width: number, bitsPerComponent: 1 | 8): number {
  return Math.ceil((width * bitsPerComponent) / 8);
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

/**
 * Undoes PNG row filters (one filter byte before each row) for one byte a pixel or less, as a
 * grey image has; null for an unknown filter type or a length that is not `height` filtered rows.
 */
export function unfilterPngRows(data: Uint8Array, bytesPerRow: number, height: number): Buffer | null {
  if (data.length !== height * (bytesPerRow + 1)) return null;
  const out = Buffer.alloc(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    const type = data[y * (bytesPerRow + 1)]!;
    const from = y * (bytesPerRow + 1) + 1;
    const at = y * bytesPerRow;
    const up = at - bytesPerRow; // the row above, already unfiltered (absent on the first row: zeros)
    for (let x = 0; x < bytesPerRow; x++) {
      const raw = data[from + x]!;
      const left = x > 0 ? out[at + x - 1]! : 0;
      const above = y > 0 ? out[up + x]! : 0;
      const upLeft = x > 0 && y > 0 ? out[up + x - 1]! : 0;
      switch (type) {
        case 0:
          out[at + x] = raw;
          break;
        case 1:
          out[at + x] = raw + left;
          break;
        case 2:
          out[at + x] = raw + above;
          break;
        case 3:
          out[at + x] = raw + ((left + above) >> 1);
          break;
        case 4:
          out[at + x] = raw + paeth(left, above, upLeft);
          break;
        default:
          return null;
      }
    }
  }
  return out;
}

/** For each byte of 1-bit samples, its 8 grey pixels as two 32-bit words (in the machine's byte order). */
function expansionTable(zero: number, one: number): Uint32Array {
  const bytes = new Uint8Array(256 * 8);
  for (let byte = 0; byte < 256; byte++) {
    for (let bit = 0; bit < 8; bit++) bytes[byte * 8 + bit] = (byte >> (7 - bit)) & 1 ? one : zero;
  }
  return new Uint32Array(bytes.buffer);
}

const EXPAND = { plain: expansionTable(0, 255), inverted: expansionTable(255, 0) };

/**
 * Packed grey rows (1 or 8 bits a sample, each row padded to a byte; `height` × `rowBytes` of them)
 * as one byte a pixel: 0 black, 255 white, as DeviceGray paints them; `inverted` for /Decode [1 0].
 */
export function unpackGrey(rows: Uint8Array, width: number, height: number, bitsPerComponent: 1 | 8, inverted: boolean): GreyPixels {
  const stride = rowBytes(width, bitsPerComponent);
  if (bitsPerComponent === 8) {
    const data = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) data.set(rows.subarray(y * stride, y * stride + width), y * width);
    if (inverted) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
    return { data, width, height, channels: 1 };
  }
  // each byte expands to 8 pixels in two word stores (2 ms a 200-dpi A4 page; bit by bit took 21),
  // into rows padded to a multiple of 8 pixels, the padding then squeezed out in place
  const table = inverted ? EXPAND.inverted : EXPAND.plain;
  const padded = new Uint32Array(stride * height * 2);
  for (let i = 0, n = stride * height; i < n; i++) {
    const at = rows[i]! << 1;
    padded[i << 1] = table[at]!;
    padded[(i << 1) + 1] = table[at + 1]!;
  }
  const data = Buffer.from(padded.buffer);
  const paddedWidth = stride * 8;
  if (paddedWidth !== width) {
    for (let y = 1; y < height; y++) data.copyWithin(y * width, y * paddedWidth, y * paddedWidth + width);
  }
  return { data: data.subarray(0, width * height), width, height, channels: 1 };
}

/**
 * The grey pixels of a page's Flate image; null when the stream does not inflate to exactly its
 * rows (corrupt, truncated, or longer than declared), so that pdfjs renders what it can instead.
 * The caller checks the pixel cap first: the output is bounded by the declared size.
 */
export function decodeFlateImage(image: PageFlate): GreyPixels | null {
  const stride = rowBytes(image.width, image.bitsPerComponent);
  const expected = (stride + (image.pngPredictor ? 1 : 0)) * image.height;
  let inflated: Buffer;
  try {
    // one byte more than expected is enough to see the stream is too long, without inflating a bomb
    inflated = inflateSync(image.bytes, { maxOutputLength: expected + 1 });
  } catch {
    return null;
  }
  if (inflated.length !== expected) return null;
  const rows = image.pngPredictor ? unfilterPngRows(inflated, stride, image.height) : inflated;
  return rows ? unpackGrey(rows, image.width, image.height, image.bitsPerComponent, image.inverted) : null;
}
