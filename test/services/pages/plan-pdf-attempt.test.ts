import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { encodingLadder, planPdfAttempt } from '../../../services/pages/plan-pdf-attempt.ts';

const MB2 = 2_097_152;
const page = (dpi = 300, bitonal = true, original = false) => ({ dpi, bitonal, original });

const plan = suite('planPdfAttempt');

plan('scanner JPEGs are tried untouched first', () => {
  assert.equal(planPdfAttempt({ pages: [page(300, true, true)], maxBytes: MB2, tried: [] }), { mode: 'original' });
});

plan('a short piece starts at grey 300 dpi', () => {
  assert.equal(planPdfAttempt({ pages: [page(), page()], maxBytes: MB2, tried: [] }), { mode: 'grey', dpi: 300, quality: 70 });
});

plan('never above the pages own resolution', () => {
  assert.equal(planPdfAttempt({ pages: [page(200)], maxBytes: MB2, tried: [] }), { mode: 'grey', dpi: 200, quality: 70 });
});

plan('a long piece skips what cannot fit, by prediction', () => {
  const pages = Array.from({ length: 40 }, () => page());
  const first = planPdfAttempt({ pages, maxBytes: MB2, tried: [] });
  assert.is(first?.mode, 'bitonal', 'grey at 300 or 200 dpi would be 3–6 Mo: not even tried');
});

plan('a measured size corrects the next prediction', () => {
  const pages = Array.from({ length: 5 }, () => page(300, false));
  const tried = [{ encoding: { mode: 'grey' as const, dpi: 300, quality: 70 }, bytes: 4_000_000 }];
  // 4 MB at 300 dpi: 200 dpi at q70 predicts ~1.8 MB, under the limit
  assert.equal(planPdfAttempt({ pages, maxBytes: MB2, tried }), { mode: 'grey', dpi: 200, quality: 70 });
  const tried2 = [{ encoding: { mode: 'grey' as const, dpi: 300, quality: 70 }, bytes: 9_000_000 }];
  const next = planPdfAttempt({ pages, maxBytes: MB2, tried: tried2 });
  assert.ok(next && next.mode !== 'original' && next.dpi < 300, JSON.stringify(next));
});

plan('photos go to 1 bit only at the very end; text goes earlier', () => {
  const photo = encodingLadder(false, false).map((e) => e.mode);
  const text = encodingLadder(true, false).map((e) => e.mode);
  assert.ok(photo.indexOf('bitonal') > text.indexOf('bitonal'));
});

plan('null once everything was tried', () => {
  const pages = [page()];
  const tried = encodingLadder(true, false).map((encoding) => ({ encoding, bytes: 9e9 }));
  assert.is(planPdfAttempt({ pages, maxBytes: MB2, tried }), null);
});

plan.run();
