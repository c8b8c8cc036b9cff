import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { personnesEcrites } from '../../classification/personnes-ecrites.ts';

test('a surname in capitals beside a prénom, either way round, folded as the registry folds names', () => {
  const texte = 'Madame GIRARD Éloïse\n34 route de Besançon\nVu le recours présenté par Jean-Noël SAINT-CYR le 4 avril';
  assert.equal(personnesEcrites(texte), [
    { nom: 'GIRARD', prenom: 'ELOISE' },
    { nom: 'SAINTCYR', prenom: 'JEANNOEL' },
  ]);
});

test('headings in capitals, words in lower case and pairs across lines name nobody', () => {
  assert.equal(personnesEcrites('ATTESTATION DE DÉPÔT\nLe ministère de l’Intérieur atteste\nGIRARD\nÉloïse'), []);
});

test.run();
