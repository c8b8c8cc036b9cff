import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DecisionLot } from '../../../services/lots/decide-lot.ts';
import { aPlacer } from '../../../services/lots/file-decision.ts';

const decision: DecisionLot = {
  enAttente: [],
  plis: [
    {
      couverture: [0],
      numeroUnique: '057 1215 073903 10691',
      documents: [
        { pages: [1, 2], categorie: 'RFR', type: 'AVI', confiance: 0.9 },
        { pages: [3, 4], categorie: 'RES', type: 'BUL', confiance: 0.9 },
        { pages: [5], categorie: 'RES', type: 'BUL', confiance: 0.9 },
      ],
    },
  ],
  pagesBlanches: [6],
  revues: [
    { motif: 'type_incertain', pages: [7], detail: '', suggestions: null },
    { motif: 'fichier_illisible', pages: [], detail: 'fichier « b.pdf »', suggestions: null },
  ],
};

test('aPlacer: what is placed stands, what is not is placed, and a document half placed goes to review', () => {
  // placed by an earlier decision: the cover, the first document, the blank page, the task's page, and one page of the second document
  const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((index) => ({ index, role: [4, 5].includes(index) ? null : ('piece' as const) }));
  const { decision: rest, conflits } = aPlacer(decision, rows);
  assert.equal(rest.plis[0]!.couverture, []);
  assert.equal(
    rest.plis[0]!.documents.map((d) => d.pages),
    [[5]],
  );
  assert.equal(rest.pagesBlanches, []);
  assert.equal(
    rest.revues.map((r) => r.pages),
    [[]],
    'a task on no page (a whole file) is always asked for: it is found again by its detail',
  );
  assert.equal(
    conflits.map((c) => [c.motif, c.pages]),
    [['pli_a_verifier', [4]]],
  );
});

test('aPlacer: nothing placed yet, the decision as it is', () => {
  const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((index) => ({ index, role: null }));
  assert.equal(aPlacer(decision, rows), { decision, conflits: [] });
});

test.run();
