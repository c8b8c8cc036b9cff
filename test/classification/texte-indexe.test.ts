import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { indexerTexte, motsPlies, plierTexte } from '../../classification/texte-indexe.ts';

const plier = suite('plierTexte');

plier('removes accents and case, folds OCR look-alikes', () => {
  assert.is(plierTexte('Salaire brut'), plierTexte('SA1AIRE BRUT'));
  assert.is(plierTexte('Numéro'), 'NUMERO');
  assert.is(plierTexte('DÉPÔT'), plierTexte('dep0t'));
  assert.is(plierTexte('cœur'), 'COEUR');
});

plier.run();

const mots = suite('motsPlies');

mots('cuts on punctuation and drops single characters', () => {
  assert.equal(motsPlies("ATTESTATION D'ENREGISTREMENT"), ['ATTESTATION', 'ENREGISTREMENT']);
  assert.equal(motsPlies('  Né(e) le : 12.03.1986 '), ['NE', 'IE', 'I2', 'O3', 'I9B6']);
  assert.equal(motsPlies(''), []);
});

mots('« N° » is the word « numéro », not a letter dropped', () => {
  assert.equal(motsPlies('N° de sécurité sociale'), motsPlies('Numéro de sécurité sociale'));
  assert.equal(motsPlies('Nº unique : 057'), ['NUMERO', 'UNIQUE', 'OS7']);
  // a word ending in n before a degree sign stays itself
  assert.equal(motsPlies('Bassin 20°'), ['BASSIN', '2O']);
});

mots.run();

const index = suite('indexerTexte');

index('finds phrases across lines with one OCR slip per long word', () => {
  const t = indexerTexte('BULLETIN DE PAIE\nNet à payer avant impôt\nSALAlRE DE BASE 1 801,84\nCotisatons salariales');
  assert.equal(t.chercher('bulletin de paie'), [0]);
  assert.equal(t.chercher('Salaire de base'), [7]);
  assert.equal(t.chercher('cotisations'), [t.mots.indexOf('COTISATONS')]);
  assert.is(t.ligneDuMot[t.chercher('net à payer')[0] ?? -1], 1);
  assert.equal(t.chercher('paie net'), [2]);
  assert.equal(t.chercher('avis d impôt'), []);
  assert.equal(t.chercher(''), []);
});

index('short words must match exactly', () => {
  const t = indexerTexte('CAS APL CDD');
  assert.equal(t.chercher('CAF'), []);
  assert.equal(t.chercher('APL'), [1]);
});

index('a short word in the plural is the word; another short word is not', () => {
  const t = indexerTexte('EXTRAIT DU REGISTRE DES ACTES DE NAISSANCE\nTAXES FONCIÈRES 2025');
  assert.equal(t.chercher('acte de naissance'), [4]);
  assert.equal(t.chercher('taxe foncière'), [7]);
  assert.equal(t.chercher('du registre de'), [], '« DES » is no plural of « DE »');
  assert.equal(indexerTexte('CAFS').chercher('CAF'), [0]);
  assert.equal(indexerTexte('CAFE').chercher('CAF'), []);
});

index.run();
