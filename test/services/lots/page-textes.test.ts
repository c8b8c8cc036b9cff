import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pageTextes } from '../../../services/lots/decide-pages.ts';
import type { Page } from '../../../storage/schema/index.ts';

const row = (index: number, fichier: number, erreur: string | null = null) =>
  ({ index, fichier, erreur, texte: `page ${index}`, blanc: false, lectureNumero: null, confianceOcr: 90 }) as unknown as Page;

test('a page after an unreadable page or a file that gave no page follows a gap; consecutive files do not', () => {
  const textes = pageTextes([row(0, 0), row(1, 0), row(2, 1), row(3, 1, 'OCR impossible'), row(4, 1), row(5, 3), row(6, 3)]);
  assert.equal(
    textes.map((p) => [p.index, p.lacuneAvant === true]),
    [
      [0, false],
      [1, false],
      [2, false],
      [4, true],
      [5, true],
      [6, false],
    ],
  );
});

test('a lot whose first file gave no page starts after a gap', () => {
  assert.is(pageTextes([row(0, 1)])[0]?.lacuneAvant, true);
});

test.run();
