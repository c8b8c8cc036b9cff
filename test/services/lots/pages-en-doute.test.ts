import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pagesEnDoute, type DecisionLot } from '../../../services/lots/decide-lot.ts';

const decision: DecisionLot = {
  enAttente: [],
  plis: [
    {
      couverture: [0],
      numeroUnique: '057 1215 073903 10691',
      documents: [
        { pages: [1, 2], categorie: 'RES', type: 'BUL', confiance: 0.92 },
        { pages: [3], categorie: 'SFAM', type: 'SFAM', confiance: 0.55 },
      ],
    },
  ],
  pagesBlanches: [4],
  revues: [
    { motif: 'type_incertain', pages: [5], detail: '', suggestions: null },
    { motif: 'couverture_non_rattachee', pages: [6, 7, 8], detail: '', suggestions: null },
    { motif: 'pli_a_verifier', pages: [9, 5], detail: '', suggestions: null },
  ],
};

test('pagesEnDoute: pages in review for want of text and documents typed without assurance, never those of an unmatched cover', () => {
  assert.equal(
    pagesEnDoute(decision).sort((a, b) => a - b),
    [3, 5, 9],
  );
});

test.run();
