import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lirePagination } from '../../classification/lire-pagination.ts';

const pagination = suite('lirePagination');

pagination('reads the page markers of the usual footers', () => {
  const cas: [string, { numero: number; total: number } | undefined][] = [
    ['texte\nPage 2/3', { numero: 2, total: 3 }],
    ['texte\npage 1 sur 2\n', { numero: 1, total: 2 }],
    ['texte\n  2/2  \n', { numero: 2, total: 2 }],
    ['texte\n- 3 / 4 -', { numero: 3, total: 4 }],
    ['Metz Habitat, 10 rue Collin                 2/2', { numero: 2, total: 2 }],
    ['PAGE 1/1', { numero: 1, total: 1 }],
    // a running title's page count
    ['cerfa N° 14069*04 Demande de logement social - 2/2\nVOTRE LOGEMENT ACTUEL', { numero: 2, total: 2 }],
    // a browser's print footer
    ['https://www.demande-logement-social.gouv.fr/espace-demandeur/ma-demande 2/2', { numero: 2, total: 2 }],
  ];
  for (const [texte, attendu] of cas) assert.equal(lirePagination(texte), attendu, texte);
});

pagination('dates and amounts are not page numbers', () => {
  const cas = ['Période du 01/03/2024', 'le 14/12', 'Date : 12/2023', 'Taux 3/4 temps dans le texte', 'page 3/2', ''];
  for (const texte of cas) assert.is(lirePagination(texte), undefined, texte);
});

pagination('a date cell of a table or a register is no page marker', () => {
  const registre =
    'REGISTRE DES DEMANDES\nFolio 41\nDate Nom et prénom Adresse\n10/12\nÉLIE Loïc\n66 rue des Jardins\n013-1215-996740-ALSRV\nVisa\nCopie conforme';
  assert.is(lirePagination(registre), undefined);
  assert.is(lirePagination('Date\n02/08\nREGISTRE DES DEMANDES\nNom et prénom'), undefined);
  assert.is(lirePagination('Entrée dans les lieux      02/08'), undefined);
});

pagination.run();
