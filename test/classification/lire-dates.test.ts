import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dateApresLibelle, dateIso, lireDates } from '../../classification/lire-dates.ts';

const dates = suite('lireDates');

dates('reads the usual written forms, in order', () => {
  const texte = 'Né le 14/07/1986 à Metz, délivrée le 02.05.2019, valable 01-05-2029, émise le 3 mars 2020 et le 1er août 2021 ; 14 12 2015';
  assert.equal(
    lireDates(texte).map((d) => d.iso),
    ['1986-07-14', '2019-05-02', '2029-05-01', '2020-03-03', '2021-08-01', '2015-12-14'],
  );
});

dates('positions point into the text as given', () => {
  const texte = 'Date : l4/O3/2O31 fin';
  const [d] = lireDates(texte);
  assert.is(d?.iso, '2031-03-14');
  assert.is(texte.slice(d?.debut, d?.fin), 'l4/O3/2O31');
});

dates('impossible dates, amounts and page numbers are not dates', () => {
  assert.equal(lireDates('31/02/2024 ; 1 801,84 ; page 2/3 ; 12/2023 ; 2024 ; 45/12/2020'), []);
  assert.equal(lireDates(''), []);
});

dates.run();

const libelle = suite('dateApresLibelle');

libelle('takes the first date after the label, on the same or the next line', () => {
  const texte = "Date de naiss. 14.07.1986\nDate d'expiration / Expiry date\n11.03.2031";
  assert.equal(dateApresLibelle(texte, /date\s*d'expiration/), { iso: '2031-03-11', extrait: "Date d'expiration / Expiry date 11.03.2031" });
  assert.is(dateApresLibelle(texte, /date\s*de\s*naiss\w*\.?/)?.iso, '1986-07-14');
});

libelle('a date too far from the label is not its value', () => {
  const texte = `Valable jusqu'au ${' '.repeat(80)}01/01/2030`;
  assert.is(dateApresLibelle(texte, /valable jusqu'au/), undefined);
});

libelle.run();

const iso = suite('dateIso');

iso('checks the calendar', () => {
  assert.is(dateIso(2024, 2, 29), '2024-02-29');
  assert.is(dateIso(2023, 2, 29), undefined);
  assert.is(dateIso(2024, 13, 1), undefined);
  assert.is(dateIso(1850, 1, 1), undefined);
});

iso.run();
