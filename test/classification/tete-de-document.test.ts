import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { teteDeDocument } from '../../classification/tete-de-document.ts';

test('a payslip head is a document page', () => {
  const tete =
    'BULLETIN DE PAIE\nRestaurant Le Médiéval\n5 zone industrielle\nPériode du 01/09/2025 au 30/09/2025\nSalaire de base 1 801,80\nCotisations salariales';
  assert.ok(teteDeDocument(tete));
});

test('the heads of covers in every layout are never a document page', () => {
  const tetes = [
    // the letter layout: its title comes below the head
    'RÉPUBLIQUE\nFRANÇAISE\nLiberté\nÉgalité\nFraternité\nExpéditeur :\nMairie de Laon\nService habitat - logement\n26 rue Pasteur\n02000 Laon\nDestinataire :',
    "RÉPUBLIQUE\nFRANÇAISE\nAttestation d'enregistrement\nde votre demande de logement social\nÉditée le 04/10/2023",
    'FICHIER PARTAGÉ DE LA DEMANDE DE LOGEMENT SOCIAL\nGrand Est\nCCAS de Strasbourg\nPôle accompagnement social\nMadame HADDAD Inès',
    'Action Logement Services\nDélégation Rhône\n44 rue des Écoles\n69200 Vénissieux\nObjet : renouvellement de votre demande Monsieur ANDRÉ Hugo',
    // a slip in the word does not hide it
    'Préfecture - Moselle\nObjet : enregistrernent de votre dernande\nBulletin de paie',
    // a numéro unique read in the head
    'Bulletin de paie\nVotre demande 057 1215 073903 10691',
  ];
  for (const tete of tetes) assert.not.ok(teteDeDocument(tete), tete.slice(0, 60));
});

test('a letterhead that names no document is read on', () => {
  assert.not.ok(teteDeDocument('Docteur Anaïs KERBRAT\nMédecine générale\n42 avenue de la Gare\n44000 Nantes'));
  assert.not.ok(teteDeDocument(''));
});

test.run();
