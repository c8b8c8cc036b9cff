import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deadlineOf, startOfParisDay, urgencyOf } from '../../../services/revue/deadline.ts';
import { decideHold, holdSeconds } from '../../../services/revue/decide-hold.ts';
import { median } from '../../../services/revue/operator-activity.ts';
import { droppedBlanksNear, proposeResolution } from '../../../services/revue/propose-resolution.ts';

const now = new Date('2026-12-05T10:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

test('decideHold: a free, own or lapsed task is held; another operator’s live hold is not', () => {
  const free = decideHold({ tenuePar: null, tenueJusqua: null, priseLe: null }, 'a', now);
  assert.equal(free, { ok: true, tenueJusqua: later(holdSeconds), priseLe: now });
  const renewed = decideHold({ tenuePar: 'a', tenueJusqua: later(60), priseLe: later(-100) }, 'a', now);
  assert.equal(renewed, { ok: true, tenueJusqua: later(holdSeconds), priseLe: later(-100) }, 'a renewal keeps when it was first opened');
  assert.equal(decideHold({ tenuePar: 'b', tenueJusqua: later(60), priseLe: later(-100) }, 'a', now), { ok: false, tenuePar: 'b', tenueJusqua: later(60) });
  const lapsed = decideHold({ tenuePar: 'b', tenueJusqua: later(-1), priseLe: later(-400) }, 'a', now);
  assert.equal(lapsed, { ok: true, tenueJusqua: later(holdSeconds), priseLe: now }, 'a lapsed hold is taken over, its time restarts');
});

test('deadlineOf / urgencyOf: 15 days after reception, near within 3 days, overdue after', () => {
  assert.is(deadlineOf(new Date('2026-11-20T23:30:00Z')), '2026-12-06', 'a French calendar date (00:30 in Paris on the 21st)');
  assert.is(urgencyOf('2026-12-04', '2026-12-05'), 'depassee');
  assert.is(urgencyOf('2026-12-05', '2026-12-05'), 'proche');
  assert.is(urgencyOf('2026-12-08', '2026-12-05'), 'proche');
  assert.is(urgencyOf('2026-12-09', '2026-12-05'), 'normale');
});

test('startOfParisDay: midnight in Paris, winter and summer', () => {
  assert.equal(startOfParisDay(new Date('2026-12-05T10:00:00Z')), new Date('2026-12-04T23:00:00Z'));
  assert.equal(startOfParisDay(new Date('2026-07-01T23:30:00Z')), new Date('2026-07-01T22:00:00Z'), 'already the 2nd in Paris');
});

test('median: odd, even, none', () => {
  assert.is(median([5, 1, 3]), 3);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([]), null);
});

test('proposeResolution: an envelope’s cover and the rest as one document; a document with its best type and confidence', () => {
  const cover = proposeResolution(
    { motif: 'couverture_non_rattachee', pages: [4, 1, 2], suggestions: { motif: 'numero_proche', demandes: [{ numeroUnique: '057 1215 073903 10691' }] } },
    [],
  );
  assert.equal(cover, { numeroUnique: '057 1215 073903 10691', couverture: [1], documents: [{ pages: [2, 4], categorie: null, type: null, confiance: null }] });
  const typed = proposeResolution(
    { motif: 'type_incertain', pages: [7], suggestions: { numeroUnique: 'NU', types: [{ categorie: 'DOC', type: 'CRF', score: 0.6 }] } },
    [],
  );
  assert.equal(
    typed,
    { numeroUnique: 'NU', couverture: [], documents: [{ pages: [7], categorie: 'DOC', type: 'CRF', confiance: null }] },
    'no text: no confidence',
  );
  const limit = proposeResolution({ motif: 'limite_categorie_atteinte', pages: [3], suggestions: { numeroUnique: 'NU', categorie: 'RES', type: 'BUL' } }, []);
  assert.equal(limit.documents, [{ pages: [3], categorie: 'RES', type: 'BUL', confiance: null }]);
  assert.equal(
    proposeResolution({ motif: 'pli_a_verifier', pages: [0, 1, 2], suggestions: null }, [0, 1]).couverture,
    [0, 1],
    'the pages whose number zone was read',
  );
  const counted = proposeResolution(
    { motif: 'plis_declares_different', pages: [5, 6, 7], suggestions: { plisDeclares: 3, plisTrouves: 2, numeroUnique: 'NU' } },
    [5],
  );
  assert.equal(
    counted,
    { numeroUnique: 'NU', couverture: [5], documents: [{ pages: [6, 7], categorie: null, type: null, confiance: null }] },
    'an envelope held for its count',
  );
  assert.equal(
    proposeResolution(
      { motif: 'plis_declares_different', pages: [6, 7], suggestions: { plisDeclares: 3, plisTrouves: 2, numeroUnique: 'NU', suite: true } },
      [],
    ).couverture,
    [],
    'the last documents of an envelope whose cover was filed have no cover of their own',
  );
});

test('proposeResolution: an envelope’s pages cut into documents and typed from their text, as the pipeline would', () => {
  const avis = (page: string) => ({
    index: page === '1/2' ? 2 : 4,
    text: `AVIS D'IMPOSITION 2025\nM. MARTIN Paul\nRevenu fiscal de référence : 18 240 €\nPage ${page}`,
  });
  const quittance = { index: 5, text: 'QUITTANCE DE LOYER\nLocataire : M. MARTIN Paul\nLoyer du mois de septembre 2025 : 480,00 €\nPour acquit, le bailleur' };
  const task = { motif: 'couverture_non_rattachee', pages: [1, 2, 4, 5], suggestions: { motif: 'numero_inconnu', demandes: [] } };
  const proposed = proposeResolution(task, [1], [avis('1/2'), avis('2/2'), quittance]);
  assert.equal(
    proposed.documents.map((d) => [d.pages, d.categorie, d.type]),
    [
      [[2, 4], 'RFR', 'AVI'],
      [[5], 'LOGACT', 'JUSTL'],
    ],
  );
  assert.ok(proposed.documents.every((d) => d.confiance !== null && d.confiance > 0 && d.confiance <= 1));
  assert.equal(
    proposeResolution(task, [1], [avis('1/2')]).documents,
    [{ pages: [2, 4, 5], categorie: null, type: null, confiance: null }],
    'pages never read: one document, untyped',
  );
});

test('droppedBlanksNear: blanks inside the task and the run right after it, not before it', () => {
  assert.equal(droppedBlanksNear([2, 3, 6], [1, 4, 5, 7, 8, 10]), [4, 5, 7, 8]);
  assert.equal(droppedBlanksNear([], [1]), []);
});

test.run();
