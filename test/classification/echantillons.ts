// Hand-written OCR-like page texts for the classification tests (two-column layouts come out of
// OCR as merged lines, footers drift to line ends, accents are sometimes lost).

export const NU_DUPONT = '057 1215 073903 10691';

export type Destinataire = { civilite: string; prenom: string; nom: string };

export const DUPONT: Destinataire = { civilite: 'Madame', prenom: 'Marie', nom: 'DUPONT' };

/** Page 1 of an attestation d'enregistrement: what opens each envelope of a scan batch. */
export function couverture(nu: string = NU_DUPONT, d: Destinataire = DUPONT): string {
  return `PRÉFET
DE LA MOSELLE
Liberté
Égalité
Fraternité

ATTESTATION D'ENREGISTREMENT D'UNE DEMANDE DE LOGEMENT SOCIAL
(article L. 441-2-1 du code de la construction et de l'habitation)

Expéditeur :                                Destinataire :
METZ HABITAT TERRITOIRE                     ${d.civilite} ${d.prenom} ${d.nom}
10 rue du Chanoine Collin                   12 rue des Jardins
57000 METZ                                  57070 METZ
Guichet enregistreur : 10691

${d.civilite},

Votre demande de logement locatif social a bien été enregistrée.

Numéro unique départemental : ${nu}
Date de dépôt initial : 14/12/2015
Date du dernier renouvellement : 10/12/2023

Ce numéro unique garantit l'enregistrement de votre demande. Rappelez-le dans toute
correspondance. Votre demande doit être renouvelée chaque année avant le 14/12/2024 ;
à défaut elle sera radiée. Vous pouvez suivre votre demande sur
www.demande-logement-social.gouv.fr
                                                                     1/2`;
}

/** Page 2 of the same attestation: repeats the number in its header, is not a cover. */
export function attestationPage2(nu: string = NU_DUPONT): string {
  return `Numéro unique : ${nu}                                  Page 2/2
CE QUE VOUS DEVEZ SAVOIR
Votre demande est valable un an. Vous devez la renouveler chaque année, un mois avant la
date anniversaire de son dépôt initial, faute de quoi elle sera radiée.
Toute modification de votre situation doit être signalée au guichet enregistreur.
Informatique et libertés : les informations recueillies font l'objet d'un traitement
informatique. Vous disposez d'un droit d'accès et de rectification auprès du guichet.
www.demande-logement-social.gouv.fr`;
}

/** A landlord's letter quoting the number in its subject line. */
export function courrierCitantNumero(nu: string = NU_DUPONT): string {
  return `Metz Habitat Territoire
Service des attributions
10 rue du Chanoine Collin - 57000 METZ
                                               Madame DUPONT Marie
                                               12 rue des Jardins
                                               57070 METZ
Metz, le 3 février 2024
Objet : votre demande de logement social n° ${nu}
Madame,
Suite à l'examen de votre demande de logement social, nous vous informons que votre dossier
sera présenté à la prochaine commission d'attribution des logements. Merci de nous faire
parvenir votre dernier avis d'imposition et votre attestation d'enregistrement à jour.
Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.
Le responsable du service attributions`;
}

export const AVIS_IMPOT = `DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES
AVIS D'IMPÔT 2024
IMPÔT SUR LES REVENUS de l'année 2023
Madame DUPONT MARIE
12 RUE DES JARDINS
57070 METZ
Numéro fiscal : 30 12 345 678 912         Référence de l'avis : 24 57 A123456 78
Vos références                             Situation de famille : C
Nombre de parts : 1,00
Revenu fiscal de référence : 18 432 €
Montant de votre impôt : 0 €
Vous n'êtes pas imposable.
Pour toute information : impots.gouv.fr
                                                                  Page 1/2`;

export const AVIS_IMPOT_PAGE_2 = `Détail des revenus
Salaires, pensions, rentes                 Déclarant 1 : 20 480
Déduction 10 % ou frais réels              - 2 048
Revenu brut global                         18 432
Détail de l'impôt
Impôt sur les revenus soumis au barème     0
                                                                  Page 2/2`;

export function bulletinSalaire(mois: string, nom = 'DUPONT', prenom = 'Marie'): string {
  return `BULLETIN DE PAIE
Période du 01/${mois}/2024 au 30/${mois}/2024          Paiement le 30/${mois}/2024
SARL BOULANGERIE DU PONTIFFROY
SIRET 812 345 678 00021   Code APE 1071C
Convention collective : Boulangerie-pâtisserie artisanale
Matricule 0042     Emploi : Vendeuse    Coefficient 160
Mme ${prenom} ${nom}
Salaire de base                151,67    11,88      1 801,84
Salaire brut                                        1 801,84
Cotisations et contributions salariales             - 398,21
Net social                                          1 412,06
Net à payer avant impôt sur le revenu              1 403,63
Impôt sur le revenu prélevé à la source             0,00
NET A PAYER                                          1 403,63
Cumul imposable                                     5 670,12`;
}

export const BULLETIN_2_PAGES_P1 = `BULLETIN DE SALAIRE
Période du 01/03/2024 au 31/03/2024
CENTRE HOSPITALIER REGIONAL METZ-THIONVILLE
SIRET 265 700 012 00011   Code APE 8610Z
Matricule 123456   Emploi : Aide-soignante
Mme Marie DUPONT
Salaire de base                              2 012,40
Prime de service                               120,00
Salaire brut                                 2 132,40
                                                            Page 1/2`;

export const BULLETIN_2_PAGES_P2 = `Cotisations salariales
Sécurité sociale maladie                       0,00
Vieillesse plafonnée                        - 147,14
Retraite complémentaire                      - 83,16
CSG déductible                              - 142,72
Net social                                  1 702,11
Net à payer avant impôt sur le revenu       1 698,20
Cumul imposable                             6 412,09
                                                            Page 2/2`;

export function cni(nom = 'DUPONT', prenom = 'Marie', expiration = '11.03.2031', naissance = '14.07.1986'): string {
  return `RÉPUBLIQUE FRANÇAISE
CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD
Nom / Surname
${nom}
Prénoms / Given names
${prenom}, Claire
Sexe / Sex  F      Nationalité / Nationality  FRA
Date de naiss. / Date of birth  ${naissance}
Lieu de naissance / Place of birth  METZ (57)
N° du document  X4RTBPFW4
Date d'expiration / Expiry date  ${expiration}`;
}

export const PASSEPORT = `RÉPUBLIQUE FRANÇAISE
PASSEPORT / PASSPORT
Type / Type P   Code du pays / Country code FRA   Passeport n° / Passport No. 18AB12345
Nom / Surname  DUPONT
Prénoms / Given names  Marie Claire
Nationalité / Nationality  Française
Date de naissance / Date of birth  14 07 1986
Sexe / Sex F   Lieu de naissance / Place of birth  METZ
Date de délivrance / Date of issue  02 05 2019
Date d'expiration / Date of expiry  01 05 2029
Autorité / Authority  Préfecture de la Moselle
P<FRADUPONT<<MARIE<CLAIRE<<<<<<<<<<<<<<<<<<<
18AB123451FRA8607140F2905017<<<<<<<<<<<<<<02`;

export function titreSejour(nom = 'NGUYEN', prenom = 'Thi Lan'): string {
  return `RÉPUBLIQUE FRANÇAISE
TITRE DE SÉJOUR / RESIDENCE PERMIT
Nom ${nom}
Prénoms ${prenom}
Nature du titre : CARTE DE SÉJOUR PLURIANNUELLE
Vie privée et familiale
Autorisation de travail
Valable du 15/09/2022 au 14/09/2026
Préfecture de la Moselle
IRFRA`;
}

export const CARTE_ETUDIANT = `UNIVERSITÉ DE LORRAINE
CARTE D'ÉTUDIANT
Année universitaire 2024-2025
DUPONT Marie
N° étudiant 31204567     INE 0123456789A
Valable jusqu'au 31/08/2025
Crous Lorraine`;

export const QUITTANCE = `QUITTANCE DE LOYER
Période du 01/01/2024 au 31/01/2024
Je soussigné M. Bernard LEROY, bailleur, reconnais avoir reçu de Madame Marie DUPONT,
locataire, la somme de 620,00 euros au titre du loyer et des charges pour le logement
situé 12 rue des Jardins 57070 METZ.
Loyer : 560,00 €   Provisions sur charges : 60,00 €
Pour solde de tout compte de la période.
Fait à Metz, le 2 février 2024`;

export const ATTESTATION_CAF = `Caisse d'allocations familiales de la Moselle
caf.fr
ATTESTATION DE PAIEMENT
N° allocataire : 1234567
Madame DUPONT Marie
Nous certifions que les prestations suivantes ont été versées :
Aide personnalisée au logement (APL)      janvier 2024      287,00 €
Prime d'activité                          janvier 2024      154,32 €
Allocations familiales                    janvier 2024        0,00 €
Quotient familial : 612`;

export const ATTESTATION_HEBERGEMENT = `ATTESTATION D'HÉBERGEMENT
Je soussigné(e) Jean MARTIN, né le 02/03/1960, demeurant 4 allée des Tilleuls 57050 METZ,
certifie héberger à mon domicile à titre gratuit Madame Marie DUPONT depuis le 01/06/2023.
Fait pour servir et valoir ce que de droit.
Fait à Metz le 10/01/2024
Signature
Pièce jointe : copie de la pièce d'identité de l'hébergeant`;

/** A new-format identity card read on its back: only the machine-readable zone gives the end date. */
export const CNI_VERSO_MRZ = `Adresse / Address
12 RUE DES JARDINS 57070 METZ
IDFRAX4RTBPFW46<<<<<<<<<<<<<<<
8607140F3103119FRA<<<<<<<<<<<6
DUPONT<<MARIE<CLAIRE<<<<<<<<<<`;
