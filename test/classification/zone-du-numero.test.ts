import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { zoneDuNumero, type MotPlace } from '../../classification/zone-du-numero.ts';

const page = { width: 1654, height: 2339 };
const mot = (text: string, left: number, top: number, width = 60, height = 20): MotPlace => ({ text, bbox: { left, top, width, height } });

const zone = suite('zoneDuNumero');

zone('the words read as a number, padded', () => {
  const mots = [
    mot('Numéro', 100, 600),
    mot('unique', 170, 600),
    mot('057', 100, 650, 50, 30),
    mot('1215', 160, 650, 70, 30),
    mot('073903', 240, 650, 100, 30),
    mot('10691', 350, 650, 90, 30),
  ];
  const z = zoneDuNumero(mots, page)!;
  assert.ok(z.left < 100 && z.left + z.width > 440 && z.top < 650 && z.top + z.height > 680, JSON.stringify(z));
  assert.ok(z.height < 120);
});

zone('a number split oddly or glued by OCR is still found', () => {
  const z = zoneDuNumero([mot('0571215', 100, 650, 120, 30), mot('073903', 230, 650, 100, 30), mot('10691', 340, 650, 90, 30)], page);
  assert.ok(z !== null && z.top < 650);
});

zone('a number written one character per box, read as 18 words, is found whole', () => {
  const mots = [...'057121507390310691'].map((c, i) => mot(`|${c}`, 300 + i * 40, 900, 30, 30));
  const z = zoneDuNumero([mot('Identifiant', 100, 900), ...mots], page)!;
  assert.ok(z.left <= 300 && z.left + z.width >= 300 + 17 * 40 + 30, JSON.stringify(z));
});

zone('no number read: the band right of and below its label', () => {
  const z = zoneDuNumero([mot('Numéro', 100, 600), mot('de', 170, 600), mot('votre', 200, 600), mot('demande', 260, 600), mot('O5?', 100, 650)], page)!;
  assert.ok(z.top <= 600 && z.top + z.height >= 700 && z.left <= 100 && z.left + z.width === page.width, JSON.stringify(z));
});

zone('neither number nor label: null, the caller reads the page', () => {
  assert.is(zoneDuNumero([mot('Madame', 100, 600), mot('numéros', 170, 600), mot('utiles', 240, 600)], page), null);
  assert.is(zoneDuNumero([], page), null);
});

zone('a zone never leaves the page', () => {
  const z = zoneDuNumero([mot('057', 0, 0, 50, 30), mot('1215', 60, 0, 70, 30), mot('073903', 140, 0, 100, 30), mot('10691', 1560, 0, 94, 30)], page)!;
  assert.ok(z.left >= 0 && z.top >= 0 && z.left + z.width <= page.width && z.top + z.height <= page.height);
});

zone("a form's other number labels give way to the demand's own; a label inside a sentence has its box under the sentence's start", () => {
  const mots = [
    mot('N°', 1000, 470),
    mot('de', 1040, 470),
    mot('dossier', 1080, 470),
    mot('Si', 140, 1180),
    mot('oui,', 170, 1180),
    mot('indiquez', 220, 1180),
    mot('le', 300, 1180),
    mot('numéro', 330, 1180),
    mot('unique', 410, 1180),
    mot("d'enregistrement", 490, 1180),
  ];
  const z = zoneDuNumero(mots, page)!;
  assert.ok(z.top > 1100 && z.top <= 1180 && z.top + z.height >= 1280, JSON.stringify(z));
  assert.ok(z.left <= 140, JSON.stringify(z));
});

zone('« NUR » or « NUD » alone is a label', () => {
  const z = zoneDuNumero([mot('Dossier', 100, 300), mot('n°', 170, 300), mot('de', 200, 300), mot('NUR', 400, 900), mot('O3l', 460, 900)], page)!;
  assert.ok(z.top > 800 && z.top <= 900, JSON.stringify(z));
});

zone.run();
