import { PDFDocument } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError } from '../../../services/app-error.ts';
import { assemblePdf, MAX_PIECE_BYTES, packBitonal } from '../../../services/pages/assemble-pdf.ts';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { normalisePage } from '../../../services/pages/normalise-page.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import type { NormalisedPage } from '../../../services/pages/page-types.ts';
import { A4_300, bodyLines, coverLines, noisy, NU, pageJpeg, pagePng, rotated, scannerPdf } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const ocr = createOcrPool({ workers: 2 }, { images });

async function normalisedPages(bytes: Uint8Array): Promise<NormalisedPage[]> {
  const pages: NormalisedPage[] = [];
  for await (const page of extractPages(bytes, { images })) pages.push(await normalisePage(page, { images, ocr: null }));
  return pages;
}

/** Text OCR reads back from page `index` of a PDF, rendered as any incoming PDF would be. */
async function readBack(pdf: Uint8Array, index: number): Promise<string> {
  for await (const page of extractPages(pdf, { images }, { renderDpi: 200 })) {
    if (page.index !== index) continue;
    const normalised = await normalisePage(page, { images, ocr: null });
    const result = await ocr.recognizePage({ pixels: normalised.grey, dpi: normalised.dpi });
    return result.ok ? result.text : '';
  }
  return '';
}

const assemble = suite('assemblePdf');

assemble.after(() => ocr.terminate());

assemble('a scanned piece keeps its JPEGs untouched when they fit', async () => {
  const jpegs = [await pageJpeg({ lines: bodyLines }, 300), await pageJpeg({ lines: coverLines }, 300)];
  const pages = await normalisedPages(await scannerPdf(jpegs, 300));
  const pdf = await assemblePdf(pages, { images }, { title: 'Avis d’imposition' });
  assert.equal(pdf.encoding, { mode: 'original' });
  assert.ok(pdf.bytes.length < jpegs[0]!.length + jpegs[1]!.length + 10_000);
  const doc = await PDFDocument.load(pdf.bytes);
  assert.is(doc.getPageCount(), 2);
  assert.is(Math.round(doc.getPage(0).getWidth()), Math.round((A4_300.width * 72) / 300), 'A4 in points');
  for await (const page of extractPages(pdf.bytes, { images })) {
    assert.ok(page.image.kind === 'jpeg' && page.image.bytes.equals(jpegs[page.index]!), 'same bytes out as in');
  }
});

assemble('a straightened, noisy three-page piece fits in 2 Mo and reads back', async () => {
  const cover = await noisy(await rotated(await pagePng({ lines: coverLines }, 300), 1.5), 0.003, 3);
  const body = await noisy(await pagePng({ lines: bodyLines }, 300), 0.003, 4);
  const pages = [...(await normalisedPages(cover)), ...(await normalisedPages(body)), ...(await normalisedPages(body))];
  const pdf = await assemblePdf(pages, { images });
  assert.ok(pdf.bytes.length <= MAX_PIECE_BYTES, `${pdf.bytes.length}`);
  assert.is((await PDFDocument.load(pdf.bytes)).getPageCount(), 3);
  const text = await readBack(pdf.bytes, 0);
  assert.ok(text.replace(/\s/g, '').includes(NU.replace(/ /g, '')), text);
  assert.match(text, /Élodie/);
});

assemble('a long piece goes down to 1 bit and stays legible', async () => {
  const body = await normalisedPages(await pagePng({ lines: [...bodyLines, ...bodyLines, ...bodyLines] }, 300));
  const pages = Array.from({ length: 20 }, () => body[0]!);
  const pdf = await assemblePdf(pages, { images });
  assert.ok(pdf.bytes.length <= MAX_PIECE_BYTES);
  assert.is(pdf.encoding.mode, 'bitonal');
  assert.ok(pdf.attempts.length >= 1);
  const text = await readBack(pdf.bytes, 19);
  assert.match(text, /Revenu fiscal de référence/);
});

assemble('a piece that cannot fit is refused with taille_depassee and its size', async () => {
  const body = await normalisedPages(await noisy(await pagePng({ lines: bodyLines, width: 1240, height: 1754 }, 150), 0.01, 8));
  try {
    await assemblePdf([body[0]!, body[0]!], { images }, { maxBytes: 20_000 });
    assert.unreachable('should not fit');
  } catch (err) {
    assert.instance(err, AppError);
    const error = err as AppError;
    assert.is(error.code, 'taille_depassee');
    assert.ok((error.details?.bytes as number) > 20_000);
    assert.is(error.details?.pages, 2);
  }
});

assemble('packBitonal: 1 = paper, rows padded to a byte', () => {
  const grey = { data: Buffer.from([0, 255, 255, 0, 0, 0, 0, 0, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255]), width: 9, height: 2, channels: 1 as const };
  const bits = packBitonal(grey, 128);
  assert.equal([...bits], [0b01100000, 0b10000000, 0b01111111, 0b10000000]);
});

assemble.run();
