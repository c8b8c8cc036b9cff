import { existsSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError } from '../../../services/app-error.ts';
import { extractPages, hasJpegEnd, plausibleDpi, sniffFormat } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { measureInk } from '../../../services/pages/measure-ink.ts';
import type { ExtractedPage } from '../../../services/pages/page-types.ts';
import { openPdfRenderer } from '../../../services/pages/pdf-rasteriser.ts';
import {
  ccittPage,
  coverLines,
  encryptedPdf,
  faxPattern,
  flatePdf,
  g4Stream,
  multiTiff,
  pageJpeg,
  pagePng,
  scannerPdf,
  seededRandom,
  textPdf,
  A4_200,
  G3_STREAMS,
} from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const deps = { images };

async function all(bytes: Uint8Array, options = {}): Promise<ExtractedPage[]> {
  const pages: ExtractedPage[] = [];
  for await (const page of extractPages(bytes, deps, options)) pages.push(page);
  return pages;
}

async function failure(bytes: Uint8Array, options = {}): Promise<AppError> {
  try {
    await all(bytes, options);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const small = { lines: coverLines, ...A4_200 };

const extract = suite('extractPages: formats');

extract('PNG: one page of decoded grey pixels at the declared resolution', async () => {
  const pages = await all(await pagePng(small, 200));
  assert.is(pages.length, 1);
  const [page] = pages;
  assert.is(page!.source, 'png');
  assert.is(page!.dpi, 200);
  assert.is(page!.image.kind, 'pixels');
  if (page!.image.kind === 'pixels') {
    assert.is(page!.image.pixels.width, A4_200.width);
    assert.is(page!.image.pixels.channels, 1);
  }
});

extract('16-bit greyscale PNG: 8-bit pixels', async () => {
  const png16 = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#ddd' } })
    .toColourspace('grey16')
    .png()
    .toBuffer();
  const [page] = await all(png16);
  assert.ok(page!.image.kind === 'pixels' && page!.image.pixels.data.length === 200 * 280);
});

extract('JPEG: the file itself, not re-encoded', async () => {
  const jpeg = await pageJpeg(small, 200);
  const [page] = await all(jpeg);
  assert.is(page!.source, 'jpeg');
  assert.is(page!.image.kind, 'jpeg');
  if (page!.image.kind === 'jpeg') assert.ok(page!.image.bytes.equals(jpeg));
});

extract('JPEG with an EXIF orientation: decoded and turned upright', async () => {
  const jpeg = await sharp(await pageJpeg(small, 200))
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  const [page] = await all(jpeg);
  assert.is(page!.image.kind, 'pixels');
  if (page!.image.kind === 'pixels') assert.is(page!.image.pixels.width, A4_200.height);
});

extract('scanner PDF: each page is its JPEG, byte for byte, at the resolution it is painted', async () => {
  const jpegs = [await pageJpeg(small, 200), await pageJpeg({ ...small, lines: ['Page deux'] }, 200)];
  const pages = await all(await scannerPdf(jpegs, 200));
  assert.is(pages.length, 2);
  pages.forEach((page, i) => {
    assert.is(page.source, 'pdf-jpeg');
    assert.is(page.count, 2);
    assert.is(page.dpi, 200);
    assert.ok(page.image.kind === 'jpeg' && page.image.bytes.equals(jpegs[i]!));
  });
});

extract('scanner PDF of grey Flate pages (1-bit, 8-bit inverted): their pixels, not rendered', async () => {
  const random = seededRandom(5);
  const [width, height] = [170, 240]; // 22 bytes a 1-bit row, the last 6 bits padding
  const stride = Math.ceil(width / 8);
  const bits = Uint8Array.from({ length: stride * height }, () => Math.floor(random() * 256));
  const grey8 = Uint8Array.from({ length: width * height }, (_, i) => i % 251);
  const pages = await all(
    await flatePdf(
      [
        { rows: bits, width, height },
        { rows: grey8, width, height, dict: { BitsPerComponent: 8, Decode: [1, 0] } },
      ],
      200,
    ),
  );
  assert.equal(
    pages.map((p) => [p.source, p.dpi]),
    [
      ['pdf-flate', 200],
      ['pdf-flate', 200],
    ],
  );
  const [bitonal, inverted] = pages.map((p) => (p.image.kind === 'pixels' ? p.image.pixels : null));
  assert.equal([bitonal?.width, bitonal?.height, bitonal?.channels], [width, height, 1]);
  const expected = Array.from({ length: width * height }, (_, i) => {
    const [x, y] = [i % width, Math.floor(i / width)];
    return (bits[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  });
  assert.ok(bitonal!.data.equals(Buffer.from(expected)), '0 black, 1 white, row padding skipped');
  assert.ok(inverted!.data.equals(Buffer.from(grey8.map((v) => 255 - v))), 'Decode [1 0]');
});

extract('a Flate page that must be rendered (colour, a stream short of its rows) goes through pdfjs', async () => {
  const rgb = { rows: new Uint8Array(40 * 56 * 3).fill(128), width: 40, height: 56, dict: { ColorSpace: 'DeviceRGB', BitsPerComponent: 8 } };
  const short = { rows: new Uint8Array(5 * 50).fill(0xff), width: 40, height: 56 };
  const pages = await all(await flatePdf([rgb, short], 100), { renderDpi: 100 });
  assert.equal(
    pages.map((p) => p.source),
    ['pdf-rendu', 'pdf-rendu'],
  );
});

extract('scanner PDF of CCITT fax pages (Group 4, Group 3): their pixels as pdfjs paints them, black kept black whatever BlackIs1 and Decode say', async () => {
  const [width, height] = [170, 240];
  const paper = faxPattern(width, height);
  const negative = Buffer.from(paper.map((v) => 255 - v));
  const g4 = await g4Stream(paper, width, height);
  const g3 = G3_STREAMS.filter(({ parms }) => parms.EndOfLine || parms.EncodedByteAlign);
  const pdf = await flatePdf(
    [
      ccittPage(g4, width, height),
      ccittPage(g4, width, height, { BlackIs1: true }, { Decode: [1, 0] }),
      ccittPage(g4, width, height, { BlackIs1: true }),
      ccittPage(g4, width, height, {}, { Decode: [1, 0] }),
      ...g3.map(({ parms, stream }) => ccittPage(stream, 61, 23, parms)),
    ],
    200,
  );
  const pages = await all(pdf);
  assert.equal(
    pages.map((p) => [p.source, p.dpi]),
    Array(4 + g3.length).fill(['pdf-ccitt', 200]),
  );
  const expected = [paper, paper, negative, negative, ...g3.map(() => faxPattern(61, 23))];
  const renderer = await openPdfRenderer(pdf, { maxPixels: images.maxPixels });
  try {
    for (const page of pages) {
      const pixels = page.image.kind === 'pixels' ? page.image.pixels : null;
      const [w, h] = page.index < 4 ? [width, height] : [61, 23];
      assert.equal([pixels?.width, pixels?.height, pixels?.channels], [w, h, 1], `page ${page.index}`);
      assert.ok(pixels!.data.equals(expected[page.index]!), `page ${page.index}: the coded pixels`);
      // pdfjs paints the last few pixels of a 1-bit image's bottom row white when they are black: left out
      const painted = await images.toGrey(await renderer.renderPage(page.index, 200));
      const above = w * (h - 1);
      assert.ok(painted.data.subarray(0, above).equals(pixels!.data.subarray(0, above)), `page ${page.index}: as pdfjs paints it`);
    }
  } finally {
    await renderer.close();
  }
});

extract(
  'a CCITT page that must be rendered (a stencil mask, Columns ≠ Width, Group 3 without end-of-line codes, a corrupt stream) goes through pdfjs',
  async () => {
    const [width, height] = [61, 23];
    const g4 = await g4Stream(faxPattern(width, height), width, height);
    const unaligned = G3_STREAMS.find(({ parms }) => !parms.EndOfLine && !parms.EncodedByteAlign)!;
    const pages = await all(
      await flatePdf(
        [
          ccittPage(g4, width, height, {}, { ImageMask: true, ColorSpace: undefined }),
          ccittPage(g4, width, height, { Columns: 64 }),
          ccittPage(unaligned.stream, width, height, unaligned.parms),
          ccittPage(Buffer.from('not a fax stream at all, just text'), width, height),
        ],
        200,
      ),
    );
    assert.equal(
      pages.map((p) => p.source),
      ['pdf-rendu', 'pdf-rendu', 'pdf-rendu', 'pdf-rendu'],
    );
  },
);

extract('born-digital PDF: pages rendered with their text', async () => {
  const pages = await all(await textPdf([['Attestation de paiement CAF', 'Montant : 312,45 €'], ['Page 2']]), { renderDpi: 100 });
  assert.is(pages.length, 2);
  assert.is(pages[0]!.source, 'pdf-rendu');
  assert.is(pages[0]!.dpi, 100);
  const image = pages[0]!.image;
  assert.ok(image.kind === 'pixels');
  if (image.kind === 'pixels') {
    assert.is(image.pixels.width, Math.ceil((595.28 * 100) / 72));
    const grey = await images.toGrey(image.pixels);
    assert.ok(measureInk(grey, 100).largestRowComponents >= 10, 'the text is drawn');
  }
});

extract('PDF mixing a scanned page and a text page', async () => {
  const scan = await PDFDocument.load(await scannerPdf([await pageJpeg(small, 200)], 200));
  const text = await PDFDocument.load(await textPdf([['Courrier']]));
  const [copied] = await scan.copyPages(text, [0]);
  scan.addPage(copied!);
  const pages = await all(await scan.save(), { renderDpi: 72 });
  assert.equal(
    pages.map((p) => p.source),
    ['pdf-jpeg', 'pdf-rendu'],
  );
});

extract('multi-page TIFF, greyscale LZW and 1-bit G4: every page', async () => {
  const png = await pagePng(small, 200);
  for (const compression of ['lzw', 'ccittfax4'] as const) {
    const pages = await all(await multiTiff([png, png, png], compression));
    assert.is(pages.length, 3, compression);
    assert.equal(
      pages.map((p) => p.index),
      [0, 1, 2],
    );
    assert.ok(pages.every((p) => p.source === 'tiff' && p.image.kind === 'pixels' && p.image.pixels.channels === 1));
  }
});

extract('pages come one at a time, and stopping early is clean', async () => {
  const png = await pagePng({ lines: ['x'], width: 100, height: 140 }, 200);
  const generator = extractPages(await multiTiff([png, png, png, png]), deps);
  const first = await generator.next();
  assert.is(first.done, false);
  await generator.return(undefined);
  assert.is((await generator.next()).done, true);
});

extract('PDF protected by an owner password only opens and renders', async () => {
  const pages = await all(encryptedPdf(''), { renderDpi: 100 });
  assert.is(pages.length, 1);
  const image = pages[0]!.image;
  assert.ok(image.kind === 'pixels');
  if (image.kind === 'pixels') assert.ok(measureInk(await images.toGrey(image.pixels), 100).components >= 5, 'decrypted text is drawn');
});

extract.run();

const bad = suite('extractPages: bad input');

bad('zero bytes → fichier_vide', async () => {
  assert.is((await failure(new Uint8Array())).code, 'fichier_vide');
});

bad('GIF, DOCX, ZIP, text → format_non_supporte (by content, whatever the name)', async () => {
  const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .gif()
    .toBuffer();
  assert.is((await failure(gif)).code, 'format_non_supporte');
  assert.is((await failure(zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))).code, 'format_non_supporte');
  assert.is((await failure(zip({ 'photo.txt': 'bonjour' }))).code, 'format_non_supporte');
  assert.is((await failure(Buffer.from('Bonjour, voici mes pièces.'))).code, 'format_non_supporte');
});

bad('encrypted PDF needing a password → fichier_chiffre', async () => {
  assert.is((await failure(encryptedPdf('test'))).code, 'fichier_chiffre');
});

bad('truncated or corrupt PDF → fichier_illisible', async () => {
  const pdf = await scannerPdf([await pageJpeg(small, 200)], 200);
  assert.is((await failure(pdf.subarray(0, Math.floor(pdf.length * 0.6)))).code, 'fichier_illisible');
  assert.is((await failure(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'))).code, 'fichier_illisible');
});

bad('PDF with no pages → aucune_page', async () => {
  const doc = await PDFDocument.create();
  assert.is((await failure(await doc.save({ addDefaultPage: false }))).code, 'aucune_page');
});

bad('truncated JPEG and PNG → fichier_illisible', async () => {
  const jpeg = await pageJpeg(small, 200);
  assert.is((await failure(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).code, 'fichier_illisible');
  const png = await pagePng(small, 200);
  assert.is((await failure(png.subarray(0, Math.floor(png.length / 2)))).code, 'fichier_illisible');
});

bad('decompression bombs → dimensions_excessives, before decoding', async () => {
  assert.is((await failure(pngHeaderOnly(100_000, 100_000))).code, 'dimensions_excessives');
  // a PDF page holding a 60000×60000 JPEG: refused from the image header
  const jpeg = await pageJpeg({ lines: ['x'], width: 64, height: 64 });
  const huge = withJpegSize(jpeg, 60_000, 60_000);
  const doc = await PDFDocument.create();
  const embedded = await doc.embedJpg(new Uint8Array(huge));
  doc.addPage([595, 842]).drawImage(embedded, { x: 0, y: 0, width: 595, height: 842 });
  const started = performance.now();
  assert.is((await failure(await doc.save())).code, 'dimensions_excessives');
  assert.ok(performance.now() - started < 2000);
});

bad('a Flate page declaring 60000×60000 pixels → dimensions_excessives, before inflating', async () => {
  const pdf = await flatePdf([{ rows: new Uint8Array(64), width: 60_000, height: 60_000 }], 200);
  const started = performance.now();
  const error = await failure(pdf);
  assert.is(error.code, 'dimensions_excessives');
  assert.equal(error.details, { width: 60_000, height: 60_000 });
  assert.ok(performance.now() - started < 2000);
});

bad('a CCITT page declaring 60000×60000 pixels → dimensions_excessives, before decoding', async () => {
  const pdf = await flatePdf([ccittPage(new Uint8Array(64), 60_000, 60_000)], 200);
  const error = await failure(pdf);
  assert.is(error.code, 'dimensions_excessives');
  assert.equal(error.details, { width: 60_000, height: 60_000 });
});

bad('TIFF with 5,000 pages → trop_de_pages without decoding them', async () => {
  const pages = 5000;
  const raw = { width: 8, height: 8 * pages, channels: 1 as const, pageHeight: 8 };
  const tiff = await sharp(Buffer.alloc(8 * 8 * pages, 255), { raw })
    .tiff({ compression: 'lzw' })
    .toBuffer();
  const started = performance.now();
  const error = await failure(tiff);
  assert.is(error.code, 'trop_de_pages');
  assert.is(error.details?.pages, 5000);
  assert.ok(performance.now() - started < 3000);
});

bad('the page limit is an option', async () => {
  const png = await pagePng({ lines: ['x'], width: 50, height: 70 }, 200);
  assert.is((await failure(await multiTiff([png, png, png]), { maxPages: 2 })).code, 'trop_de_pages');
});

bad('mangled files never crash: pages or an AppError, nothing else', async () => {
  const random = seededRandom(42);
  const sources = [
    await scannerPdf([await pageJpeg({ lines: ['Bonjour'], width: 300, height: 400 }, 100)], 100),
    await textPdf([['Bonjour']]),
    await flatePdf([{ rows: Uint8Array.from({ length: 38 * 400 }, (_, i) => (i % 7 ? 0xff : 0x0f)), width: 300, height: 400 }], 100),
    await flatePdf([ccittPage(await g4Stream(faxPattern(300, 400), 300, 400), 300, 400)], 100),
    await multiTiff([await pagePng({ lines: ['Bonjour'], width: 300, height: 400 }, 100)]),
    await pageJpeg({ lines: ['Bonjour'], width: 300, height: 400 }, 100),
    await pagePng({ lines: ['Bonjour'], width: 300, height: 400 }, 100),
  ];
  for (let i = 0; i < 72; i++) {
    const source = sources[i % sources.length]!;
    const bytes = Buffer.from(source);
    const cut = random() < 0.3 ? Math.floor(random() * bytes.length) : bytes.length;
    for (let n = 0; n < 1 + Math.floor(random() * 8); n++) bytes[Math.floor(random() * cut)] = Math.floor(random() * 256);
    try {
      await all(bytes.subarray(0, cut), { renderDpi: 50 });
    } catch (err) {
      assert.instance(err, AppError, `case ${i}: ${String(err)}`);
    }
  }
});

bad.run();

const samples = suite('extractPages: committed bad samples (fixtures/samples/bad)');
const SAMPLES = 'fixtures/samples/bad';

samples('each sample gives its expected code, or pages when it is valid', async () => {
  if (!existsSync(`${SAMPLES}/index.json`)) return; // the fixture set is not there yet
  const index = JSON.parse(readFileSync(`${SAMPLES}/index.json`, 'utf8')) as Array<{ file: string; expectedCode: string | null }>;
  for (const sample of index) {
    const bytes = readFileSync(`${SAMPLES}/${sample.file}`);
    if (sample.expectedCode === null) {
      assert.ok((await all(bytes, { renderDpi: 50 })).length > 0, sample.file);
    } else {
      assert.is((await failure(bytes)).code, sample.expectedCode, sample.file);
    }
  }
});

samples.run();

const helpers = suite('extractPages: pure helpers');

helpers('plausibleDpi trusts a document-sized density, else assumes A4', () => {
  assert.is(plausibleDpi(2480, 3508, 300), 300);
  assert.is(plausibleDpi(4000, 3000, 72), Math.round(4000 / 11.69)); // a phone photo
  assert.is(plausibleDpi(1654, 2339, null), 200);
});

helpers('hasJpegEnd', () => {
  assert.ok(hasJpegEnd(Buffer.from([0xff, 0xd8, 1, 2, 0xff, 0xd9])));
  assert.ok(hasJpegEnd(Buffer.from([0xff, 0xd8, 1, 2, 0xff, 0xd9, 0, 0])));
  assert.not.ok(hasJpegEnd(Buffer.from([0xff, 0xd8, 1, 2, 3])));
});

helpers('sniffFormat reads the bytes', async () => {
  assert.is(await sniffFormat(await pagePng({ lines: [], width: 10, height: 10 })), 'png');
  assert.is(await sniffFormat(await textPdf([['x']])), 'pdf');
});

helpers.run();

// --- tiny writers for the bad inputs ---

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A stored (uncompressed) zip archive. */
function zip(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    parts.push(header, nameBytes, data);
    offset += header.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The JPEG with other dimensions written in its frame header (SOFn). */
function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let at = 2;
  while (at < out.length) {
    const marker = out[at + 1]!;
    const length = out.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return out;
    }
    at += 2 + length;
  }
  throw new Error('no SOF marker');
}

/** A PNG declaring huge dimensions, with one tiny compressed row: a bomb's header. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
