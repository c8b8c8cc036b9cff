import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { formeGlyphes } from '../../classification/numero-unique.ts';
import { couverture, NU_DUPONT } from './echantillons.ts';

const lire = suite('lireNumerosCouverture');

lire('reads the number of a cover, normalised', () => {
  assert.equal(lireNumerosCouverture({ texte: couverture() }), [NU_DUPONT]);
  const bruitee = couverture().replace(NU_DUPONT, 'O57 l2I5 O739O3 10691');
  assert.equal(lireNumerosCouverture({ texte: bruitee }), [NU_DUPONT]);
});

lire('labelled numbers first, then the region read, then other numbers', () => {
  const texte = `Réf. dossier précédent 974 0199 123456 97401
Numéro unique départemental : ${NU_DUPONT}`;
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: ['057121507390810691'] }), [NU_DUPONT, '057 1215 073908 10691', '974 0199 123456 97401']);
});

lire('the region read rescues a page read that failed', () => {
  const texte = couverture().replace(NU_DUPONT, '057 12#5 07 39 03 1O6 91');
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: ['057 1215 073903 10691\n'] }), [NU_DUPONT]);
});

lire('a number most reads agree on outvotes a misread of it', () => {
  const misread = '057 1215 073908 10691';
  const texte = couverture().replace(NU_DUPONT, misread);
  // the page slips on a character, both zone reads are exact: 2 against 1
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: [NU_DUPONT, NU_DUPONT] }), [NU_DUPONT]);
  // two reads making the same slip win: the registry and the applicant's name are checked after
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: [misread, NU_DUPONT] }), [misread]);
  // one read against one: no majority, both kept, the cover goes to an operator
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: [NU_DUPONT] }).sort(), [misread, NU_DUPONT].sort());
});

lire("a read through boxes shifted by a box's side taken for a « 1 » is no other number: the read without it is kept", () => {
  // 051 0624 006848 CC807 read « 015/1,/0/6/2/4//0/0/6/8/4 8 C/C/8/0)/7 » on the page: a « 1 » put in after the first digit
  const texte = 'Numéro unique, d’enregistrement\n015 1062 400684 8CC80';
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: ['051 0624 006848 CC807'] }), ['051 0624 006848 CC807']);
  // a digit changed, not shifted, is another number to an operator
  assert.equal(lireNumerosCouverture({ texte: 'Numéro unique\n051 0624 006848 CC817', lecturesZone: ['051 0624 006848 CC807'] }).length, 2);
});

lire('reads that differ only by glyphs in the guichet code (D0T48, DDT48) vote together for one print', () => {
  const texte = 'Numéro départemental\n048 0318 741522 DDT48';
  const lus = lireNumerosCouverture({ texte, lecturesZone: ['048 0318 741522 D0T48', '048 0318 711522 D0T48'] });
  // one number, in either spelling of its code: the registry's codes tell which was printed (matchCouverture)
  assert.equal(lus.map(formeGlyphes), [formeGlyphes('048 0318 741522 DDT48')]);
  // without the second read of the print, one read against one: both kept
  assert.is(lireNumerosCouverture({ texte, lecturesZone: ['048 0318 711522 D0T48'] }).length, 2);
});

lire('a vote drops only misreads: another number far from the winner is kept', () => {
  const autre = '974 0199 123456 97401';
  const texte = `${couverture()}\nVotre ancien numéro : ${autre}`;
  assert.equal(lireNumerosCouverture({ texte, lecturesZone: [NU_DUPONT, NU_DUPONT] }), [NU_DUPONT, autre]);
});

lire('a number printed one block per line under captions, or wrapped over two lines, is read from the lines together', () => {
  const texte = ['RÉCÉPISSÉ DE DÉPÔT', 'N° unique', 'Département', '057', 'Mois / année', '1215', "N° d'ordre", '073903', 'Guichet', '10691'].join('\n');
  assert.equal(lireNumerosCouverture({ texte }), ['057 1215 073903 10691']);
  assert.equal(lireNumerosCouverture({ texte: 'Votre numéro : 057 1215\n073903 10691' }), ['057 1215 073903 10691']);
});

lire('empty reads give no candidate', () => {
  assert.equal(lireNumerosCouverture({ texte: '', lecturesZone: [''] }), []);
});

lire.run();
