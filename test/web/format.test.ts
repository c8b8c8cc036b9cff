import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { capitalise, dateText, instantText, pagesText, tailleText } from '../../services/web/format.ts';

const format = suite('the portal shows dates, sizes and counts the French way');

format('a calendar date is DD/MM/YYYY, a missing one a dash', () => {
  assert.is(dateText('1988-03-14'), '14/03/1988');
  assert.is(dateText(null), '—');
});

format('an instant is read in Paris time, whatever the server runs in', () => {
  assert.is(instantText('2026-01-15T23:30:00.000Z'), '16/01/2026 00:30');
  assert.is(instantText('2026-07-15T10:05:00.000Z'), '15/07/2026 12:05');
});

format('a size is in o, Ko or Mo with a decimal comma', () => {
  assert.is(tailleText(900), '900 o');
  assert.is(tailleText(150 * 1024), '150 Ko');
  assert.is(tailleText(1.5 * 1024 * 1024), '1,5 Mo');
  assert.is(tailleText(20 * 1024 * 1024), '20 Mo');
});

format('one page, two pages', () => {
  assert.is(pagesText(1), '1 page');
  assert.is(pagesText(2), '2 pages');
});

format('a message becomes a sentence', () => {
  assert.is(capitalise('écart de taille'), 'Écart de taille');
});

format.run();
