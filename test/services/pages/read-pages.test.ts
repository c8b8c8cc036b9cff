import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import { readPages, type ReadPage } from '../../../services/pages/read-pages.ts';
import { A4_200, bodyLines, pageJpeg, scannerPdf } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const ocr = createOcrPool({ workers: 2 }, { images });

/** A JPEG whose headers are sound and whose scan data is not. */
function corruptedJpeg(jpeg: Buffer): Buffer {
  const out = Buffer.from(jpeg);
  const start = out.indexOf(Buffer.from([0xff, 0xda])) + 20;
  for (let i = start; i < out.length - 2000; i += 7) out[i] = 0xff;
  return out;
}

const read = suite('readPages');

read.after(() => ocr.terminate());

read('pages in order: text read, blank backs dropped without OCR, a broken page reported and the batch going on', async () => {
  const text = await pageJpeg({ lines: bodyLines, ...A4_200 }, 200);
  const blank = await pageJpeg({ lines: [], ...A4_200 }, 200);
  const pdf = await scannerPdf([text, blank, corruptedJpeg(text), text], 200);
  const results: ReadPage[] = [];
  for await (const result of readPages(pdf, { images, ocr }, { concurrency: 3 })) results.push(result);
  assert.equal(
    results.map((r) => r.index),
    [0, 1, 2, 3],
  );
  const [first, second, third, fourth] = results;
  assert.ok(first!.ok && first!.ocr?.ok && /Revenu fiscal/.test(first!.ocr.text) && !first!.blank.blank);
  assert.ok(second!.ok && second!.blank.blank && second!.ocr === null, 'blank without OCR');
  assert.ok(!third!.ok && third!.error.code === 'fichier_illisible');
  assert.ok(fourth!.ok && !fourth!.blank.blank);
});

read('without OCR: normalisation and pixel verdicts only', async () => {
  const pdf = await scannerPdf([await pageJpeg({ lines: bodyLines, ...A4_200 }, 200)], 200);
  for await (const result of readPages(pdf, { images, ocr: null })) {
    assert.ok(result.ok && result.ocr === null && result.page.record.orientationReason === 'osd-desactive');
  }
});

read.run();
