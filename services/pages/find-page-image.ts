import { PDFArray, PDFBool, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream, type PDFPage } from 'pdf-lib';

/** A page that is nothing but one JPEG painted over the whole page, as scanners write them. */
export type PageJpeg = {
  kind: 'jpeg';
  bytes: Buffer;
  width: number;
  height: number;
  /** Effective resolution of the image on the page. */
  dpi: number;
};

/** A page that is nothing but one grey Flate image (how scanners write bitonal pages), still compressed. */
export type PageFlate = {
  kind: 'flate';
  /** The zlib stream as the file holds it. */
  bytes: Buffer;
  width: number;
  height: number;
  bitsPerComponent: 1 | 8;
  /** Each row starts with a PNG filter byte (DecodeParms /Predictor 10–15). */
  pngPredictor: boolean;
  /** /Decode [1 0]: sample 0 is white. */
  inverted: boolean;
  dpi: number;
};

/** A page that is nothing but one CCITT fax image (how many scanners write bitonal pages), still compressed. */
export type PageCcitt = {
  kind: 'ccitt';
  /** The fax stream as the file holds it. */
  bytes: Buffer;
  width: number;
  height: number;
  /** DecodeParms /K: < 0 Group 4 (T.6); 0 Group 3 one-dimensional, > 0 Group 3 mixed (T.4). */
  k: number;
  /** Group 3 rows each start with an end-of-line code (/EndOfLine true). */
  endOfLine: boolean;
  /** Rows start on a byte boundary (/EncodedByteAlign true). */
  byteAlign: boolean;
  /** /BlackIs1 true: the fax's white runs are samples of 0. */
  blackIs1: boolean;
  /** /Decode [1 0]: sample 0 is white. */
  inverted: boolean;
  dpi: number;
};

export type PageImageFound = PageJpeg | PageFlate | PageCcitt;

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const MAX_CONTENT_BYTES = 4096;
/** Share of each page dimension the image must cover to be "the page". */
const MIN_COVER = 0.97;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/**
 * Reads a content stream made only of `q`, `Q`, `cm` and one `Do`, and returns the XObject name
 * and the matrix it is painted with; null for anything else (text, paths, several images).
 */
export function parseSingleImageContent(content: string): { name: string; matrix: Matrix } | null {
  const tokens = content.match(/\/[^\s/[\]<>()%]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|\S/g) ?? [];
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  let operands: string[] = [];
  let found: { name: string; matrix: Matrix } | null = null;
  for (const token of tokens) {
    if (/^[-+]?(?:\d|\.\d)/.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    switch (token) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? IDENTITY;
        break;
      case 'cm': {
        const m = operands.map(Number);
        if (m.length !== 6 || m.some((v) => !Number.isFinite(v))) return null;
        ctm = multiply(m as Matrix, ctm);
        break;
      }
      case 'Do': {
        const name = operands[0];
        if (found || operands.length !== 1 || !name?.startsWith('/')) return null;
        found = { name: name.slice(1), matrix: ctm };
        break;
      }
      default:
        return null;
    }
    operands = [];
  }
  return operands.length === 0 ? found : null;
}

function contentText(page: PDFPage): string | null {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  let text = '';
  for (const item of streams) {
    const stream = item instanceof PDFRef ? page.doc.context.lookup(item) : item;
    if (!(stream instanceof PDFRawStream)) return null;
    if (stream.contents.length > MAX_CONTENT_BYTES) return null;
    const bytes = decodePDFRawStream(stream).decode();
    if (bytes.length > MAX_CONTENT_BYTES) return null;
    text += `${Buffer.from(bytes).toString('latin1')}\n`;
  }
  return text;
}

function numberOf(dict: PDFDict, key: string): number | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

function boxOf(page: PDFPage): { x: number; y: number; width: number; height: number } {
  const box = page.getCropBox();
  return box.width > 0 && box.height > 0 ? box : page.getMediaBox();
}

type ImageCoding = { kind: 'jpeg' } | Omit<PageFlate, 'bytes' | 'width' | 'height' | 'dpi'> | Omit<PageCcitt, 'bytes' | 'width' | 'height' | 'dpi'>;

function singleFilter(dict: PDFDict): PDFName | null {
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  return filters.length === 1 && filters[0] instanceof PDFName ? filters[0] : null;
}

/** DeviceGray, or an ICC profile of one component: its alternate is DeviceGray, which is how it is read here. */
function isGrey(dict: PDFDict): boolean {
  const space = dict.lookup(PDFName.of('ColorSpace'));
  if (space === PDFName.of('DeviceGray')) return true;
  if (!(space instanceof PDFArray) || space.size() !== 2 || space.lookup(0) !== PDFName.of('ICCBased')) return false;
  const profile = space.lookup(1);
  return profile instanceof PDFRawStream && numberOf(profile.dict, 'N') === 1;
}

/** The single filter's parameters: an empty dictionary when there are none, null when they are not one dictionary. */
function decodeParms(dict: PDFDict): PDFDict | null {
  let parms = dict.lookup(PDFName.of('DecodeParms'));
  if (parms instanceof PDFArray) {
    if (parms.size() !== 1) return null;
    parms = parms.lookup(0);
  }
  if (parms === undefined) return PDFDict.withContext(dict.context); // null entries are looked up as undefined
  return parms instanceof PDFDict ? parms : null;
}

/** A boolean entry, `fallback` when absent; null when it is not a boolean. */
function flagOf(dict: PDFDict, key: string, fallback: boolean): boolean | null {
  const value = dict.lookup(PDFName.of(key));
  if (value === undefined) return fallback;
  return value instanceof PDFBool ? value.asBoolean() : null;
}

/** Whether rows carry PNG filter bytes; null for parameters this reader does not handle (TIFF predictor, other layouts). */
function pngPredictor(dict: PDFDict, bitsPerComponent: number, width: number): boolean | null {
  const parms = decodeParms(dict);
  if (!parms) return null;
  const predictor = numberOf(parms, 'Predictor') ?? 1;
  if (predictor === 1) return false;
  if (predictor < 10 || predictor > 15) return null;
  const fits = (key: string, expected: number) => (numberOf(parms, key) ?? expected) === expected;
  return fits('Colors', 1) && fits('BitsPerComponent', bitsPerComponent) && fits('Columns', width) ? true : null;
}

/** True for /Decode [1 0], false when absent or [0 1], null for any other mapping. */
function decodeInverted(dict: PDFDict): boolean | null {
  const decode = dict.lookup(PDFName.of('Decode'));
  if (decode === undefined) return false;
  if (!(decode instanceof PDFArray) || decode.size() !== 2) return null;
  const [low, high] = [decode.lookup(0), decode.lookup(1)].map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  if (low === 0 && high === 1) return false;
  if (low === 1 && high === 0) return true;
  return null;
}

/**
 * A fax image libtiff decodes as a PDF viewer paints it: one grey component of 1 bit, as many
 * columns as the image is wide, no damaged rows tolerated; null for anything else. libtiff reads
 * Group 4 only without end-of-line codes or row alignment, and Group 3 only with an end-of-line
 * code before each row, or one-dimensional with each row on a byte boundary (TIFF's Modified
 * Huffman).
 */
function ccittCoding(dict: PDFDict, width: number, height: number): Omit<PageCcitt, 'bytes' | 'width' | 'height' | 'dpi'> | null {
  // absent colour space and depth are invalid, but fax decoders (pdfium, libtiff) read one grey bit
  if (dict.lookup(PDFName.of('ColorSpace')) !== undefined && !isGrey(dict)) return null;
  if ((numberOf(dict, 'BitsPerComponent') ?? 1) !== 1) return null;
  const inverted = decodeInverted(dict);
  const parms = decodeParms(dict);
  if (inverted === null || !parms) return null;
  const k = numberOf(parms, 'K') ?? 0;
  const rows = numberOf(parms, 'Rows') ?? 0;
  if (!Number.isInteger(k) || (numberOf(parms, 'Columns') ?? 1728) !== width || (rows !== 0 && rows !== height)) return null;
  if ((numberOf(parms, 'DamagedRowsBeforeError') ?? 0) !== 0 || flagOf(parms, 'EndOfBlock', true) !== true) return null;
  const endOfLine = flagOf(parms, 'EndOfLine', false);
  const byteAlign = flagOf(parms, 'EncodedByteAlign', false);
  const blackIs1 = flagOf(parms, 'BlackIs1', false);
  if (endOfLine === null || byteAlign === null || blackIs1 === null) return null;
  if (k < 0 ? endOfLine || byteAlign : !endOfLine && !(k === 0 && byteAlign)) return null;
  return { kind: 'ccitt', k, endOfLine, byteAlign, blackIs1, inverted };
}

/**
 * How the image can be taken out without rendering: a plain 8-bit DCT image, a grey Flate image
 * of 1 or 8 bits, or a CCITT fax image; null for anything that changes how it looks (masks, other
 * decode arrays, colour, other filters).
 */
function imageCoding(stream: PDFRawStream, width: number, height: number): ImageCoding | null {
  const dict = stream.dict;
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return null;
  // an ImageMask is a stencil painted in the fill colour, whatever its coding
  for (const key of ['SMask', 'Mask', 'ImageMask']) {
    if (dict.lookup(PDFName.of(key)) !== undefined) return null;
  }
  const filter = singleFilter(dict);
  if (filter === PDFName.of('DCTDecode')) {
    if ((numberOf(dict, 'BitsPerComponent') ?? 8) !== 8) return null;
    return dict.lookup(PDFName.of('Decode')) === undefined ? { kind: 'jpeg' } : null;
  }
  if (filter === PDFName.of('CCITTFaxDecode')) return ccittCoding(dict, width, height);
  if (filter !== PDFName.of('FlateDecode') || !isGrey(dict)) return null;
  const bitsPerComponent = numberOf(dict, 'BitsPerComponent');
  if (bitsPerComponent !== 1 && bitsPerComponent !== 8) return null;
  const png = pngPredictor(dict, bitsPerComponent, width);
  const inverted = decodeInverted(dict);
  if (png === null || inverted === null) return null;
  return { kind: 'flate', bitsPerComponent, pngPredictor: png, inverted };
}

/**
 * The page's single full-page image when it can be taken out without rendering: a JPEG (kept byte
 * for byte), a grey Flate image or a CCITT fax image (both still compressed); null when the page
 * must be rendered.
 */
export function findPageImage(page: PDFPage): PageImageFound | null {
  if (page.getRotation().angle % 360 !== 0) return null;
  const content = contentText(page);
  if (content === null) return null;
  const painted = parseSingleImageContent(content);
  if (!painted) return null;
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return null;
  const stream = xobjects.lookup(PDFName.of(painted.name));
  if (!(stream instanceof PDFRawStream)) return null;
  const width = numberOf(stream.dict, 'Width');
  const height = numberOf(stream.dict, 'Height');
  if (!width || !height || width < 0 || height < 0 || !Number.isInteger(width) || !Number.isInteger(height)) return null;
  const coding = imageCoding(stream, width, height);
  if (!coding) return null;

  const [a, b, c, d, e, f] = painted.matrix;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0) return null;
  const box = boxOf(page);
  const overlapX = Math.min(e + a, box.x + box.width) - Math.max(e, box.x);
  const overlapY = Math.min(f + d, box.y + box.height) - Math.max(f, box.y);
  if (overlapX < MIN_COVER * box.width || overlapY < MIN_COVER * box.height) return null;

  const bytes = Buffer.from(stream.contents.buffer, stream.contents.byteOffset, stream.contents.byteLength);
  return { ...coding, bytes, width, height, dpi: (width / a) * 72 };
}
