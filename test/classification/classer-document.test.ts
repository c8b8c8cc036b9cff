import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classerDocument, type Classement } from '../../classification/classer-document.ts';
import type { Personnes } from '../../classification/page-text.ts';
import {
  ATTESTATION_CAF,
  ATTESTATION_HEBERGEMENT,
  attestationPage2,
  AVIS_IMPOT,
  AVIS_IMPOT_PAGE_2,
  BULLETIN_2_PAGES_P1,
  BULLETIN_2_PAGES_P2,
  bulletinSalaire,
  CARTE_ETUDIANT,
  cni,
  CNI_VERSO_MRZ,
  courrierCitantNumero,
  PASSEPORT,
  QUITTANCE,
  titreSejour,
} from './echantillons.ts';

const FOYER: Personnes = {
  demandeur: { nom: 'DUPONT', prenom: 'Marie' },
  conjoint: { nom: 'NGUYEN', prenom: 'Thi Lan' },
  personnesACharge: [{ nom: 'DUPONT', prenom: 'Léo' }],
};
const OPTIONS = { personnes: FOYER, today: '2025-01-15' };

function resume(c: Classement): string {
  return c.decision === 'classe' ? `${c.categorie}/${c.type}` : `abstention:${c.motif}`;
}

// OCR damage typical of a fax-quality payslip: look-alike digits and letters, lost accents.
const BULLETIN_BRUITE = bulletinSalaire('05')
  .replace('BULLETIN DE PAIE', 'BULLET1N DE PA1E')
  .replace('Salaire de base', 'Sa1aire de ba5e')
  .replace('Net à payer', 'Net a payer')
  .replace('Cotisations', 'Cotisatlons');

/** Each text typed as said, or the test names its first lines and what it was typed as. */
function assertTypes(cas: [string, string][]) {
  for (const [texte, type] of cas) {
    const c = classerDocument([texte], OPTIONS);
    assert.is(c.decision === 'classe' ? c.type : `abstention ${c.suggestions[0]?.type}`, type, texte.split('\n').slice(0, 2).join(' / '));
  }
}

const classer = suite('classerDocument');

classer('table of documents and their type', () => {
  const cas: [string, string[], string][] = [
    ['avis d impôt, two pages', [AVIS_IMPOT, AVIS_IMPOT_PAGE_2], 'RFR/AVI'],
    ['bulletin de salaire', [bulletinSalaire('03')], 'RES/BUL'],
    ['bulletin de salaire over two pages', [BULLETIN_2_PAGES_P1, BULLETIN_2_PAGES_P2], 'RES/BUL'],
    ['bulletin de salaire, noisy OCR', [BULLETIN_BRUITE], 'RES/BUL'],
    ['quittance de loyer', [QUITTANCE], 'LOGACT/JUSTL'],
    ['attestation CAF', [ATTESTATION_CAF], 'RES/CAF'],
    ['attestation d hébergement', [ATTESTATION_HEBERGEMENT], 'LOGACT/HEB'],
    ['carte d étudiant', [CARTE_ETUDIANT], 'SPR/ETU'],
    ['attestation page 2 inside an envelope', [attestationPage2()], 'DOC/ATT'],
    ['CNI of the demandeur', [cni()], 'IDD/CID'],
    ['passport of the demandeur', [PASSEPORT], 'IDD/CID'],
    ['CNI of the conjoint', [cni('NGUYEN', 'Thi Lan')], 'IDC/CIC'],
    ['titre de séjour of the conjoint', [titreSejour()], 'IDC/TSC'],
    ['titre de séjour of the demandeur', [titreSejour('DUPONT', 'Marie')], 'IDD/TSD'],
    ['CNI of a child of the household', [cni('DUPONT', 'Léo', '01.09.2030', '02.03.2014')], 'PAC/CIP'],
    ['back of a CNI: machine zone only', [CNI_VERSO_MRZ], 'IDD/CID'],
    ['a landlord letter: no type stands out', [courrierCitantNumero()], 'abstention:confiance_insuffisante'],
    ['empty OCR', [''], 'abstention:texte_vide'],
    ['blank pages', ['  ', '\n'], 'abstention:texte_vide'],
    ['text without any keyword', ['Lorem ipsum dolor sit amet'], 'abstention:confiance_insuffisante'],
  ];
  for (const [nom, pages, attendu] of cas) {
    const c = classerDocument(pages, OPTIONS);
    assert.is(resume(c), attendu, `${nom}: ${JSON.stringify(c)}`);
  }
});

classer("a document issued to minors only is a dependant's, its title read through OCR's slips", () => {
  const seulDemandeur = { personnes: { demandeur: FOYER.demandeur ?? { nom: '' } }, today: '2025-01-15' };
  const tir = "REPUBLIQUE FRANÇAISE\nTITRE D'IQENTITE REPUBLICAIN\nMARTIN\nLina\n01032014 Le Havre\ncongolaise\n0109 2022 . 01 09 2027 91ND72020";
  const c = classerDocument(tir, seulDemandeur);
  assert.is(c.decision, 'classe');
  if (c.decision === 'classe') assert.is(c.type, 'CIP');
  assert.ok(c.indices.includes('document délivré aux seuls mineurs'), c.indices.join(' ; '));
});

classer('demandeur, conjoint or personne à charge when the household is partly known', () => {
  const seulDemandeur = { personnes: { demandeur: FOYER.demandeur ?? { nom: '' } }, today: '2025-01-15' };
  const cas: [string, string, Classement['decision'], string, number][] = [
    ['the demandeur', cni(), 'classe', 'CID', 1],
    ['another adult, conjoint presumed', cni('MARTIN', 'Paul'), 'classe', 'CIC', 0.75],
    ['a minor by birth date', cni('MARTIN', 'Lina', '01.09.2030', '02.03.2014'), 'classe', 'CIP', 0.8],
    [
      'a minor by birth date, its label misread',
      cni('MARTIN', 'Lina', '01.09.2030', '02.03.2014').replace('Date de naiss. / Date of birth', 'Néte) le'),
      'classe',
      'CIP',
      0.8,
    ],
  ];
  for (const [nom, texte, decision, type, facteur] of cas) {
    const c = classerDocument(texte, seulDemandeur);
    const reference = classerDocument(cni(), seulDemandeur);
    assert.is(c.decision, decision, nom);
    if (c.decision === 'classe') assert.is(c.type, type, nom);
    assert.ok(Math.abs(c.confiance - reference.confiance * facteur) <= 0.011, `${nom}: ${c.confiance}`);
  }
});

classer('no household given: the demandeur variant, with less confidence', () => {
  const c = classerDocument(cni());
  assert.is(resume(c), 'IDD/CID');
  assert.ok(c.confiance <= 0.7, String(c.confiance));
});

classer('a household member nobody can name sends the document to review with the variants', () => {
  const c = classerDocument(cni('MARTIN', 'Paul'), OPTIONS);
  assert.is(resume(c), 'abstention:personne_indeterminee');
  assert.is(c.suggestions[0]?.type, 'CID');
  const deux = classerDocument(`${cni()}\n${cni('NGUYEN', 'Thi Lan')}`, OPTIONS);
  assert.is(resume(deux), 'abstention:personne_indeterminee');
  assert.ok(deux.indices.includes('plusieurs personnes du foyer nommées'));
});

classer('the threshold is configurable per type', () => {
  const strict = classerDocument(cni(), { ...OPTIONS, seuils: { CID: 1.01 } });
  assert.is(resume(strict), 'abstention:confiance_insuffisante');
  assert.is(strict.suggestions[0]?.type, 'CID');
  assert.is(resume(classerDocument([bulletinSalaire('03')], { ...OPTIONS, seuils: { CID: 1.01 } })), 'RES/BUL');
  assert.is(resume(classerDocument([bulletinSalaire('03')], { ...OPTIONS, seuilDefaut: 1.01 })), 'abstention:confiance_insuffisante');
});

classer('gives confidence, evidence and up to three suggestions of different kinds', () => {
  const c = classerDocument([AVIS_IMPOT], OPTIONS);
  assert.ok(c.confiance > 0.8 && c.confiance <= 1);
  assert.ok(
    c.indices.some((i) => i.startsWith("« AVIS D'IMPÔT »")),
    c.indices.join(),
  );
  assert.equal(c.suggestions.map((s) => s.type).slice(0, 2), ['AVI', 'ASD']);
  assert.ok(c.suggestions.length <= 3);
  const cniSugg = classerDocument(cni(), OPTIONS).suggestions.map((s) => s.type);
  assert.is(cniSugg[0], 'CID');
  assert.not.ok(cniSugg.includes('CIC'), 'the variants of one family are one suggestion');
});

classer("documents that share another type's wording are told apart by their own: an ASDIR, a tax notice, a visa, a student card, a pension", () => {
  const cas: [string, string][] = [
    [
      [
        'Direction générale des Finances publiques',
        "Avis de situation déclarative à l'impôt sur le revenu 2025",
        "Ce document n'est pas un avis d'impôt.",
        'Situation de famille : Célibataire     Nombre de parts : 1',
        'Revenu brut global : 21 300 €     Revenu imposable : 19 170 €',
        'Revenu fiscal de référence : 19 170 €',
      ].join('\n'),
      'ASD',
    ],
    [
      [
        'DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES',
        "AVIS D'IMPÔT 2025 TAXES FONCIÈRES",
        'Numéro fiscal : 30 12 345 678 912',
        'Taxe foncière sur les propriétés bâties',
        'Montant à payer : 842 €',
      ].join('\n'),
      'PRO',
    ],
    [
      [
        'VISA',
        'VALABLE POUR FRANCE',
        'TYPE DE VISA D',
        "NOMBRE D'ENTRÉES MULT",
        'DURÉE DU SÉJOUR 365 JOURS',
        'NOM, PRÉNOM DUPONT, MARIE',
        'REMARQUES VLS-TS SALARIÉ',
      ].join('\n'),
      'TSD',
    ],
    [
      [
        'Caf de la Moselle — Aripa',
        'Attestation de versement de pension alimentaire',
        "Nous attestons que Madame DUPONT Marie perçoit par l'intermédiaire de l'Aripa la pension alimentaire",
        'fixée par le juge aux affaires familiales, due par le parent débiteur.',
        'Mois   Montant dû   Montant versé',
      ].join('\n'),
      'PAL',
    ],
    [
      [
        "COPIE INTÉGRALE D'ACTE DE NAISSANCE",
        'Mentions marginales',
        "Par décret du 14/01/2024, l'intéressée a été autorisée à porter le nom de DUPONT au lieu de KOWALCZYK.",
        'est née à Metz DUPONT Marie, fille de Jean DUPONT',
        "L'officier de l'état civil",
      ].join('\n'),
      'ETC',
    ],
    [
      [
        'EXTRAIT DES MINUTES DU GREFFE',
        'TRIBUNAL JUDICIAIRE DE METZ — CHAMBRE CORRECTIONNELLE',
        'PRÉVENU : Monsieur MARTIN Paul     PARTIE CIVILE : Madame DUPONT Marie',
        'DÉCLARE MARTIN Paul coupable des faits qui lui sont reprochés ;',
        "le CONDAMNE à une peine de 6 mois d'emprisonnement avec sursis.",
      ].join('\n'),
      'CND',
    ],
    [
      [
        'UNIVERSITÉ DE LORRAINE',
        'ÉTUDIANT / STUDENT',
        'Nom / Name DUPONT',
        'Prénom / First name Marie',
        'N° étudiant / Student ID 41234567',
        'Année universitaire 2025-2026',
      ].join('\n'),
      'ETU',
    ],
    [
      [
        'Service des retraites de la fonction publique hospitalière',
        'ATTESTATION DE PAIEMENT DE PENSION — année 2025',
        'Titre de pension n° 12 3456789 0     Madame DUPONT Marie',
        'Pension brute 1 420,00 €   CSG déductible -83,78 €   CSG/CRDS non déductible -41,18 €',
        'Pension nette 1 287,84 €',
      ].join('\n'),
      'RET',
    ],
    [
      [
        'CENTRE HOSPITALIER DE CAYENNE     Unité médico-judiciaire',
        'Dr Mélanie Mercier, médecin légiste     RPPS 72633605575',
        'CERTIFICAT MÉDICAL constatant des violences - établi sur réquisition judiciaire',
        'Je soussignée, docteur en médecine, certifie avoir examiné Madame DUPONT Marie, qui déclare avoir été victime de violences',
        'Incapacité totale de travail : 5 jours',
      ].join('\n'),
      'VIO',
    ],
    [
      [
        'MINISTÈRE DE LA JUSTICE     Direction des services judiciaires',
        'ARRÊTÉ du 2 septembre 2025 portant mutation',
        'Madame DUPONT Marie, greffière, est mutée dans l’intérêt du service au tribunal judiciaire de Metz.',
        'Elle prendra ses fonctions le 1er octobre 2025.',
      ].join('\n'),
      'MUT',
    ],
  ];
  assertTypes(cas);
});

classer('documents of issuers other than the obvious ones, by the words they print', () => {
  const cas: [string, string][] = [
    ['CERTIFICAT DE RÉSIDENCE POUR ALGÉRIEN\nNOM / PRÉNOMS DUPONT Marie\nMention VIE PRIVÉE ET FAMILIALE\nValable jusqu’au 01/03/2027', 'TSD'],
    ['Intermédiation locative\nNOTIFICATION DE FIN DE SOUS-LOCATION\nLa convention d’occupation temporaire prendra fin le 1er mars 2026.', 'CGE'],
    ['DIAGNOSTIC DE PERFORMANCE ÉNERGÉTIQUE (logement)\nN° ADEME 2575E0123456X\nClasse énergie G : passoire thermique', 'INS'],
    ['OFFICE FRANÇAIS DE L’IMMIGRATION ET DE L’INTÉGRATION\nContrat d’intégration républicaine\nFormation civique : 4 jours suivis', 'FOR'],
    ['CARTE PERMETTANT L’EXERCICE D’UNE ACTIVITÉ COMMERCIALE OU ARTISANALE AMBULANTE\nNom : DUPONT Prénom : Marie\nNé(e) le 14/07/1986', 'IND'],
    ['Ressources humaines\nDÉCISION D’AFFECTATION\nMadame DUPONT Marie est affectée au centre de tri de Metz à compter du 1er novembre.', 'MUT'],
    [
      'Équipe mobile psychiatrie précarité\nATTESTATION DE SITUATION\nJe soussignée, assistante de service social, atteste suivre Madame DUPONT Marie, sans domicile stable.',
      'SDF',
    ],
    [
      'Opération programmée d’amélioration de l’habitat\nFICHE DE REPÉRAGE - HABITAT DÉGRADÉ\nDésordres constatés : humidité, installation électrique dangereuse',
      'INS',
    ],
    ['CARTE EUROPÉENNE D’ASSURANCE MALADIE\n3 Nom DUPONT 4 Prénoms Marie\n6 Numéro d’identification personnel 2 86 07 57 463 087', 'NIR'],
    ['Greffe du tribunal de commerce de Metz\nEXTRAIT D’IMMATRICULATION au registre spécial des agents commerciaux\nNom, prénoms : DUPONT Marie', 'IND'],
    ['Conseil départemental\nNOTIFICATION D’ATTRIBUTION DE BOURSE\nLa commission permanente a attribué à votre enfant une bourse départementale.', 'BOU'],
    [
      'ATTESTATION DE PERCEPTION DE PENSION ALIMENTAIRE\nJ’atteste avoir reçu de Madame DUPONT Marie 150 € par mois au titre de la contribution à l’entretien.',
      'PAL',
    ],
    ['Juge aux affaires familiales\nJUGEMENT DE SÉPARATION DE CORPS\nPrononce la séparation de corps des époux.', 'SFAM'],
    ['France Services\nNOTE DE TRANSMISSION au centre de numérisation du dossier unique\nDemandeur : DUPONT Marie\nPièces jointes : 4', 'COU'],
    ['Agence nationale de la conservation foncière\nCERTIFICAT DE PROPRIÉTÉ\nTitre foncier n° 33666/18\nPropriétaire : DUPONT Marie', 'PRO'],
    ['Docteur Anne Lebrun\nCERTIFICAT MÉDICAL\nSon handicap nécessite un logement adapté, accessible de plain-pied, avec barres d’appui.', 'CMH'],
    ['Caisse des Dépôts\nATTESTATION DE PAIEMENT\nAllocation de solidarité aux personnes âgées (ASPA) : 1 034,28 € par mois', 'RET'],
    [
      "Caisse primaire d'assurance maladie\nATTESTATION DE DROITS À L'ASSURANCE MATERNITÉ\nVotre déclaration de grossesse nous est parvenue.\nCongé de maternité à partir du 02/03/2026.",
      'GRO',
    ],
    [
      "Mutuelle des étudiants, régime obligatoire\nATTESTATION D'AFFILIATION\nMadame DUPONT Marie, numéro de sécurité sociale 2 86 07 57 463 087, affiliée au titre de l'assurance maladie",
      'NIR',
    ],
    [
      'Juge aux affaires familiales\nORDONNANCE\nCondamne Monsieur DUPONT à verser à son épouse 300 € par mois au titre de la contribution aux charges du mariage.',
      'PAL',
    ],
    [
      'Tribunal judiciaire\nORDONNANCE DE VALIDATION\nValidons la composition pénale proposée par le procureur de la République à M. DUPONT pour des violences conjugales.',
      'CND',
    ],
    [
      'Juge aux affaires familiales\nEXTRAIT DU DISPOSITIF\nAutorise Madame DUPONT Marie à conserver l’usage du nom de son ex-époux, « MARTIN », après le divorce.',
      'ETC',
    ],
    ['Résidence sociale Les Tilleuls\nQUITTANCE DE REDEVANCE\nMadame DUPONT Marie a réglé la redevance d’occupation de son logement pour mars 2026.', 'JUSTL'],
    [
      'Tribunal judiciaire de Metz\nService des tutelles\nORDONNANCE\nVu l’avis du médecin, autorise la résiliation du bail du logement de Monsieur DUPONT.',
      'TUT',
    ],
    ['Maison France Services\nNote de transmission\nMadame DUPONT Marie vous adresse les pièces de sa demande de logement social.\nCordialement', 'COU'],
  ];
  assertTypes(cas);
});

classer('a birth act is a personne à charge’s unless it is the demandeur’s own: then its margin tells what it proves', () => {
  const acte = (prenom: string, naissance: string, mere: string, mention: string) =>
    [
      'Mairie de Metz - Service de l’état civil',
      "EXTRAIT D'ACTE DE NAISSANCE",
      'avec indication de la filiation',
      'Nom : DUPONT',
      `Prénom(s) : ${prenom}`,
      `Date et lieu de naissance : ${naissance} - Metz`,
      'Père : Olivier DUPONT',
      `Mère : ${mere}`,
      `MENTIONS MARGINALES : ${mention}`,
      'L’officier de l’état civil',
    ].join('\n');
  const pacs = 'Pacte civil de solidarité enregistré le 20 décembre 2024 avec Thi Lan NGUYEN, né le 3 mai 1984.';
  assert.is(resume(classerDocument([acte('Léo', '3 mars 2015', 'Marie DUPONT', 'néant')], OPTIONS)), 'PAC/ANA', 'the child’s, naming the demandeur as mother');
  assert.is(resume(classerDocument([acte('Marie', '14 juillet 1986', 'Anne DUPONT', pacs)], OPTIONS)), 'IDD/SFAM', 'the demandeur’s own, a PACS in its margin');
  // a full copy tells its subject in a sentence that names the parents too: the child's, the demandeur its mother
  const copieIntegrale = [
    'Mairie de Metz - Service de l’état civil',
    "COPIE INTÉGRALE D'ACTE DE NAISSANCE",
    'Le trois mars deux mille quinze, à dix heures, est né Léo DUPONT, de Olivier DUPONT et de Marie DUPONT, son épouse.',
    'Dressé le quatre mars deux mille quinze. L’officier de l’état civil',
  ].join('\n');
  assert.is(resume(classerDocument([copieIntegrale], OPTIONS)), 'PAC/ANA', 'a full copy naming the demandeur as mother');
  // a full copy dated, right before its « est née », on the demandeur's birthday is hers, under whatever name she was
  // born with; her birth date further on, as a mother's, leaves her child's act a child's
  const avecNaissances = { ...OPTIONS, personnes: { ...FOYER, demandeur: { nom: 'DUPONT', prenom: 'Marie', dateNaissance: '1986-07-14' } } };
  const copieDe = (naissance: string, sujet: string, mere: string) =>
    [
      'Mairie de Metz - Service de l’état civil',
      "COPIE INTÉGRALE D'ACTE DE NAISSANCE",
      `Le ${naissance}, à dix heures, est né(e) ${sujet}, de Piotr KOWALSKI, ouvrier, et de ${mere}, sans profession.`,
      'Dressé le lendemain, sur la déclaration du père. L’officier de l’état civil',
    ].join('\n');
  const sienne = resume(classerDocument([copieDe('14 juillet 1986', 'Marie KOWALSKI', 'Anne LEROY')], avecNaissances));
  assert.not.ok(sienne.startsWith('PAC/'), `the demandeur's own act is no dependant's: ${sienne}`);
  const deSonFils = copieDe('3 mars 2015', 'Léo KOWALSKI', 'Marie DUPONT, née le 14 juillet 1986');
  assert.is(resume(classerDocument([deSonFils], avecNaissances)), 'PAC/ANA', 'her son’s, her birth date as his mother’s');
});

classer('the same words in a letter count less than as a heading', () => {
  const titre = classerDocument('DEMANDE DE LOGEMENT SOCIAL\ncerfa 14069', OPTIONS);
  const prose = classerDocument('nous avons examiné votre demande de logement social', OPTIONS);
  assert.ok(titre.confiance > prose.confiance);
});

classer("a sworn translation's own words are no evidence of a type: a foreign land register's extract, translated, is a property's", () => {
  const extrait = [
    'Caderneta predial urbana (livret foncier urbain) - Autorité fiscale, bureau des finances de Guarda',
    'Article cadastral : 4110. Titulaire : ROUX Sarah. Affectation : habitation.',
  ].join('\n');
  const traduction = [
    "Paulo MENDES, traducteur expert près la cour d'appel - portugais",
    'TRADUCTION CERTIFIÉE CONFORME',
    extrait,
    "Traduction certifiée conforme à l'original en langue portugaise.",
  ].join('\n');
  const c = classerDocument(traduction, OPTIONS);
  assert.is(c.decision === 'classe' ? c.type : c.decision, 'PRO', JSON.stringify(c));
});

classer("a foreign identity card or civil status act is known by its own country's name for it", () => {
  const cases: Array<[string, string]> = [
    ['RZECZPOSPOLITA POLSKA\nDOWÓD OSOBISTY\nDUPONT\nMARIE\n12.04.1988\nABC 123456\n03.02.2031', 'IDD/CID'],
    ['REPUBLICA PORTUGUESA\nCARTÃO DE CIDADÃO\nNGUYEN\nTHI LAN\n09 11 1990\n01 06 2030', 'IDC/CIC'],
    [
      'Standesamt Saarbrücken\nGEBURTSURKUNDE\nGeburtsregister Nr. G 412/2015\nLéo DUPONT\ngeboren am 03.03.2015 in Saarbrücken\nMutter: Marie DUPONT',
      'PAC/ANA',
    ],
    [
      "Mairie de Metz\nEXTRAIT PLURILINGUE D'ACTE DE NAISSANCE\nConvention CIEC n° 16 - Extract from a birth record\nDate of birth 03/03/2015\nSex M\nName DUPONT\nForenames Léo\nMother's name Marie DUPONT",
      'PAC/ANA',
    ],
  ];
  for (const [texte, attendu] of cases) assert.is(resume(classerDocument(texte, OPTIONS)), attendu, texte.split('\n')[1]);
});

classer('documents whose card fields or issuer point elsewhere are typed by what they are', () => {
  const cases: Array<[string, string]> = [
    [
      "EUROPEAN DISABILITY CARD\nCARTE EUROPÉENNE DU HANDICAP\nNOM / SURNAME DUPONT\nPRÉNOM / GIVEN NAME MARIE\nVALABLE JUSQU'AU / VALID UNTIL 01/10/2030\nDélivrée par la MDPH de la Moselle",
      'HAN/CMI',
    ],
    [
      "Centre communal d'action sociale de Metz\nService logement temporaire\nATTESTATION D'HÉBERGEMENT TEMPORAIRE\nLogement financé par l'allocation de logement temporaire (ALT)\nLe président du CCAS atteste que Madame DUPONT Marie occupe un logement temporaire géré par le CCAS.",
      'LOGACT/STR',
    ],
    ['Hôtel du Parc - meublé\nFACTURE - SÉJOUR AU MOIS\nMadame DUPONT Marie, chambre 12\nNuitées 30 38,00 1140,00\nTotal acquitté 1140,00', 'LOGACT/JUSTL'],
    [
      'Caf de la Moselle\nN° allocataire : 4971826\nMadame DUPONT Marie\nALLOCATION JOURNALIÈRE DU PROCHE AIDANT\nVous avez déclaré 10 journées de congé de proche aidant. Montant journalier : 65,80 €.',
      'RES/CAF',
    ],
  ];
  for (const [texte, attendu] of cases) assert.is(resume(classerDocument(texte, OPTIONS)), attendu, texte.split('\n')[1]);
});

classer(
  'a lease under another name, a work contract for a trade, a card awaited by its rights, a self-employed declaration, an invalidity pension, typed by the words their issuers print',
  () => {
    const cases: Array<[string, string]> = [
      [
        "Association Solidarité Logement\nCONTRAT DE SOUS-LOCATION\nENTRE l'association, locataire principal, ET Madame DUPONT Marie, ci-après « le sous-locataire ».\nDésignation : T2, 4 rue des Tilleuls, 57000 Metz.",
        'LOGACT/BAIL',
      ],
      [
        "CONTRAT D'APPRENTISSAGE\nArticles L. 6221-1 et suivants du code du travail\nL'EMPLOYEUR Boulangerie Martin\nL'APPRENTI(E) DUPONT Marie\nMaître d'apprentissage : M. Martin",
        'SPR/CTR',
      ],
      [
        "Maison départementale des personnes handicapées\nATTESTATION DE DROITS - CARTE MOBILITÉ INCLUSION\nVotre carte a été commandée auprès de l'Imprimerie nationale.\nMention(s) accordée(s) : invalidité",
        'HAN/CMI',
      ],
      ["Urssaf\nRÉCAPITULATIF DE DÉCLARATION\nDéclarant : DUPONT Marie\nChiffre d'affaires déclaré : 8 240 €\nTaux global de cotisations : 21,2 %", 'RES/NSA'],
      [
        "Caisse primaire d'assurance maladie de la Moselle\nNOTIFICATION\nVous êtes classée en invalidité de deuxième catégorie : votre capacité de travail ou de gain est réduite des deux tiers (article L. 341-1 du code de la sécurité sociale).",
        'RES/RET',
      ],
    ];
    for (const [texte, attendu] of cases) assert.is(resume(classerDocument(texte, OPTIONS)), attendu, texte.split('\n')[1]);
  },
);

classer("a renewal receipt is a receipt, whatever permit its heading's second line and its fields name", () => {
  const recepisse = [
    'PRÉFET DE LA MOSELLE',
    "Direction de l'immigration et de l'intégration",
    'RÉCÉPISSÉ DE DEMANDE DE RENOUVELLEMENT',
    'de carte de séjour temporaire « vie privée et familiale »',
    'Nom DUPONT Prénom(s) Marie',
    'Titre détenu : carte de séjour temporaire vie privée et familiale',
    'Valable du 13/09/2024 au 12/12/2024',
    'Le présent récépissé permet de justifier de la régularité du séjour pendant l’instruction de la demande.',
  ].join('\n');
  assert.is(resume(classerDocument([recepisse], OPTIONS)), 'IDD/RTS');
});

classer('a payment is typed by the benefit paid and a slip by what it states, whoever the issuer', () => {
  const cases: Array<[string, string]> = [
    [
      "MSA Mutualité sociale agricole\nATTESTATION DE PAIEMENT\nNous certifions que Madame DUPONT Marie a perçu de la MSA :\navril 2024 Allocation aux adultes handicapés 903,48 €\nDroit à l'AAH ouvert par décision de la CDAPH",
      'RES/AAH',
    ],
    [
      "T4 - STATEMENT OF REMUNERATION PAID / ÉTAT DE LA RÉMUNÉRATION PAYÉE - 2023\nEmployee's name / Nom de l'employé DUPONT Marie\nMontants en dollars canadiens\nCanada Revenue Agency Agence du revenu du Canada",
      'RFR/REE',
    ],
    [
      "Suva - Caisse nationale suisse d'assurance en cas d'accidents\nDÉCOMPTE DES INDEMNITÉS JOURNALIÈRES\nAssurée : Madame DUPONT Marie\nIncapacité de travail : 100 %\nGain journalier assuré : CHF 197,00",
      'RES/IJS',
    ],
  ];
  for (const [texte, attendu] of cases) assert.is(resume(classerDocument([texte], OPTIONS)), attendu, texte.split('\n')[1]);
});

classer("a letter's closing sentence is one piece of evidence of a letter, not three: a hiring letter is the hiring", () => {
  const lettre = (objet: string, corps: string) =>
    [
      'Transports du Nord',
      'Direction des ressources humaines',
      'Madame MARTIN Claire',
      `Objet : ${objet}`,
      'Madame,',
      corps,
      "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.",
    ].join('\n');
  const embauche = classerDocument(
    lettre('votre embauche', 'Nous avons le plaisir de vous confirmer votre embauche au poste de conductrice à compter du 2 mars 2026.'),
  );
  assert.equal([embauche.decision, embauche.decision === 'classe' && embauche.type], ['classe', 'MUT']);
  // a letter that is nothing else stays a letter
  const adresse = classerDocument(lettre("changement d'adresse", "Je vous informe de mon changement d'adresse."));
  assert.equal([adresse.decision, adresse.decision === 'classe' && adresse.type], ['classe', 'COU']);
});

classer.run();
