import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NormalisedPage } from '../../../services/pages/page-types.ts';
import { createPageServices } from '../../../services/page-services.ts';
import { proposeType } from '../../../services/pieces/upload-piece.ts';

// a payslip's one telling line: enough from a scan, not from a phone photo, whose text reads with more slips
const TEXTE = 'Net à payer';
const page = (photo: boolean) => ({ record: { photo: photo ? { corners: [] } : null } }) as unknown as NormalisedPage;
const lecture = (photo: boolean) => ({ texte: TEXTE, normalised: [page(photo)], textes: [TEXTE] });

test('an untyped upload is filed on less evidence from a scan than from a phone photo, which goes to review', async () => {
  const services = createPageServices({ ocrWorkers: 1 });
  try {
    assert.is(proposeType(services.classify, lecture(false), undefined)?.type.code, 'BUL');
    assert.is(proposeType(services.classify, lecture(true), undefined), undefined);
  } finally {
    await services.close();
  }
});

test.run();
