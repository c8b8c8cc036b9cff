import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findPageJpeg, parseSingleImageContent } from '../../../services/pages/find-page-jpeg.ts';
import { pageJpeg } from './make-inputs.ts';

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

const find = suite('findPageJpeg');

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
  const found = findPageJpeg(doc.getPage(0));
  assert.ok(found);
  assert.is(Math.round(found!.dpi), 100);
  assert.equal([found!.width, found!.height, found!.bytes[0], found!.bytes[1]], [400, 560, 0xff, 0xd8]);
});

find('a JPEG covering part of the page, a turned page, or added text: rendered instead', async () => {
  const small = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    d.addPage([595, 842]).drawImage(image, { x: 50, y: 50, width: 200, height: 280 });
  });
  assert.is(findPageJpeg(small.getPage(0)), null);
  const turned = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    const page = d.addPage([288, 403.2]);
    page.drawImage(image, { x: 0, y: 0, width: 288, height: 403.2 });
    page.setRotation(degrees(90));
  });
  assert.is(findPageJpeg(turned.getPage(0)), null);
  const annotated = await jpegPdf(async (d, jpeg) => {
    const image = await d.embedJpg(jpeg);
    const page = d.addPage([288, 403.2]);
    page.drawImage(image, { x: 0, y: 0, width: 288, height: 403.2 });
    page.drawText('Reçu le 3 mai', { x: 20, y: 20, size: 10, font: await d.embedFont(StandardFonts.Helvetica) });
  });
  assert.is(findPageJpeg(annotated.getPage(0)), null);
});

find.run();
