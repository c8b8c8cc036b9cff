import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findBorderBox } from '../../../services/pages/find-border-box.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { measureSkew } from '../../../services/pages/measure-skew.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import { openPdfRenderer } from '../../../services/pages/pdf-rasteriser.ts';
import { convertPiece } from '../../../services/pieces/convert-piece.ts';
import { A4_200, bodyLines, pageJpeg, pagePng, rotated } from '../pages/make-inputs.ts';

const images = createImageOps();
// a typed upload never asks for OCR: a pool that would be used fails the test
const deps = {
  images,
  ocr: () => {
    throw new Error('OCR started for a typed upload');
  },
};
const convert = suite('convertPiece: a typed upload as its PDF, JPEGs shown as they are, cropped and levelled');
const page = { lines: bodyLines, ...A4_200 };

/** The PDF's first page rendered back as a reader's viewer would, in grey, with its size in points. */
async function renderBack(pdf: Buffer, dpi = 200): Promise<{ grey: GreyPixels; points: { width: number; height: number }; pages: number }> {
  const renderer = await openPdfRenderer(pdf, { maxPixels: 100_000_000 });
  try {
    const points = await renderer.pageSize(0);
    const grey = await images.toGrey(await renderer.renderPage(0, dpi));
    return { grey, points, pages: renderer.pageCount };
  } finally {
    await renderer.close();
  }
}

const contains = (haystack: Buffer, needle: Buffer) => haystack.indexOf(needle) >= 0;

convert('a straight clean JPEG goes into the PDF byte for byte, at its size', async () => {
  const jpeg = await pageJpeg(page, 200);
  const result = await convertPiece(jpeg, { texte: false }, deps);
  assert.is(result.pages, 1);
  assert.is(result.lecture, null);
  assert.ok(contains(result.pdf, jpeg), 'the JPEG is embedded as it is');
  const back = await renderBack(result.pdf, 100);
  assert.is(Math.round(back.points.width), Math.round((A4_200.width * 72) / 200));
  assert.is(Math.round(back.points.height), Math.round((A4_200.height * 72) / 200));
});

convert('a skewed scan is levelled in the PDF: rendered back, its lines are straight', async () => {
  const skewed = await rotated(await pageJpeg(page, 200), 3, 'jpeg');
  const before = measureSkew(await images.toGrey(await images.decode(skewed), 0.5));
  assert.ok(Math.abs(before.angle - 3) < 0.3, `the input is skewed (${before.angle}°)`);
  const result = await convertPiece(skewed, { texte: false }, deps);
  assert.ok(contains(result.pdf, skewed), 'still the original JPEG, not re-encoded');
  const back = await renderBack(result.pdf, 100);
  const after = measureSkew(back.grey);
  assert.ok(Math.abs(after.angle) < 0.3, `levelled: ${after.angle}° left (confidence ${after.confidence})`);
  // same page size as the input: corners beyond it are cut, as the pixel path does
  assert.is(Math.round(back.points.width), Math.round((A4_200.width * 72) / 200));
});

convert('dark scanner borders are cut away', async () => {
  const clean = await sharp(await pageJpeg(page, 200))
    .raw()
    .toBuffer({ resolveWithObject: true });
  // a black band of 80 px down the left side and 60 px along the top, as a scanner lid leaves
  const framed = await sharp(clean.data, { raw: clean.info })
    .composite([
      { input: { create: { width: 80, height: A4_200.height, channels: 3, background: '#000' } }, left: 0, top: 0 },
      { input: { create: { width: A4_200.width, height: 60, channels: 3, background: '#000' } }, left: 0, top: 0 },
    ])
    .withDensity(200)
    .jpeg({ quality: 85 })
    .toBuffer();
  const result = await convertPiece(framed, { texte: false }, deps);
  const back = await renderBack(result.pdf, 100);
  assert.ok(back.points.width < (A4_200.width * 72) / 200 - 20, `narrower than the scan: ${back.points.width} pt`);
  assert.ok(back.points.height < (A4_200.height * 72) / 200 - 15, `shorter than the scan: ${back.points.height} pt`);
  assert.is(findBorderBox(back.grey), null, 'no dark border left');
});

convert('a phone photo with an EXIF turn comes out upright (pixel path)', async () => {
  // stored sideways, tagged "turn 90° clockwise to view" (orientation 6)
  const upright = await pageJpeg(page, 200);
  const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 85 }).toBuffer();
  assert.is((await sharp(sideways).metadata()).orientation, 6);
  const result = await convertPiece(sideways, { texte: false }, deps);
  const back = await renderBack(result.pdf, 100);
  assert.ok(back.points.height > back.points.width, `portrait: ${back.points.width}×${back.points.height} pt`);
  assert.ok(Math.abs(measureSkew(back.grey).angle) < 0.3);
  assert.ok(measureSkew(back.grey).confidence > 0.5, 'text lines run across the page');
});

convert('a PNG, and JPEGs too heavy together, take the pixel path and still fit in 2 Mo', async () => {
  const png = await convertPiece(await pagePng(page, 200), { texte: false }, deps);
  assert.is((await renderBack(png.pdf, 50)).pages, 1);
  // noise compresses badly: a 300-dpi q100 JPEG of it is several Mo
  const noise = Buffer.alloc(2480 * 3508);
  for (let i = 0, x = 7; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const heavy = await sharp(noise, { raw: { width: 2480, height: 3508, channels: 1 } })
    .withDensity(300)
    .jpeg({ quality: 100 })
    .toBuffer();
  assert.ok(heavy.length > 2_097_152, `${heavy.length} bytes`);
  const result = await convertPiece(heavy, { texte: false }, deps);
  assert.ok(result.pdf.length <= 2_097_152, `${result.pdf.length} bytes`);
  assert.ok(!contains(result.pdf, heavy.subarray(0, 4096)), 're-encoded');
});

convert.run();

const untyped = suite('convertPiece: an upload without type is read, its bodies too unless its heads suffice');
const ocrPool = createOcrPool({ workers: 1 }, { images });
untyped.after(() => ocrPool.terminate());
// a document whose head names it, and a line far down its body
const headAndBody = {
  lines: [
    'BULLETIN DE SALAIRE',
    'Période de paie : septembre 2025',
    'Employeur : Boulangerie Martin SARL, 12 rue des Écoles, 57000 Metz',
    'SIRET 123 456 789 00012 — Code NAF 1071C',
    'Salarié : Élodie LEFÈVRE — Emploi : vendeuse',
    'Convention collective de la boulangerie-pâtisserie',
    'Date d’entrée : 1er mars 2021 — Coefficient 160',
    'Salaire de base : 1 801,80 € — Heures : 151,67',
    'Cotisations salariales et patronales détaillées ci-dessous',
  ],
  ...A4_200,
  extraSvg: '<text x="150" y="1700" font-family="DejaVu Serif" font-size="30" fill="#111">Ligne du corps : montant des prestations versées</text>',
};

for (const suffices of [false, true]) {
  untyped(`text ${suffices ? 'enough' : 'not enough'} to type the piece: its body is ${suffices ? 'left' : 'read'}`, async () => {
    const result = await convertPiece(await pagePng(headAndBody, 200), { texte: true }, { images, ocr: () => ocrPool, textSuffices: () => suffices });
    const texte = result.lecture?.texte ?? '';
    assert.match(texte, /BULLETIN/i, 'the head read');
    assert.is(/prestations/i.test(texte), !suffices, texte);
  });
}

untyped.run();
