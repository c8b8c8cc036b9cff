import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { issueDuLot } from '../../scripts/eval/issue-du-lot.ts';
import type { Page } from '../../storage/schema/index.ts';

const NU = '094 0923 354968 94484';
const AUTRE = '069 1123 834884 CC755';

// the rows of a processed lot as the eval reads them back: only what issueDuLot looks at
function rows(roles: [role: string, numeroUnique?: string][]): Page[] {
  return roles.map(([role, numeroUnique], index) => ({ index, role, numeroUnique: numeroUnique ?? null, revueId: null }) as unknown as Page);
}

test("a cover's pages under one number, a duplex scan's blank verso between them, are one envelope", () => {
  const issue = issueDuLot(rows([['couverture', NU], ['blanc'], ['couverture', NU], ['blanc'], ['couverture', AUTRE]]), [], []);
  assert.equal(
    issue.plis.map((p) => [p.couverture, p.numeroUnique]),
    [
      [[0, 2], NU],
      [[4], AUTRE],
    ],
  );
});

test('the same number again after a document is another envelope', () => {
  const issue = issueDuLot(
    rows([
      ['couverture', NU],
      ['document', NU],
      ['couverture', NU],
    ]),
    [],
    [],
  );
  assert.equal(
    issue.plis.map((p) => p.couverture),
    [[0], [2]],
  );
});

test.run();
