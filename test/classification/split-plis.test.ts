import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PageTexte } from '../../classification/page-text.ts';
import { splitPlis, type DecoupageLot } from '../../classification/split-plis.ts';
import {
  attestationPage2,
  AVIS_IMPOT,
  AVIS_IMPOT_PAGE_2,
  bulletinSalaire,
  cni,
  couverture,
  courrierCitantNumero,
  NU_DUPONT,
  QUITTANCE,
} from './echantillons.ts';

const NU_MARTIN = '067 0119 000731 67482';
const MARTIN = { civilite: 'Monsieur', prenom: 'Paul', nom: 'MARTIN' };
const BLANCHE = '';

function lot(...textes: string[]): PageTexte[] {
  return textes.map((text, index) => (text === BLANCHE ? { index, text: ' . ', blank: true } : { index, text }));
}

// Every page of the lot appears exactly once in the result.
function pagesComptees(d: DecoupageLot): number[] {
  return [...d.plis.flatMap((p) => [p.couverture, ...p.pages]), ...d.avantPremiereCouverture, ...d.pagesBlanches].sort((a, b) => a - b);
}

const split = suite('splitPlis');

split('cuts a lot at each cover', () => {
  const pages = lot(couverture(), AVIS_IMPOT, AVIS_IMPOT_PAGE_2, BLANCHE, bulletinSalaire('03'), couverture(NU_MARTIN, MARTIN), QUITTANCE);
  const d = splitPlis(pages);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.numerosLus, p.alertes]),
    [
      [0, [1, 2, 3, 4], [NU_DUPONT], []],
      [5, [6], [NU_MARTIN], []],
    ],
  );
  assert.equal(
    pagesComptees(d),
    pages.map((p) => p.index),
  );
  assert.is(d.revueLot, undefined);
});

split('attestation page 2 and letters quoting the number stay inside the envelope', () => {
  const d = splitPlis(lot(couverture(), attestationPage2(), courrierCitantNumero(), cni()));
  assert.is(d.plis.length, 1);
  assert.equal(d.plis[0]?.pages, [1, 2, 3]);
  assert.equal(d.plis[0]?.alertes, []);
});

split('pages before the first cover go apart; blanks there are only blanks', () => {
  const d = splitPlis(lot(BLANCHE, QUITTANCE, '', couverture(), AVIS_IMPOT));
  assert.equal(d.avantPremiereCouverture, [1]);
  assert.equal(d.pagesBlanches, [0, 2]);
  assert.equal(d.plis[0]?.pages, [4]);
});

split('an uncertain cover opens its own flagged envelope', () => {
  const dechiree = couverture(NU_MARTIN, MARTIN).split('\n').slice(15).join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, dechiree, QUITTANCE));
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
  assert.equal(d.plis[1]?.alertes, [{ motif: 'couverture_incertaine', page: 2 }]);
});

split('a page quoting another number is flagged; a one-off OCR slip of the cover number is not', () => {
  const d = splitPlis(lot(couverture(), courrierCitantNumero(NU_MARTIN), courrierCitantNumero('057 1215 O73908 10691')));
  assert.equal(d.plis[0]?.alertes, [{ motif: 'numero_different', page: 1, numeroUnique: NU_MARTIN }]);
});

split("a cover whose page reading missed its number: its zone's reads vouch for the pages quoting it", () => {
  const sansNumero = couverture().replace(NU_DUPONT, '');
  const pages = lot(sansNumero, courrierCitantNumero(NU_DUPONT));
  assert.equal(splitPlis(pages).plis[0]?.alertes, [{ motif: 'numero_different', page: 1, numeroUnique: NU_DUPONT }]);
  pages[0]!.lecturesZone = [NU_DUPONT.replaceAll(' ', '')];
  assert.equal(splitPlis(pages).plis[0]?.alertes, []);
});

split('an envelope with no page after its cover is flagged', () => {
  const d = splitPlis(lot(couverture(), couverture(NU_MARTIN, MARTIN), QUITTANCE));
  assert.equal(d.plis[0]?.alertes, [{ motif: 'pli_vide' }]);
  assert.equal(d.plis[1]?.alertes, []);
});

split('declared envelopes: agreement passes, a difference holds the lot with both numbers', () => {
  const pages = lot(couverture(), AVIS_IMPOT, couverture(NU_MARTIN, MARTIN), QUITTANCE);
  assert.is(splitPlis(pages, { plisDeclares: 2 }).revueLot, undefined);
  assert.equal(splitPlis(pages, { plisDeclares: 3 }).revueLot, { motif: 'plis_declares_different', plisDeclares: 3, plisTrouves: 2 });
});

split('an empty lot and a lot without any cover', () => {
  assert.equal(splitPlis([]), { plis: [], avantPremiereCouverture: [], pagesBlanches: [] });
  const d = splitPlis(lot(AVIS_IMPOT, QUITTANCE), { plisDeclares: 1 });
  assert.equal(d.avantPremiereCouverture, [0, 1]);
  assert.equal(d.revueLot, { motif: 'plis_declares_different', plisDeclares: 1, plisTrouves: 0 });
});

split.run();
