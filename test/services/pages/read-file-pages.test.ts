import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import { readFilePages } from '../../../services/pages/read-file-pages.ts';
import { readPage, type PageRead } from '../../../services/pages/read-page.ts';
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

const read = suite('readFilePages');

read.after(() => ocr.terminate());

read('every page read and handed over: text read, a blank back dropped without OCR, pages skipped as asked', async () => {
  const text = await pageJpeg({ lines: bodyLines, ...A4_200 }, 200);
  const blank = await pageJpeg({ lines: [], ...A4_200 }, 200);
  const pdf = await scannerPdf([text, blank, text, text], 200);
  const results = new Map<number, PageRead>();
  const file = await readFilePages(
    pdf,
    { images },
    { concurrency: 3, skip: (index) => index === 3 },
    (page) => readPage(page, { images, ocr }),
    async (page, result) => void results.set(page.index, result),
  );
  assert.equal(file, { count: 4, error: null });
  assert.equal([...results.keys()].sort(), [0, 1, 2]);
  const first = results.get(0)!.ocr;
  assert.ok(first?.ok && /Revenu fiscal/.test(first.text));
  assert.ok(results.get(1)!.blank.blank && results.get(1)!.ocr === null, 'blank without OCR');
});

read('a page that cannot be read stops its file with its refusal, once the pages in flight have landed', async () => {
  const text = await pageJpeg({ lines: bodyLines, ...A4_200 }, 200);
  const pdf = await scannerPdf([text, corruptedJpeg(text), text, text, text], 200);
  const landed: number[] = [];
  const file = await readFilePages(
    pdf,
    { images },
    { concurrency: 2 },
    (page) => readPage(page, { images, ocr }),
    async (page) => void landed.push(page.index),
  );
  assert.is(file.count, 5);
  assert.is(file.error?.code, 'fichier_illisible');
  assert.ok(!landed.includes(1));
  assert.ok(landed.length < 4, `pages after the broken one were not all read: ${landed}`);
});

read('stopped: no page read after the stop', async () => {
  const pdf = await scannerPdf(await Promise.all([1, 2, 3].map(() => pageJpeg({ lines: [], ...A4_200 }, 200))), 200);
  const landed: number[] = [];
  const file = await readFilePages(
    pdf,
    { images },
    { concurrency: 1, stopped: () => landed.length > 0 },
    (page) => readPage(page, { images, ocr }),
    async (page) => void landed.push(page.index),
  );
  assert.equal(landed, [0]);
  assert.equal(file.error, null);
});

read.run();
