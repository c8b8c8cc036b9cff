import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { extraireDateFinValidite } from '../../classification/extraire-date-fin-validite.ts';
import { AVIS_IMPOT, CARTE_ETUDIANT, cni, CNI_VERSO_MRZ, PASSEPORT, titreSejour } from './echantillons.ts';

const AUJOURDHUI = '2025-01-15';

const validite = suite('extraireDateFinValidite');

validite('table of documents: the end date, its source and the expired flag', () => {
  const cas: [string, string, string | undefined, [string, boolean, string] | undefined][] = [
    ['CNI with its label', cni(), 'CID', ['2031-03-11', false, 'libelle']],
    ['expired CNI', cni('DUPONT', 'Marie', '11.03.2021'), 'CID', ['2021-03-11', true, 'libelle']],
    ['CNI, OCR slips in the date', cni('DUPONT', 'Marie', 'l1.O3.2O31'), 'CID', ['2031-03-11', false, 'libelle']],
    ['passport (label before the machine zone)', PASSEPORT, 'CID', ['2029-05-01', false, 'libelle']],
    ['passport machine zone only', PASSEPORT.split('\n').slice(-2).join('\n'), 'CID', ['2029-05-01', false, 'mrz']],
    ['new identity card, back side: machine zone', CNI_VERSO_MRZ, 'CIC', ['2031-03-11', false, 'mrz']],
    ['titre de séjour: valable du … au …', titreSejour(), 'TSD', ['2026-09-14', false, 'libelle']],
    ['récépissé: valable jusqu au', "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR\nValable jusqu'au : 30 novembre 2024", 'RTS', ['2024-11-30', true, 'libelle']],
    ['carte d étudiant with an explicit date', CARTE_ETUDIANT, 'ETU', ['2025-08-31', false, 'libelle']],
    ['carte d étudiant with only its year', 'CARTE ETUDIANT\nAnnée universitaire 2023-2024\nDUPONT Marie', 'ETU', ['2024-08-31', true, 'annee_universitaire']],
    ['expires today: still valid', cni('DUPONT', 'Marie', '15.01.2025'), 'CID', ['2025-01-15', false, 'libelle']],
    ['no date at all', 'CARTE NATIONALE D IDENTITE\nNom DUPONT', 'CID', undefined],
    ['type without validity date', AVIS_IMPOT, 'AVI', undefined],
    ['type unknown to the plan', cni(), 'XXX', undefined],
    ['no type given: read anyway', cni(), undefined, ['2031-03-11', false, 'libelle']],
  ];
  for (const [nom, texte, type, attendu] of cas) {
    const r = extraireDateFinValidite(texte, AUJOURDHUI, type === undefined ? {} : { type });
    assert.equal(r === undefined ? undefined : [r.dateFinValidite, r.expire, r.source], attendu, nom);
  }
});

validite('a machine zone with a wrong check digit is not read', () => {
  const faussee = CNI_VERSO_MRZ.replace('3103119', '3103118');
  assert.is(extraireDateFinValidite(faussee, AUJOURDHUI), undefined);
});

validite('the birth date is never taken for the end date', () => {
  const texte = 'CARTE NATIONALE D IDENTITE\nDate de naiss. 14.07.1986\nLieu de naissance METZ';
  assert.is(extraireDateFinValidite(texte, AUJOURDHUI, { type: 'CID' }), undefined);
});

validite('gives the text it read the date from', () => {
  assert.is(extraireDateFinValidite(titreSejour(), AUJOURDHUI)?.extrait, 'Valable du 15/09/2022 au 14/09/2026');
});

validite.run();
