import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countLotPages, countPages } from '../../../services/pages/count-pages.ts';
import { tempDir } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';

const samples = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot');

test('countPages: a PDF’s and a TIFF’s pages, one for an image, null for a file that cannot tell', async () => {
  const dir = await tempDir('du-count-');
  try {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 3; i++) pdf.addPage();
    await fs.writeFile(path.join(dir, 'trois.pdf'), await pdf.save());
    await fs.writeFile(path.join(dir, 'page.jpg'), await textPageJpeg(['une page']));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'pas une pièce');
    assert.is(await countPages(path.join(dir, 'trois.pdf')), 3);
    assert.is(await countPages(path.join(samples, 'tiff', 'lot-sample-01.tif')), 8);
    assert.is(await countPages(path.join(samples, 'pdf', 'lot-sample-01.pdf')), 8);
    assert.is(await countPages(path.join(dir, 'page.jpg')), 1);
    assert.is(await countPages(path.join(dir, 'notes.txt')), null);
    assert.is(await countPages(path.join(dir, 'absent.pdf')), null);
    assert.is(await countLotPages([path.join(dir, 'trois.pdf'), path.join(dir, 'page.jpg')]), 4);
    assert.is(await countLotPages([path.join(dir, 'trois.pdf'), path.join(dir, 'notes.txt')]), null);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test.run();
