import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateSync } from 'node:zlib';
import { findPageImage, parseSingleImageContent } from '../../../services/pages/find-page-image.ts';
import { ccittPage, flatePdf, pageJpeg, type FlatePage } from './make-inputs.ts';

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
  assert.is(
    await found(bitonal((doc) => ({ ColorSpace: ['ICCBased', doc.context.register(doc.context.stream(new Uint8Array(128), { N: 3 }))] }))),
    null,
    'RGB profile',
  );
  const mask = (doc: PDFDocument) =>
    doc.context.register(
      doc.context.flateStream(new Uint8Array(64), { Type: 'XObject', Subtype: 'Image', Width: 16, Height: 4, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
    );
  assert.is(await found(bitonal((doc) => ({ SMask: mask(doc) }))), null, 'a soft mask');
  const twice = Buffer.from(deflateSync(deflateSync(new Uint8Array(8))));
  assert.is(await found({ ...bitonal({ Filter: ['FlateDecode', 'FlateDecode'] }, true), rows: twice }), null, 'two filters');
});

// the finder reads the dictionary only: any bytes stand for the fax stream
const fax = (parms: Record<string, unknown> = {}, dict: Record<string, unknown> = {}, width = 40) =>
  ccittPage(Uint8Array.from([1, 2, 3]), width, 30, parms, dict);

find('a full-page CCITT Group 4 image is found, still compressed, with its parameters', async () => {
  const image = await found(fax());
  assert.ok(image?.kind === 'ccitt');
  if (image?.kind !== 'ccitt') return;
  assert.equal(
    [image.width, image.height, image.k, image.endOfLine, image.byteAlign, image.blackIs1, image.inverted],
    [40, 30, -1, false, false, false, false],
  );
  assert.is(Math.round(image.dpi), 200);
  assert.equal([...image.bytes], [1, 2, 3]);
});

find('Group 3 with end-of-line codes or byte-aligned one-dimensional rows, BlackIs1, Decode [1 0], Rows, no ColorSpace or depth: found', async () => {
  const g3 = await found(fax({ K: 4, EndOfLine: true, EncodedByteAlign: true }));
  assert.ok(g3?.kind === 'ccitt' && g3.k === 4 && g3.endOfLine && g3.byteAlign);
  const mh = await found(fax({ K: 0, EncodedByteAlign: true }));
  assert.ok(mh?.kind === 'ccitt' && mh.k === 0 && !mh.endOfLine && mh.byteAlign);
  const polarity = await found(fax({ BlackIs1: true, Rows: 30 }, { Decode: [1, 0] }));
  assert.ok(polarity?.kind === 'ccitt' && polarity.blackIs1 && polarity.inverted);
  assert.ok((await found(fax({ Rows: 0, EndOfBlock: true, DamagedRowsBeforeError: 0 })))?.kind === 'ccitt');
  assert.ok((await found(fax({}, { ColorSpace: undefined, BitsPerComponent: undefined })))?.kind === 'ccitt', 'pdfium and libtiff read one grey bit');
  assert.ok((await found(fax({}, { DecodeParms: [{ K: -1, Columns: 40 }] })))?.kind === 'ccitt', 'parameters in an array of one');
  const fax1728 = { ...fax({}, { DecodeParms: { K: -1 } }), width: 1728 };
  assert.ok((await found(fax1728))?.kind === 'ccitt', 'Columns absent: 1728, the image width');
});

find('a CCITT image libtiff would not decode as a PDF viewer paints it: rendered instead', async () => {
  assert.is(await found(fax({}, { ImageMask: true, ColorSpace: undefined })), null, 'a stencil mask, painted in the fill colour');
  assert.is(await found(fax({ Columns: 48 })), null, 'Columns other than Width');
  assert.is(await found(fax({}, { DecodeParms: { K: -1 } })), null, 'Columns absent (1728), the image 40 wide');
  assert.is(await found(fax({ Rows: 31 })), null, 'Rows other than Height');
  assert.is(await found(fax({ K: 0 })), null, 'Group 3 rows without end-of-line codes nor alignment');
  assert.is(await found(fax({ K: 2, EncodedByteAlign: true })), null, 'two-dimensional Group 3 without end-of-line codes');
  assert.is(await found(fax({ EncodedByteAlign: true })), null, 'byte-aligned Group 4');
  assert.is(await found(fax({ EndOfLine: true })), null, 'Group 4 with end-of-line codes');
  assert.is(await found(fax({ EndOfBlock: false })), null, 'no end-of-block');
  assert.is(await found(fax({ DamagedRowsBeforeError: 2 })), null, 'damaged rows tolerated');
  assert.is(await found(fax({ K: -0.5 })), null, 'K not an integer');
  assert.is(await found(fax({ BlackIs1: 1 })), null, 'BlackIs1 not a boolean');
  assert.is(await found(fax({}, { Decode: [0, 0.5] })), null, 'other decode array');
  assert.is(await found(fax({}, { BitsPerComponent: 8 })), null, '8 bits');
  assert.is(await found(fax({}, { ColorSpace: 'DeviceRGB' })), null, 'colour');
  assert.is(await found(fax({}, { Filter: ['FlateDecode', 'CCITTFaxDecode'] })), null, 'two filters');
  assert.is(
    await found(
      fax(
        {},
        {
          DecodeParms: [
            { K: -1, Columns: 40 },
            { K: -1, Columns: 40 },
          ],
        },
      ),
    ),
    null,
    'parameters for two filters',
  );
});

find.run();
