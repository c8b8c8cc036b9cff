import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { estLigneDeTitre } from '../../classification/est-ligne-de-titre.ts';

const titre = suite('estLigneDeTitre');

titre('headings are mostly capitals; subject lines and prose are not headings', () => {
  const cas: [string, boolean][] = [
    ["ATTESTATION D'ENREGISTREMENT D'UNE DEMANDE DE LOGEMENT SOCIAL", true],
    ['BULLETIN DE PAIE   Mars 2024', true],
    ["Objet : ATTESTATION D'ENREGISTREMENT", false],
    ['Réf. : AVIS D IMPOT', false],
    ["Veuillez trouver ci-joint votre attestation d'enregistrement", false],
    ['12/03/2024', false],
    ['LIVRET DE FAMILLE - copie des pages « Enfants »', true],
    ['ATTESTATION DE PAIEMENT : prime d’activité', true],
    ['Madame DUPONT - suite à votre demande du 12 mars', false],
    ['CAF - votre attestation de paiement', false],
    ['', false],
  ];
  for (const [ligne, attendu] of cas) assert.is(estLigneDeTitre(ligne), attendu, ligne);
});

titre.run();
