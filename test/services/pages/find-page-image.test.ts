import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateSync } from 'node:zlib';
import { findPageImage, parseSingleImageContent } from '../../../services/pages/find-page-image.ts';
import { flatePdf, pageJpeg, type FlatePage } from './make-inputs.ts';

const parse = suite('parseSingleImageContent');

parse('q, cm, Do, Q: the image and its matrix', () => {
  assert.equal(parseSingleImageContent('q 595.28 0 0 841.89 0 0 cm /Im0 Do Q'), { name: 'Im0', matrix: [595.28, 0, 0, 841.89, 0, 0] });
  assert.equal(parseSingleImageContent('q\n1 0 0 1 10 20 cm\n2 0 0 3 0 0 cm\n/X Do\nQ')?.matrix, [2, 0, 0, 3, 10, 20]);
});

parse('text, paths or a second image: not a single-image page', () => {
  assert.is(parseSingleImageContent('q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET'), null);
  assert.is(parseSingleImageContent('q 595 0 0 842 0 0 cm /Im0 Do Q q 10 0 0 10 0 0 cm /Im1 Do Q'), null);
  assert.is(parseSingleImageContent('0 0 m 100 100 l S'), null);
  assert.is(parseSingleImageContent(''), null);
});

parse.run();

const find = suite('findPageImage');

const jpegPdf = async (draw: (doc: PDFDocument, jpeg: Uint8Array) => Promise<void>) => {
  const doc = await PDFDocument.create();
  await draw(doc, await pageJpeg({ lines: ['Bonjour'], width: 400, height: 560 }, 100));
  return PDFDocument.load(await doc.save());
};

find('a full-page JPEG is found with its resolution', async () => {
  const doc = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    d.addPage([288, 403.2]).drawImage(image, { x: 0, y: 0, width: 288, height: 403.2 });
  });
  const found = findPageImage(doc.getPage(0));
  assert.ok(found?.kind === 'jpeg');
  assert.is(Math.round(found!.dpi), 100);
  assert.equal([found!.width, found!.height, found!.bytes[0], found!.bytes[1]], [400, 560, 0xff, 0xd8]);
});

find('a JPEG covering part of the page, a turned page, or added text: rendered instead', async () => {
  const small = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    d.addPage([595, 842]).drawImage(image, { x: 50, y: 50, width: 200, height: 280 });
  });
  assert.is(findPageImage(small.getPage(0)), null);
  const turned = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    const page = d.addPage([288, 403.2]);
    page.drawImage(image, { x: 0, y: 0, width: 288, height: 403.2 });
    page.setRotation(degrees(90));
  });
  assert.is(findPageImage(turned.getPage(0)), null);
  const annotated = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    const page = d.addPage([288, 403.2]);
    page.drawImage(image, { x: 0, y: 0, width: 288, height: 403.2 });
    page.drawText('Reçu le 3 mai', { x: 20, y: 20, size: 10, font: await d.embedFont(StandardFonts.Helvetica) });
  });
  assert.is(findPageImage(annotated.getPage(0)), null);
});

// 16×4 1-bit rows, two bytes each
const bitonal = (dict: FlatePage['dict'] = {}, raw = false): FlatePage => ({ rows: new Uint8Array(8).fill(0xf0), width: 16, height: 4, dict, raw });
const found = async (page: FlatePage) => findPageImage((await PDFDocument.load(await flatePdf([page], 200))).getPage(0));

find('a full-page 1-bit grey Flate image is found, still compressed, with its coding', async () => {
  const image = await found(bitonal());
  assert.ok(image?.kind === 'flate');
  if (image?.kind !== 'flate') return;
  assert.equal([image.width, image.height, image.bitsPerComponent, image.pngPredictor, image.inverted], [16, 4, 1, false, false]);
  assert.is(Math.round(image.dpi), 200);
  assert.equal(image.bytes[0], 0x78, 'a zlib header');
});

find('8 bits, PNG predictors, Decode [1 0], a one-component ICC profile, Predictor 1: found', async () => {
  const grey8 = await found({ rows: new Uint8Array(16 * 4).fill(200), width: 16, height: 4, dict: { BitsPerComponent: 8 } });
  assert.ok(grey8?.kind === 'flate' && grey8.bitsPerComponent === 8);
  const png = await found(bitonal({ DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 1, Columns: 16 } }));
  assert.ok(png?.kind === 'flate' && png.pngPredictor);
  const inverted = await found(bitonal({ Decode: [1, 0] }));
  assert.ok(inverted?.kind === 'flate' && inverted.inverted);
  assert.ok((await found(bitonal({ Decode: [0, 1], DecodeParms: { Predictor: 1 } })))?.kind === 'flate');
  const icc = await found(bitonal((doc) => ({ ColorSpace: ['ICCBased', doc.context.register(doc.context.stream(new Uint8Array(128), { N: 1 }))] })));
  assert.ok(icc?.kind === 'flate');
});

find('a Flate image that looks otherwise once decoded: rendered instead', async () => {
  const rgb = { rows: new Uint8Array(16 * 4 * 3), width: 16, height: 4, dict: { ColorSpace: 'DeviceRGB', BitsPerComponent: 8 } };
  assert.is(await found(rgb), null, 'colour');
  assert.is(await found(bitonal({ BitsPerComponent: 4 })), null, '4 bits');
  assert.is(await found(bitonal({ Decode: [0, 0.5] })), null, 'other decode array');
  assert.is(await found(bitonal({ ImageMask: true })), null, 'a stencil mask');
  assert.is(await found(bitonal({ DecodeParms: { Predictor: 2 } })), null, 'TIFF predictor');
  assert.is(await found(bitonal({ DecodeParms: { Predictor: 15, Colors: 3 } })), null, 'predictor for another layout');
  assert.is(await found(bitonal({ ColorSpace: 'DeviceCMYK' })), null, 'CMYK');
  assert.is(await found(bitonal((doc) => ({ ColorSpace: ['ICCBased', doc.context.register(doc.context.stream(new Uint8Array(128), { N: 3 }))] }))), null, 'RGB profile');
  const mask = (doc: PDFDocument) => doc.context.register(doc.context.flateStream(new Uint8Array(64), { Type: 'XObject', Subtype: 'Image', Width: 16, Height: 4, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }));
  assert.is(await found(bitonal((doc) => ({ SMask: mask(doc) }))), null, 'a soft mask');
  const twice = Buffer.from(deflateSync(deflateSync(new Uint8Array(8))));
  assert.is(await found({ ...bitonal({ Filter: ['FlateDecode', 'FlateDecode'] }, true), rows: twice }), null, 'two filters');
});

find.run();
