import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  confirmTurnByText,
  decideOrientation,
  needsSecondReading,
  orientationInDoubt,
  osdReading,
  quarterTurn,
  turnProvenByText,
  turnsToTry,
  unsureTurn,
} from '../../../services/pages/decide-orientation.ts';

const reading = (dpi: number, angle: 0 | 90 | 180 | 270 | null, confidence: number | null) => ({ dpi, angle, confidence });

const decide = suite('decideOrientation');

decide('no OCR, no text, errors: upright', () => {
  assert.is(decideOrientation(null, 5).reason, 'osd-desactive');
  assert.is(decideOrientation([reading(150, null, null)], 5).reason, 'osd-sans-texte');
  assert.is(osdReading({ ok: false, error: 'x' }, 150).angle, null);
});

decide('one confident upright reading settles it', () => {
  const d = decideOrientation([reading(150, 0, 14)], 5);
  assert.equal([d.rotation, d.reason], [0, 'osd']);
  assert.not.ok(needsSecondReading(reading(150, 0, 14), 5));
});

decide('a turn needs agreeing readings adding up to twice the threshold', () => {
  assert.ok(needsSecondReading(reading(150, 270, 14), 5));
  assert.equal(decideOrientation([reading(150, 270, 14), reading(200, 270, 13)], 5).rotation, 270);
  assert.equal(decideOrientation([reading(150, 180, 6), reading(200, null, null)], 5).reason, 'osd-peu-sur');
});

decide('a second reading saying something else vetoes the turn (the identity card case)', () => {
  const d = decideOrientation([reading(150, 180, 9.56), reading(200, 0, 2.21)], 5);
  assert.equal([d.rotation, d.reason, d.osdAngle], [0, 'osd-contradictoire', 180]);
});

decide('weak readings leave the page as it is', () => {
  assert.equal(decideOrientation([reading(150, 270, 1.45), reading(200, 90, 1.18)], 5).reason, 'osd-peu-sur');
});

decide('quarterTurn rounds and wraps', () => {
  assert.equal([quarterTurn(-90), quarterTurn(359), quarterTurn(181), quarterTurn(450)], [270, 0, 180, 90]);
});

decide.run();

const text = suite('confirmTurnByText');

text('upright text read much better as it is vetoes an upside-down turn (passports)', () => {
  assert.not.ok(confirmTurnByText(48, 13));
  assert.not.ok(confirmTurnByText(19, 5));
});

text('a real turn reads better turned; a quarter turn ties and is left to OSD', () => {
  assert.ok(confirmTurnByText(8, 25));
  assert.ok(confirmTurnByText(77, 77));
  assert.ok(confirmTurnByText(0, 0));
});

const unsure = suite('unsureTurn and turnProvenByText');

unsure('a turn OSD agreed on without the confidence to decide it is tried; upright, confident or contradicted readings are not', () => {
  assert.is(unsureTurn(decideOrientation([reading(150, 180, 3.64), reading(200, 180, 4.22)], 5)), 180);
  assert.is(unsureTurn(decideOrientation([reading(150, 0, 3), reading(200, 0, 2)], 5)), null);
  assert.is(unsureTurn(decideOrientation([reading(150, 180, 14), reading(200, 180, 13)], 5)), null, 'decided: confirmed by text as usual');
  assert.is(unsureTurn(decideOrientation([reading(150, 180, 9.56), reading(200, 0, 2.21)], 5)), null);
});

unsure('only text far better turned proves an unsure turn', () => {
  assert.ok(turnProvenByText(7, 28), 'upside down, few words read as it came');
  assert.ok(turnProvenByText(67, 191));
  assert.not.ok(turnProvenByText(74, 74), 'a quarter turn reads as well either way');
  assert.not.ok(turnProvenByText(12, 3), 'an upright page turned reads as gibberish');
  assert.not.ok(turnProvenByText(5, 18), 'too few words to prove anything');
});

unsure('a card turned a quarter, read as almost nothing as it came, is proven by a few lines read turned', () => {
  assert.ok(turnProvenByText(1, 7, true));
  assert.ok(turnProvenByText(3, 18, true));
  assert.not.ok(turnProvenByText(3, 18), 'upside down, as many words prove nothing');
  assert.not.ok(turnProvenByText(26, 26, true), 'a page of text reads as well either way');
  assert.not.ok(turnProvenByText(12, 30, true), 'not a sparse reading: the quarter turn must read far better');
  assert.not.ok(turnProvenByText(5, 2, true));
});

unsure('the turns tried: the one decided; the one OSD was unsure of, both ways round on a sparse page; each way on a page read as no word', () => {
  const decided = decideOrientation([reading(150, 90, 14), reading(200, 90, 13)], 5);
  const unsureQuarter = decideOrientation([reading(150, 90, 1.2), reading(200, 90, 1)], 5);
  const unsureHalf = decideOrientation([reading(150, 180, 3.64), reading(200, 180, 4.22)], 5);
  const blind = decideOrientation([reading(150, 0, 0.08)], 5);
  assert.equal(turnsToTry(decided, 3), [90]);
  assert.equal(turnsToTry(unsureQuarter, 3), [90, 270]);
  assert.equal(turnsToTry(unsureQuarter, 40), [90]);
  assert.equal(turnsToTry(unsureHalf, 3), [180]);
  assert.equal(turnsToTry(blind, 0), [90, 270, 180]);
  assert.equal(turnsToTry(blind, 4), []);
});

const doubt = suite('orientationInDoubt');
const good = { meaningfulWords: 180, confidence: 88, turnedText: false, sidewaysWords: 2, wordsMeasured: 120 };

doubt('a page read well as it came is upright: OSD is not asked', () => {
  assert.is(orientationInDoubt(good), false);
});

doubt('text reading as if upside down, few words, low confidence or lines running sideways: OSD is asked', () => {
  assert.ok(orientationInDoubt({ ...good, turnedText: true }));
  assert.ok(orientationInDoubt({ ...good, meaningfulWords: 5 }));
  assert.ok(orientationInDoubt({ ...good, confidence: 55 }));
  assert.ok(orientationInDoubt({ ...good, sidewaysWords: 70 }));
});

text.run();
unsure.run();
doubt.run();
