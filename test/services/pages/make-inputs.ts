// Small test inputs made on the fly (sharp from SVG text, pdf-lib), deterministic.
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import sharp from 'sharp';

export const A4_300 = { width: 2480, height: 3508 };
export const A4_200 = { width: 1654, height: 2339 };

export const NU = '057 0324 001234 10691';

export const coverLines = [
  "ATTESTATION D'ENREGISTREMENT",
  "D'UNE DEMANDE DE LOGEMENT SOCIAL",
  '',
  `Numéro unique : ${NU}`,
  '',
  'Madame Élodie LEFÈVRE, née le 12 mars 1985 à Metz',
  'demeurant 14 rue des Jardins, 57000 Metz',
  'Votre demande a été enregistrée le 15 mars 2024 par le guichet',
  'de la mairie de Metz. Elle est valable un an et doit être',
  'renouvelée chaque année avant la date anniversaire de son dépôt.',
  'Conservez précieusement ce numéro : il vous sera demandé pour',
  'toute démarche relative à votre demande de logement social.',
  'Les pièces justificatives ne sont à déposer qu’une seule fois.',
];

export const bodyLines = [
  'AVIS D’IMPOSITION 2024 SUR LES REVENUS 2023',
  'Direction générale des finances publiques',
  'Revenu fiscal de référence : 18 452 €',
  'Nombre de parts : 2,5 — Situation de famille : mariée',
  'Impôt sur le revenu net avant corrections : 0 €',
  'Montant de votre impôt : non imposable',
  'Vous pouvez consulter votre espace particulier sur le site',
  'Les informations de cet avis permettent de justifier de vos',
  'ressources auprès des organismes de logement social.',
  'Date de mise en recouvrement : 31 juillet 2024',
  'Centre des finances publiques de Metz, 1 rue du Pont',
  'Déclarant 1 : LEFÈVRE Élodie — Déclarant 2 : LEFÈVRE Marc',
  'Salaires et assimilés : 21 304 € — Pensions : 0 €',
  'Référence de l’avis : 24 57 A12 345 678 91',
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type PageSpec = {
  lines: string[];
  width?: number;
  height?: number;
  /** Font size in pixels. */
  size?: number;
  top?: number;
  ink?: string;
  paper?: string;
  extraSvg?: string;
};

/** A page of text as an SVG (white paper, serif font). */
export function pageSvg(spec: PageSpec): Buffer {
  const width = spec.width ?? A4_300.width;
  const height = spec.height ?? A4_300.height;
  const size = spec.size ?? Math.round(width / 55);
  const top = spec.top ?? Math.round(height * 0.1);
  const left = Math.round(width * 0.09);
  const text = spec.lines
    .map(
      (line, i) =>
        `<text x="${left}" y="${top + i * size * 1.7}" font-family="DejaVu Serif" font-size="${size}" fill="${spec.ink ?? '#111'}">${escapeXml(line)}</text>`,
    )
    .join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${spec.paper ?? '#fff'}"/>${spec.extraSvg ?? ''}${text}</svg>`,
  );
}

// librsvg takes ~0.5 s for a page of text: the same page is drawn once per process
const drawn = new Map<string, Promise<Buffer>>();
function memo(key: unknown, make: () => Promise<Buffer>): Promise<Buffer> {
  const id = JSON.stringify(key);
  let found = drawn.get(id);
  if (!found) drawn.set(id, (found = make()));
  return found;
}

export async function pagePng(spec: PageSpec, dpi = 300): Promise<Buffer> {
  return memo(['png', spec, dpi], () => sharp(pageSvg(spec)).toColourspace('b-w').withDensity(dpi).png({ compressionLevel: 1 }).toBuffer());
}

export async function pageJpeg(spec: PageSpec, dpi = 300, quality = 80): Promise<Buffer> {
  return memo(['jpeg', spec, dpi, quality], () => sharp(pageSvg(spec)).toColourspace('b-w').withDensity(dpi).jpeg({ quality }).toBuffer());
}

/** Rotated clockwise by `degrees`, white fill, same canvas size for small angles. */
export async function rotated(image: Buffer, degrees: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const out = sharp(await sharp(image).rotate(degrees, { background: '#fff' }).toBuffer());
  const small = Math.abs(degrees) < 45;
  const { width, height } = await out.metadata();
  const [w, h] = small ? [meta.width, meta.height] : [width, height];
  const pipeline = out
    .extract({ left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h })
    .greyscale()
    .withDensity(meta.density ?? 300);
  return format === 'png' ? pipeline.png({ compressionLevel: 1 }).toBuffer() : pipeline.jpeg({ quality: 80 }).toBuffer();
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Salt-and-pepper specks and a grey wash, like a dusty scanner glass. */
export async function noisy(image: Buffer, density: number, seed = 1): Promise<Buffer> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const random = seededRandom(seed);
  const grey = info.channels === 1 ? data : Buffer.from(data.filter((_, i) => i % info.channels === 0));
  for (let i = 0; i < grey.length; i++) {
    if (random() < density) grey[i] = Math.floor(random() * 90);
    else grey[i] = Math.max(0, grey[i]! - Math.floor(random() * 18));
  }
  const meta = await sharp(image).metadata();
  return sharp(grey, { raw: { width: info.width, height: info.height, channels: 1 } })
    .withDensity(meta.density ?? 300)
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A near-blank back page: off-white paper, mirrored text from the front showing through, specks. */
export async function bleedThrough(seed = 3, size = A4_300): Promise<Buffer> {
  const svg = pageSvg({ lines: bodyLines, ...size, ink: '#d6d6d2', paper: '#f3f2ee' });
  const mirrored = await sharp(svg).flop().blur(1.2).greyscale().png().toBuffer();
  return noisy(mirrored, 0.0006, seed);
}

/** Scanner-style PDF: each JPEG painted over a whole page at its resolution. */
export async function scannerPdf(jpegs: Buffer[], dpi = 300): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const jpeg of jpegs) {
    const image = await doc.embedJpg(jpeg);
    const width = (image.width * 72) / dpi;
    const height = (image.height * 72) / dpi;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return doc.save();
}

export type FlatePage = {
  /** Packed rows as the image holds them (before Flate). */
  rows: Uint8Array;
  width: number;
  height: number;
  /** Entries added to (or replacing those of) a 1-bit DeviceGray image dictionary; a function to refer to objects of the document. */
  dict?: Record<string, unknown> | ((doc: PDFDocument) => Record<string, unknown>);
  /** The stream's bytes as given, its Filter set by `dict` (default: `rows` deflated, /FlateDecode). */
  raw?: boolean;
};

/** A PDF of pages that are each one Flate image painted over the whole page, as scanners write bitonal pages. */
export async function flatePdf(pages: FlatePage[], dpi = 200): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const { rows, width, height, dict, raw } of pages) {
    const image = doc.context[raw ? 'stream' : 'flateStream'](rows, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      ...(typeof dict === 'function' ? dict(doc) : dict),
    } as Parameters<typeof doc.context.flateStream>[1]);
    const [w, h] = [(width * 72) / dpi, (height * 72) / dpi];
    const page = doc.addPage([w, h]);
    const name = page.node.newXObject('Im', doc.context.register(image));
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
  }
  return doc.save();
}

/**
 * Grey pixels, thresholded at 128, as one CCITT Group 4 stream whose white runs are the paper, as
 * scanners code them: what sharp (libtiff) writes as the single strip of a TIFF.
 */
export async function g4Stream(grey: Uint8Array, width: number, height: number): Promise<Buffer> {
  const tiff = await sharp(grey, { raw: { width, height, channels: 1 } })
    .threshold(128)
    .toColourspace('b-w')
    // miniswhite: else libvips codes the ink as white runs; one strip: strips are coded apart
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tileHeight: height })
    .toBuffer();
  if (tiff.toString('latin1', 0, 2) !== 'II') throw new Error('little-endian TIFF expected');
  const directory = tiff.readUInt32LE(4);
  const tag = (id: number) => {
    for (let i = 0, n = tiff.readUInt16LE(directory); i < n; i++) {
      const at = directory + 2 + i * 12;
      if (tiff.readUInt16LE(at) !== id) continue;
      if (tiff.readUInt32LE(at + 4) !== 1) throw new Error(`tag ${id}: one strip expected`);
      return tiff.readUInt16LE(at + 2) === 3 ? tiff.readUInt16LE(at + 8) : tiff.readUInt32LE(at + 8);
    }
    throw new Error(`tag ${id} missing`);
  };
  const offset = tag(273);
  return tiff.subarray(offset, offset + tag(279));
}

/** A fax-like page: paper (255) with a 2-pixel margin around blocks and diagonals of ink (0). */
export function faxPattern(width: number, height: number): Buffer {
  const ink = (x: number, y: number) => x > 1 && x < width - 2 && y > 1 && y < height - 2 && (((x >> 2) + (y >> 1)) % 5 === 0 || (x * 7 + y * 13) % 31 === 0);
  return Buffer.from(Array.from({ length: width * height }, (_, i) => (ink(i % width, Math.floor(i / width)) ? 0 : 255)));
}

/**
 * `faxPattern(61, 23)` coded as Group 3 by Ghostscript's CCITTFaxEncode filter (sharp writes no
 * Group 3), paper as white runs, with the DecodeParms it was coded with (Columns 61, Rows 23).
 */
export const G3_STREAMS: Array<{ parms: Record<string, number | boolean>; stream: Buffer }> = [
  [
    { K: 0, EndOfLine: true },
    'ABMgATIAHRDup4jzgA1MdaMhROACQyFDqeAA2vdTqeAAzdTOsdAAZvlR1OgANup1OasAG3U7SGGAC/aQ9TrABfQrdTdaAA1N0Gw084ANToudU4AOLnUerwAEh1P1N4ADN+pup0ABm9EO6nigAF0O6niOwwAbY60ZChhgAvkKHU4QYAJkACZAAgAgAgAgAgAg',
  ],
  [
    { K: 4, EndOfLine: true },
    'ABmQAKACOiI7NTOInoAIcjrE8uADIZCh1PAARtY/ABCYZqZOjjgAs8seADt1OpzVgAvNrGACCPZSC9SdYALE8ty6gA6m6DYaecAFieWPABHEeYlzOrgAh6PrgA5v1N1OgALEIofnFABF0R2EziJ2MAEOR1ieXABvkKHU4QYAIRERgAoAMAGADABgAwAY',
  ],
  [
    { K: 4, EndOfLine: true, EncodedByteAlign: true },
    'AAGZAAFAAR0RHZqZxE9AAQ5HWJ5cAAGQyFDqeAABG1j8AAEJhmpk6OOAAWeWPAAB26nU5qwAAXm1jAABBHspBepOsAFieW5dQAHU3QbDTzgAAWJ5Y8ABHEeYlzOrgAEPR9cAAc36m6nQAAFiEUPzigABF0R2EziJ2MABDkdYnlwAAb5Ch1OEGAABCIiMAAFAABgAwAYAMAGADA==',
  ],
  [
    { K: 0, EncodedByteAlign: true },
    'MjLRDup4jzipjrRkKJwhkKHU8LXup1PAm6mdY6Cb5UdToLdTqc1Yt1O0hhh+0h6nWH0K3U3WgKm6DYaecKnRc6pwxc6j1eAh1P1N4Jv1N1Ogm9EO6nigdDup4jsMtjrRkKGGfIUOpwgwMjIAEAEAEAEAEAE=',
  ],
  [
    { K: 0 },
    'MjLRDup4jz1MdaMhROQyFDqeWvdTqeTdTOsdJvlR1Olup1Oau3U7SGG/aQ9TrfQrdTdaVN0Gw089ToudU+LnUerwh1P1N5N+pup0m9EO6nih0O6niOw7Y60ZChhvkKHU4QZkZAAgAgAgAgAgAg==',
  ],
].map(([parms, stream]) => ({ parms: parms as Record<string, number | boolean>, stream: Buffer.from(stream as string, 'base64') }));

/** A page that is one CCITT image: `stream` as its bytes, `parms` its DecodeParms (K -1 and Columns = width unless given), `dict` more entries. */
export function ccittPage(
  stream: Uint8Array,
  width: number,
  height: number,
  parms: Record<string, unknown> = {},
  dict: Record<string, unknown> = {},
): FlatePage {
  return {
    rows: stream,
    width,
    height,
    raw: true,
    dict: { Filter: 'CCITTFaxDecode', DecodeParms: { K: -1, Columns: width, ...parms }, ...dict },
  };
}

/** A born-digital PDF with text (rendered by the rasteriser, not extracted). */
export async function textPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 22, size: 14, font }));
  }
  return doc.save();
}

/** Multi-page TIFF from page images (all of one size), greyscale or 1-bit G4 like office scanners write. */
export async function multiTiff(pages: Buffer[], compression: 'lzw' | 'jpeg' | 'ccittfax4' = 'lzw'): Promise<Buffer> {
  const raws = await Promise.all(pages.map((p) => sharp(p).removeAlpha().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true })));
  const { width, height } = raws[0]!.info;
  const raw = { width, height: height * raws.length, channels: 1 as const, pageHeight: height };
  const tall = sharp(Buffer.concat(raws.map((r) => r.data)), { raw });
  const bitonal = compression === 'ccittfax4';
  return (bitonal ? tall.threshold(128) : tall)
    .toColourspace('b-w')
    .withDensity(300)
    .tiff({ compression, ...(bitonal ? { bitdepth: 1 as const } : {}) })
    .toBuffer();
}

// --- An RC4 (standard security handler, revision 2) encrypted PDF, written by hand. ---

const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

// RC4 is often disabled in OpenSSL 3, hence written out above.
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PAD]).subarray(0, 32);

/** One page of text, encrypted with RC4-40; `userPassword` '' opens without a password (owner-only protection). */
export function encryptedPdf(userPassword: string, ownerPassword = 'proprietaire'): Buffer {
  const id = md5(Buffer.from('dossier-unique-test'));
  const permissions = -44;
  const owner = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padded(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);

  const content = rc4(objectKey(5), Buffer.from('BT /F1 28 Tf 72 700 Td (Document protege) Tj ET'));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`),
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const hexId = id.toString('hex');
  chunks.push(
    Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hexId}> <${hexId}>] >>\nstartxref\n${length}\n%%EOF\n`),
  );
  return Buffer.concat(chunks);
}
