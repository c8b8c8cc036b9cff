import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';

/** A page that is nothing but one JPEG painted over the whole page, as scanners write them. */
export type PageJpeg = {
  bytes: Buffer;
  width: number;
  height: number;
  /** Effective resolution of the image on the page. */
  dpi: number;
};

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

/** A plain 8-bit DCT image with nothing that changes how it looks (mask, decode array, other filters). */
function plainJpeg(stream: PDFRawStream): boolean {
  const dict = stream.dict;
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return false;
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  if (filters.length !== 1 || filters[0] !== PDFName.of('DCTDecode')) return false;
  if ((numberOf(dict, 'BitsPerComponent') ?? 8) !== 8) return false;
  for (const key of ['SMask', 'Mask', 'Decode', 'ImageMask']) {
    if (dict.lookup(PDFName.of(key)) !== undefined) return false;
  }
  return true;
}

/** The page's single full-page JPEG, taken out without decoding; null when the page must be rendered. */
export function findPageJpeg(page: PDFPage): PageJpeg | null {
  if ((page.getRotation().angle % 360) !== 0) return null;
  const content = contentText(page);
  if (content === null) return null;
  const painted = parseSingleImageContent(content);
  if (!painted) return null;
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return null;
  const stream = xobjects.lookup(PDFName.of(painted.name));
  if (!(stream instanceof PDFRawStream) || !plainJpeg(stream)) return null;
  const width = numberOf(stream.dict, 'Width');
  const height = numberOf(stream.dict, 'Height');
  if (!width || !height) return null;

  const [a, b, c, d, e, f] = painted.matrix;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0) return null;
  const box = boxOf(page);
  const overlapX = Math.min(e + a, box.x + box.width) - Math.max(e, box.x);
  const overlapY = Math.min(f + d, box.y + box.height) - Math.max(f, box.y);
  if (overlapX < MIN_COVER * box.width || overlapY < MIN_COVER * box.height) return null;

  const bytes = Buffer.from(stream.contents.buffer, stream.contents.byteOffset, stream.contents.byteLength);
  return { bytes, width, height, dpi: (width / a) * 72 };
}
