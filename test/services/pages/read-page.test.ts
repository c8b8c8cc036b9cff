import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lireNumerosCouverture } from '../../../classification/lire-numeros-couverture.ts';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import { readPage, type PageRead } from '../../../services/pages/read-page.ts';

const images = createImageOps({ concurrency: 2 });
const ocr = createOcrPool({ workers: 2, osdWorkers: 1 }, { images });
const folder = 'fixtures/samples/pages';
const samples = JSON.parse(readFileSync(`${folder}/index.json`, 'utf8')) as Array<{ file: string; numeroUnique: string; rotation: number }>;

async function read(file: string): Promise<PageRead> {
  for await (const page of extractPages(readFileSync(`${folder}/${file}`), { images })) return readPage(page, { images, ocr });
  throw new Error('no page');
}

const chain = suite('readPage');

chain.after(() => ocr.terminate());

chain('a page that reads well as it came is not sent to OSD', async () => {
  const page = await read('piece-bulletin-salaire.jpg');
  assert.is(page.page.record.orientationReason, 'texte-lu');
  assert.is(page.page.record.osd.length, 0);
  assert.is(page.ms.orientation, undefined);
  assert.ok(page.ocr?.ok && page.ocr.text.length > 200);
  assert.is(page.numero, null, 'not a cover: no number zone read');
});

for (const file of ['cover-rotated-180.jpg', 'piece-quittance-rotated-90.jpg']) {
  chain(`a page scanned turned (${file}) reads badly, so OSD is asked and the page turned upright`, async () => {
    const truth = samples.find((s) => s.file === file)!;
    const page = await read(file);
    assert.is(page.page.record.rotation, (360 - truth.rotation) % 360);
    assert.ok(page.page.record.osd.length >= 1);
    assert.ok(page.page.grey.height > page.page.grey.width, 'portrait');
  });
}

chain('a cover: its number zone is found and read at high resolution, and the reads give its number', async () => {
  for (const file of ['cover-clean.png', 'cover-degraded.jpg', 'cover-rotated-180.jpg']) {
    const truth = samples.find((s) => s.file === file)!;
    const page = await read(file);
    assert.ok(page.numero !== null, `${file}: zone read`);
    assert.ok(page.numero.lectures.length >= 2, `${file}: two reads at least`);
    assert.ok(page.numero.zone.height < page.page.grey.height / 4, `${file}: a zone, not the page`);
    const texte = page.ocr?.ok ? page.ocr.text : '';
    assert.is(lireNumerosCouverture({ texte, lecturesZone: page.numero.lectures })[0], truth.numeroUnique, file);
  }
});

chain.run();
