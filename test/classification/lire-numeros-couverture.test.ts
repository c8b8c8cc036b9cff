import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
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
  assert.equal(lireNumerosCouverture({ texte, texteRegion: '057121507390810691' }), [
    NU_DUPONT,
    '057 1215 073908 10691',
    '974 0199 123456 97401',
  ]);
});

lire('the region read rescues a page read that failed', () => {
  const texte = couverture().replace(NU_DUPONT, '057 12#5 07 39 03 1O6 91');
  assert.equal(lireNumerosCouverture({ texte, texteRegion: '057 1215 073903 10691\n' }), [NU_DUPONT]);
});

lire('empty reads give no candidate', () => {
  assert.equal(lireNumerosCouverture({ texte: '', texteRegion: '' }), []);
});

lire.run();
