import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indiceDeDebut } from '../../classification/debut-de-document.ts';

test('what opens a document, whatever its type', () => {
  const cas: [string, string, RegExp | undefined][] = [
    ['a letter with its subject', 'Agence de Bastia\nMadame COHEN Mélanie\n20200 BASTIA\nObjet : reprise de vos droits', /objet/],
    ['a letter with its place and date', 'Cabinet Fidexpert\nBourg-en-Bresse, le 01/10/2025\nNous soussignés attestons', /lieu et date/],
    ['the State letterhead', 'RÉPUBLIQUE\nFRANÇAISE\nLiberté\nPRÉFECTURE DU NORD', /République/],
    ['a title naming a kind of document', 'Centre hospitalier\n“ CERTIFICAT MÉDICAL\nJe soussigné certifie', /CERTIFICAT MÉDICAL/],
    ['a deposit slip', 'MAIRIE ANNEXE - Centre-ville 01/10/2025\nAccueil logement\nBON DE DÉPÔT - BOÎTE AUX LETTRES', /BON DE DÉPÔT/],
    ['a receipt of an issuer no rule knows', "Aire d'accueil de Saint-Denis\nREÇU DE DROIT D'EMPLACEMENT ET DE FLUIDES", /REÇU DE DROIT/],
    [
      "a letter's salutation below its addresses",
      'Caf du Var\nAllocations familiales\nAIDE EXCEPTIONNELLE DE FIN D’ANNÉE\nMadame GAUTHIER Valérie\n104 rue des Jardins\n83000 TOULON\nN° allocataire : 3868563\nLe 01/10/2025\nMadame, vous étiez bénéficiaire du revenu de solidarité active.',
      /formule d’appel/,
    ],
    [
      "a volunteer's note greeting the service",
      'Amicale des locataires - cité des Lilas\nAu service logement\nLe 01/10/2025\nBonjour, je vous fais passer les papiers de Madame ROUX Anne.',
      /formule d’appel/,
    ],
    [
      'a foreign tax notice that calls itself a notice',
      'SPF FINANCES\nCentre de perception de Namur\nAVERTISSEMENT-EXTRAIT DE RÔLE\nExercice d’imposition 2025',
      /AVERTISSEMENT/,
    ],
    ['an addressee named, no salutation', 'Caf du Var\nMadame GAUTHIER Valérie, née le 02/03/1980, perçoit les prestations suivantes.', undefined],
    ['a last page signed « À …, le »', 'Signatures\nFait en deux exemplaires.\nÀ Amiens, le 25/08/2022\nLe bailleur', undefined],
    ['a last page signed « Fait à …, le »', 'V. Clauses particulières\nFait à Dijon, le 3/10/2020', undefined],
    ['a mail room stamp', 'Fait pour servir et valoir ce que de droit.\nREÇU LE 28/09/2025\nMulhouse Habitat', undefined],
    ['a sworn translation of the page before', 'TRADUCTION CERTIFIÉE CONFORME\nde l’allemand vers le français', undefined],
    ['a copy certified by a court', 'Voies de recours : appel dans un délai de quinze jours.\nCOPIE CERTIFIÉE CONFORME', undefined],
    ['a title below the first lines', `${'Article premier.\n'.repeat(12)}ATTESTATION`, undefined],
  ];
  for (const [nom, texte, attendu] of cas) {
    const indice = indiceDeDebut(texte);
    if (attendu === undefined) assert.is(indice, undefined, nom);
    else assert.match(indice ?? '', attendu, nom);
  }
});

test.run();
