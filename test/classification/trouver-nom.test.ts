import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { trouverNom } from '../../classification/trouver-nom.ts';

const nom = suite('trouverNom');

const COUVERTURE = `Destinataire : Madame Hélène LE GALL-MARTIN
12 rue de l'Église, 57000 METZ
Monsieur N'DIAYE Ousmane`;

nom('finds a name across case, accents, hyphens and spaces', () => {
  const cas: [string, boolean][] = [
    ['LE GALL-MARTIN', true],
    ['Le Gall Martin', true],
    ['LEGALL MARTIN', true],
    ['le gall-martin', true],
    ['Hélène', true],
    ['HELENE', true],
    ["N'Diaye", true],
    ['NDIAYE', true],
    ['Ousmane', true],
    ['DUPONT', false],
    ['GALLO', false],
    ['', false],
  ];
  for (const [n, attendu] of cas) assert.is(trouverNom(COUVERTURE, n), attendu, n);
});

nom('tolerates OCR slips in proportion to the length of the name', () => {
  const cas: [string, string, boolean][] = [
    ['Madame DUP0NT Marie', 'Dupont', true],
    ['Madame DUPOMT Marie', 'Dupont', true],
    ['Madame DUPNT Marie', 'Dupont', false],
    ['Madame MART1NEZ Marie', 'Martinez', true],
    ['Madame MARTNEZ Marie', 'Martinez', true],
    ['Madame MARTINE Dubois', 'Martin', false],
    ['Madame MARTINS Julie', 'Martin', false],
    ['Madame L1 Mei', 'Li', true],
    ['Madame LY Mei', 'Li', false],
    ['Madame LAVOSIER-DELACRO1X Anne', 'Lavoisier-Delacroix', true],
    ['Madame LAVOSIER-DELACROX Anne', 'Lavoisier-Delacroix', true],
    ['Madame LAVSIER-DELCRX Anne', 'Lavoisier-Delacroix', false],
  ];
  for (const [texte, n, attendu] of cas) assert.is(trouverNom(texte, n), attendu, `${n} dans ${texte}`);
});

nom('a word every issuer prints is not a prénom one letter from it', () => {
  const texte = 'RÉPUBLIQUE FRANÇAISE\nNationalité : française\nFrance Travail\nNom : THOMAS Prénoms : Jérôme';
  assert.not.ok(trouverNom(texte, 'Françoise'));
  assert.not.ok(trouverNom(texte, 'François'));
  assert.not.ok(trouverNom(texte, 'Franck'));
  assert.not.ok(trouverNom('Ministère de la Justice\nRégime général', 'Justine'));
  assert.not.ok(trouverNom('Ministère de la Justice\nRégime général', 'Régine'));
  assert.ok(trouverNom('Madame THOMAS Franqoise', 'Françoise'));
  assert.ok(trouverNom('Monsieur FRANCE Paul', 'France'));
});

nom('empty OCR holds no name', () => {
  assert.is(trouverNom('', 'DUPONT'), false);
});

nom('finds a name written one letter per box', () => {
  assert.ok(trouverNom('Nom : |D|U|P|O|N|T| | | |  Prénom : |M|A|R|I|E|', 'DUPONT'));
  assert.ok(trouverNom('Nom : |D|U|P|O|N|T| | | |  Prénom : |M|A|R|I|E|', 'Marie'));
  assert.not.ok(trouverNom('Nom : |D|U|R|A|N|D|', 'DUPONT'));
});

nom.run();
