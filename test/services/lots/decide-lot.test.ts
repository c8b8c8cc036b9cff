import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PageTexte } from '../../../classification/page-text.ts';
import { type DecisionLot, decideLot, type RegistreDecision } from '../../../services/lots/decide-lot.ts';
import { mulberry32 } from '../../classification/propriete-couverture.ts';
import { AVIS_IMPOT, bulletinSalaire, cni, couverture, DUPONT, NU_DUPONT, QUITTANCE } from '../../classification/echantillons.ts';
import { registreMemoire } from '../../classification/registre-memoire.ts';

const NU_MARTIN = '067 0119 000731 67482';
const MARTIN = { civilite: 'Monsieur', prenom: 'Paul', nom: 'MARTIN' };
const NU_LEROY = '075 0322 000415 75056';
const LEROY = { civilite: 'Madame', prenom: 'Inès', nom: 'BENALI' };
const personnes = [DUPONT, MARTIN, LEROY];
const numeros = [NU_DUPONT, NU_MARTIN, NU_LEROY];
const lookup = registreMemoire(personnes.map((p, i) => ({ numeroUnique: numeros[i]!, etat: 'active' as const, nom: p.nom, prenom: p.prenom })));
const registre: RegistreDecision = { ...lookup, personnes: () => ({}) };
const today = '2025-10-01';

function lot(...textes: string[]): PageTexte[] {
  return textes.map((text, index) => ({ index, text }));
}

// documents that name their applicant, as most pieces do
const avis = (nom: string, prenom: string) => AVIS_IMPOT.replaceAll('DUPONT', nom).replaceAll('Marie', prenom);
const quittance = (nom: string, prenom: string) => QUITTANCE.replaceAll('DUPONT', nom).replaceAll('Marie', prenom);

/** Where each page went: the number it was filed under, or the review reason, or blank, or waiting. */
function lieux(decision: DecisionLot): Map<number, string> {
  const lieu = new Map<number, string>();
  for (const pli of decision.plis) {
    for (const p of pli.couverture) lieu.set(p, `couverture ${pli.numeroUnique}`);
    for (const d of pli.documents) for (const p of d.pages) lieu.set(p, `${pli.numeroUnique}`);
  }
  for (const r of decision.revues) for (const p of r.pages) lieu.set(p, `revue ${r.motif}`);
  for (const p of decision.pagesBlanches) lieu.set(p, 'blanche');
  for (const p of decision.enAttente) lieu.set(p, 'attente');
  return lieu;
}

const decide = suite('decideLot');

const troisPlis = () =>
  lot(
    couverture(),
    avis('DUPONT', 'Marie'),
    couverture(NU_MARTIN, MARTIN),
    bulletinSalaire('03', 'MARTIN', 'Paul'),
    cni('MARTIN', 'Paul'),
    couverture(NU_LEROY, LEROY),
    quittance('BENALI', 'Inès'),
  );

decide('every envelope filed under its own number when the cover and documents agree', () => {
  const l = lieux(decideLot(troisPlis(), registre, { today }));
  assert.equal(
    [1, 3, 4, 6].map((p) => l.get(p)),
    [NU_DUPONT, NU_MARTIN, NU_MARTIN, NU_LEROY],
  );
});

// a day centre's domiciliation certificate: it speaks of a housing demand and its « inscription », with no number
const DOMICILIATION = `Accueil de jour Le Relais
ATTESTATION D'ÉLECTION DE DOMICILE
Articles L. 264-1 et D. 264-1 du code de l'action sociale et des familles
L'organisme domiciliataire soussigné atteste que Madame DUPONT Marie, sans domicile stable, a élu domicile à l'adresse suivante :
Accueil de jour - BP 406 16000 ANGOULÊME
Cette attestation permet à son titulaire de faire valoir ses droits (inscription sur les listes électorales, demande de logement).`;

decide('after a page that might have been a cover, each document must name the applicant; the documents before it need not', () => {
  // the spouse's identity card names the spouse only: before the certificate, it is filed
  const pages = lot(couverture(), cni('NGUYEN', 'Thi'), DOMICILIATION, avis('DUPONT', 'Marie'));
  const l = lieux(decideLot(pages, registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => l.get(p)),
    [NU_DUPONT, NU_DUPONT, NU_DUPONT],
  );
  // the cover's verso about the law, right after it, is the envelope's own when the applicant's documents follow it
  const verso = 'Les étapes d’une demande\nEnregistrement : la demande reçoit un numéro unique.\nRenouvellement : chaque année, faute de quoi elle est radiée.';
  const recto = lieux(decideLot(lot(couverture(), verso, avis('DUPONT', 'Marie')), registre, { today }));
  assert.equal(
    [1, 2].map((p) => recto.get(p)),
    [`couverture ${NU_DUPONT}`, NU_DUPONT],
  );
  // proven the envelope's own, and naming nobody else, it puts nothing in doubt: the spouse's card after is filed
  const conjoint = lieux(decideLot(lot(couverture(), verso, avis('DUPONT', 'Marie'), cni('NGUYEN', 'Thi')), registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => conjoint.get(p)),
    [`couverture ${NU_DUPONT}`, NU_DUPONT, NU_DUPONT],
  );
  // after a certificate naming someone else, the same card holds the envelope: the certificate may have been another
  // applicant's cover
  const autre = DOMICILIATION.replace('Madame DUPONT Marie', 'Monsieur BARRAULT Gilles');
  const apres = lieux(decideLot(lot(couverture(), autre, cni('NGUYEN', 'Thi'), avis('DUPONT', 'Marie')), registre, { today }));
  assert.equal(
    [0, 1, 2, 3].map((p) => apres.get(p)),
    ['revue pli_a_verifier', 'revue pli_a_verifier', 'revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  // after one naming the applicant, surname and prénom, the card is filed: another applicant's cover would name its own
  const nomme = lieux(decideLot(lot(couverture(), DOMICILIATION, cni('NGUYEN', 'Thi'), avis('DUPONT', 'Marie')), registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => nomme.get(p)),
    [NU_DUPONT, NU_DUPONT, NU_DUPONT],
  );
});

decide('a page nobody could read inside an envelope stays in it when a later page names its applicant, and goes to an operator alone', () => {
  const illisible = { text: '', blank: false };
  const pages = (...suite: PageTexte[]) => [...lot(couverture(), avis('DUPONT', 'Marie')), { index: 2, ...illisible }, ...suite];
  const l = lieux(decideLot(pages({ index: 3, text: quittance('DUPONT', 'Marie') }), registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => l.get(p)),
    [NU_DUPONT, 'revue type_incertain', NU_DUPONT],
  );
  // naming nobody, or another applicant, the pages after it may be those of a cover nobody could read: held with it
  const sansNom = lieux(decideLot(pages({ index: 3, text: QUITTANCE.replaceAll('DUPONT', '').replaceAll('Marie', '') }), registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => sansNom.get(p)),
    [NU_DUPONT, 'revue couverture_non_rattachee', 'revue couverture_non_rattachee'],
  );
  const nommes = { ...registre, nommes: [lookup.parNumero(NU_MARTIN)!] };
  const autre = lieux(decideLot(pages({ index: 3, text: quittance('MARTIN', 'Paul') }, { index: 4, text: quittance('DUPONT', 'Marie') }), nommes, { today }));
  assert.equal(
    [1, 2, 3, 4].map((p) => autre.get(p)),
    [NU_DUPONT, 'revue couverture_non_rattachee', 'revue couverture_non_rattachee', 'revue couverture_non_rattachee'],
  );
});

decide("a copy of the applicant's earlier attestation after a document is a piece of its own, not the cover's page", () => {
  const decision = decideLot(lot(couverture(), couverture(), avis('DUPONT', 'Marie'), couverture(), quittance('DUPONT', 'Marie')), registre, { today });
  const [pli] = decision.plis;
  assert.equal(decision.plis.length, 1);
  // right after the cover, the attestation's pages travel with it
  assert.equal(pli?.couverture, [0, 1]);
  assert.equal(
    pli?.documents.map((d) => [d.pages, d.type]),
    [
      [[2], 'AVI'],
      [[3], 'ATT'],
      [[4], 'JUSTL'],
    ],
  );
});

decide("a page right after the cover that quotes its number and that no type fits is the cover's own second page", () => {
  const conseils = `Vos démarches\nPensez à signaler tout changement de situation à votre guichet.\nRéférence demande ${NU_DUPONT}`;
  const decision = decideLot(lot(couverture(), conseils, avis('DUPONT', 'Marie'), conseils), registre, { today });
  const [pli] = decision.plis;
  assert.equal(pli?.couverture, [0, 1]);
  // further on, it is no longer the cover's
  assert.equal(pli?.documents[0]?.pages, [2, 3]);
});

decide('a letter right after the cover that quotes its number is no page 2 of it: with no type that fits, it waits for an operator', () => {
  const lettre = [
    'Marie DUPONT',
    '12 rue des Lilas, 57000 Metz',
    'Metz, le 14/09/2025',
    `Objet : communes souhaitées, dossier n° ${NU_DUPONT}`,
    'Je souhaite ajouter deux communes à ma demande : Montigny-lès-Metz et Woippy.',
  ].join('\n');
  const decision = decideLot(lot(couverture(), lettre, avis('DUPONT', 'Marie')), registre, { today });
  assert.equal(decision.plis[0]?.couverture, [0]);
  assert.equal(lieux(decision).get(1), 'revue type_incertain');
});

decide("a cover whose number's first blocks and guichet code were read apart is filed when the registry knows them together and it names the applicant", () => {
  const nu = '059 0218 208899 LIH28';
  const lookup = registreMemoire([{ numeroUnique: nu, etat: 'active' as const, nom: 'SAINT-CYR', prenom: 'Loïc' }]);
  const avecRuban: RegistreDecision = { ...lookup, personnes: () => ({}) };
  const ruban = (prenom: string, nom: string) =>
    `Envoi de pièces\nNU 059 0218 208899\n${prenom} ${nom}\n88 rue Édith-Piaf, 59000 LILLE\nDocuments envoyés : avis d'impôt\nLIH28`;
  const filed = decideLot(lot(ruban('Loïc', 'SAINT-CYR'), avis('SAINT-CYR', 'Loïc')), avecRuban, { today });
  assert.equal(filed.plis[0]?.numeroUnique, nu);
  assert.equal(lieux(filed).get(1), nu);
  // another applicant named on it: held
  const held = decideLot(lot(ruban('Paul', 'MARTIN'), avis('MARTIN', 'Paul')), avecRuban, { today });
  assert.equal(held.plis, []);
});

decide("a cover whose number's last cell wrapped a code of letters alone onto the next line is filed on the registry's word", () => {
  const nu = '035 0820 278854 ALSRV';
  const lookup = registreMemoire([{ numeroUnique: nu, etat: 'active' as const, nom: 'BOUCHER-LEMAÎTRE', prenom: 'Jean-Noël' }]);
  const fiche = (code: string) =>
    `FICHE DE LIAISON - ACCÈS AU LOGEMENT\nNom Prénom Date de naissance N° demande logement social\nBOUCHER-LEMAÎTRE 10/02/1957 Maison relais 035.0820.278854.\nJean-Noël Rennes ${code}`;
  const filed = decideLot(lot(fiche('ALSRV'), avis('BOUCHER-LEMAÎTRE', 'Jean-Noël')), { ...lookup, personnes: () => ({}) }, { today });
  assert.equal(filed.plis[0]?.numeroUnique, nu);
  assert.equal(lieux(filed).get(1), nu);
  // a word the registry does not know with those blocks (a town): no number
  const held = decideLot(lot(fiche('RENNE'), avis('BOUCHER-LEMAÎTRE', 'Jean-Noël')), { ...lookup, personnes: () => ({}) }, { today });
  assert.equal(held.plis, []);
});

decide("a cover whose number was misread joins the envelope its applicant's letter right after it opened; a near number or another name never does", () => {
  const lettre = (nu: string) => `Marie DUPONT\n12 rue des Lilas\nObjet : ma demande de logement n° ${nu}\nMadame, Monsieur, veuillez trouver mes pièces.`;
  const misread = lieux(decideLot(lot(couverture('001 0311 823200 98ALS'), lettre(NU_DUPONT), avis('DUPONT', 'Marie')), registre, { today }));
  assert.equal(
    [0, 1, 2].map((p) => misread.get(p)),
    [`couverture ${NU_DUPONT}`, NU_DUPONT, NU_DUPONT],
  );
  // the cover names someone else: its own envelope, held
  const autre = lieux(decideLot(lot(couverture('001 0311 823200 98ALS', MARTIN), lettre(NU_DUPONT), avis('DUPONT', 'Marie')), registre, { today }));
  assert.is(autre.get(0), 'revue couverture_non_rattachee');
  // another Marie DUPONT registered: which one the cover is cannot be told by its name
  const deux = registreMemoire([
    { numeroUnique: NU_DUPONT, etat: 'active' as const, nom: 'DUPONT', prenom: 'Marie' },
    { numeroUnique: NU_MARTIN, etat: 'active' as const, nom: 'DUPONT', prenom: 'Marie' },
  ]);
  const homonyme = lieux(decideLot(lot(couverture('001 0311 823200 98ALS'), lettre(NU_DUPONT)), { ...deux, personnes: () => ({}) }, { today }));
  assert.is(homonyme.get(0), 'revue couverture_non_rattachee');
  // a number one character from the registered one: the cover abstains, whatever follows
  const proche = lieux(decideLot(lot(couverture('057 1215 073903 10692'), lettre(NU_DUPONT), avis('DUPONT', 'Marie')), registre, { today }));
  assert.is(proche.get(0), 'revue couverture_non_rattachee');
});

decide('a cover read as a few words joins the document before it: held with the unnamed pages after it, not filed', () => {
  // the front of a window envelope, blurred: OCR reads its sender and the post's mark, not its number
  const pages = lot(couverture(), avis('DUPONT', 'Marie'), 'Habitat du Val LA POSTE', bulletinSalaire('03', 'MARTINEZ', 'Thierry'), cni('MARTINEZ', 'Thierry'));
  const decision = decideLot(pages, registre, { today });
  const l = lieux(decision);
  assert.is(l.get(1), NU_DUPONT);
  assert.equal(
    [2, 3, 4].map((p) => l.get(p)),
    ['revue pli_a_verifier', 'revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  assert.equal(decision.revues.find((r) => r.motif === 'pli_a_verifier')?.pages, [2, 3, 4]);
});

decide("a declared count off by one holds only the last documents that do not name their envelope's applicant, and files the rest", () => {
  const pages = troisPlis();
  // Leroy's rent receipt ends her envelope without naming her: a cover missed before it would make it another applicant's
  pages[6] = { index: 6, text: QUITTANCE.replaceAll('DUPONT', '').replaceAll('Marie', '') };
  // Martin's payslip does not name him either, but his identity card after it does: a missed cover cannot be before the payslip
  pages[3] = { index: 3, text: bulletinSalaire('03', '', '') };
  const decision = decideLot(pages, registre, { today, plisDeclares: 4 });
  const l = lieux(decision);
  assert.equal(
    [1, 3, 4, 5].map((p) => l.get(p)),
    [NU_DUPONT, NU_MARTIN, NU_MARTIN, `couverture ${NU_LEROY}`],
  );
  assert.is(l.get(6), 'revue plis_declares_different');
  const held = decision.revues.find((r) => r.motif === 'plis_declares_different')!;
  assert.equal(held.pages, [6]);
  assert.match(held.detail, /4 plis déclarés, 3 couvertures trouvées/);
  assert.equal(held.suggestions, { plisDeclares: 4, plisTrouves: 3, numeroUnique: NU_LEROY, suite: true });
  // the same count, matching, files everything
  assert.is(lieux(decideLot(pages, registre, { today, plisDeclares: 3 })).get(6), NU_LEROY);
});

decide("a declared count off by one, whose missed cover another applicant's named page already places, holds that applicant's pages only", () => {
  const garcia = { numeroUnique: '013 0524 000111 13055', etat: 'active' as const, nom: 'GARCIA', prenom: 'Luc' };
  const quatre: RegistreDecision = { ...registreMemoire([...numeros.map((n) => lookup.parNumero(n)!), garcia]), personnes: () => ({}), nommes: [garcia] };
  const pages = troisPlis();
  pages[6] = { index: 6, text: QUITTANCE.replaceAll('DUPONT', '').replaceAll('Marie', '') };
  // Garcia's cover was missed after Dupont's notice: his payslip follows it in her envelope
  pages.splice(2, 0, { index: 2, text: bulletinSalaire('04', 'GARCIA', 'Luc') });
  const lotQuatre = pages.map((p, index) => ({ ...p, index }));
  const decision = decideLot(lotQuatre, quatre, { today, plisDeclares: 4 });
  const l = lieux(decision);
  assert.equal(
    [1, 2, 4, 5, 7].map((p) => l.get(p)),
    [NU_DUPONT, 'revue pli_a_verifier', NU_MARTIN, NU_MARTIN, NU_LEROY],
  );
  assert.not.ok(decision.revues.some((r) => r.motif === 'plis_declares_different'));
  // two covers missing: the named page places one, the other may be before Leroy's unnamed receipt
  assert.is(lieux(decideLot(lotQuatre, quatre, { today, plisDeclares: 5 })).get(7), 'revue plis_declares_different');
});

decide('while the lot is read, the last envelope waits; with a declared count, so does any envelope that does not stand alone', () => {
  const pages = troisPlis();
  const l = lieux(decideLot(pages, registre, { today, complet: false }));
  assert.equal(
    [1, 3, 4].map((p) => l.get(p)),
    [NU_DUPONT, NU_MARTIN, NU_MARTIN],
  );
  assert.equal(
    [5, 6].map((p) => l.get(p)),
    ['attente', 'attente'],
  );
  pages[4] = { index: 4, text: cni('', '') };
  const compte = lieux(decideLot(pages, registre, { today, complet: false, plisDeclares: 3 }));
  assert.equal(
    [1, 3, 4, 5].map((p) => compte.get(p)),
    [NU_DUPONT, 'attente', 'attente', 'attente'],
  );
});

decide("a page naming an applicant the registry knows, whose cover nobody read, is held with what follows it; the envelope's own documents are filed", () => {
  // BENALI's cover was not seen: her letter comes in the middle of DUPONT's last document, and no cover of the lot names her
  const lettre = 'Madame BENALI Inès\n12 rue des Lilas\n\nLa cotation de votre demande de logement social\nTotal 113 points';
  const pages = lot(couverture(), avis('DUPONT', 'Marie'), quittance('DUPONT', 'Marie'), lettre, quittance('BENALI', 'Inès'));
  assert.is(lieux(decideLot(pages, registre, { today })).get(3), NU_DUPONT, 'without the registry, the letter is filed under DUPONT');
  const benali = lookup.parNumero(NU_LEROY)!;
  const decision = decideLot(pages, { ...registre, nommes: [benali] }, { today });
  assert.equal(
    [0, 1, 2, 3, 4].map((p) => lieux(decision).get(p)),
    [`couverture ${NU_DUPONT}`, NU_DUPONT, NU_DUPONT, 'revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  assert.match(decision.revues[0]!.detail, /autre_demandeur : la page 3 nomme Inès BENALI/);
});

decide("a number nobody registered, pieced together from a card's figures, holds the envelope unless the card names its applicant in full", () => {
  // a residence permit's dates and card number, read leniently, make a number no one printed
  const titre = (nom: string) => `TITRE DE SÉJOUR\nNOM\n${nom}\nValable jusqu'au N° du titre\n01 01 2031 0527169772\nRÉSIDENT DE LONGUE DURÉE - UE`;
  const sienne = lieux(decideLot(lot(couverture(), avis('DUPONT', 'Marie'), titre('DUPONT\nPrénoms\nMarie')), registre, { today }));
  assert.equal(
    [1, 2].map((p) => sienne.get(p)),
    [NU_DUPONT, NU_DUPONT],
  );
  const anonyme = decideLot(lot(couverture(), avis('DUPONT', 'Marie'), titre('')), registre, { today });
  assert.equal(
    [1, 2].map((p) => lieux(anonyme).get(p)),
    ['revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  assert.is(anonyme.revues[0]!.detail, 'numero_different');
});

decide("a radiée cover's envelope that runs on into another registered applicant's pages is held in two tasks, the second from the page naming them", () => {
  // DUPONT's demande is radiée: her envelope waits for an operator; BENALI's cover nobody read stood before her letter
  const radiee = registreMemoire([
    { numeroUnique: NU_DUPONT, etat: 'radiee' as const, nom: DUPONT.nom, prenom: DUPONT.prenom },
    { numeroUnique: NU_LEROY, etat: 'active' as const, nom: LEROY.nom, prenom: LEROY.prenom },
  ]);
  const benali = radiee.parNumero(NU_LEROY)!;
  const lettre = 'Madame BENALI Inès\n12 rue des Lilas\n\nLa cotation de votre demande de logement social\nTotal 113 points';
  const pages = lot(couverture(), avis('DUPONT', 'Marie'), lettre, quittance('BENALI', 'Inès'));
  const decision = decideLot(pages, { ...radiee, personnes: () => ({}), nommes: [benali] }, { today });
  assert.equal(
    decision.revues.map((r) => [r.motif, r.pages]),
    [
      ['couverture_non_rattachee', [0, 1]],
      ['pli_a_verifier', [2, 3]],
    ],
  );
  assert.match(decision.revues[1]!.detail, /autre_demandeur : la page 2 nomme Inès BENALI/);
  // without a page naming DUPONT first, nothing shows where her pages end: one task
  const seule = decideLot(lot(couverture(), lettre, quittance('BENALI', 'Inès')), { ...radiee, personnes: () => ({}), nommes: [benali] }, { today });
  assert.equal(
    seule.revues.map((r) => r.pages),
    [[0, 1, 2]],
  );
  // a number read whole that nobody registered: its cover names its applicant, and BENALI is not her
  const inconnue = couverture('013 0424 000001 13001', { civilite: 'Madame', prenom: 'Anne', nom: 'PERRIN' });
  const apresInconnue = decideLot(lot(inconnue, avis('PERRIN', 'Anne'), lettre), { ...radiee, personnes: () => ({}), nommes: [benali] }, { today });
  assert.equal(
    apresInconnue.revues.map((r) => [r.motif, r.pages]),
    [
      ['couverture_non_rattachee', [0, 1]],
      ['pli_a_verifier', [2]],
    ],
  );
  // a cover read without its number may have lost its applicant's name too: BENALI may be hers
  const sansNumero = couverture('', { civilite: '', prenom: '', nom: '' });
  const apresIllisible = decideLot(lot(sansNumero, lettre), { ...radiee, personnes: () => ({}), nommes: [benali] }, { today });
  assert.equal(
    apresIllisible.revues.map((r) => [r.motif, r.pages]),
    [['couverture_non_rattachee', [0, 1]]],
  );
});

decide("a document that names another applicant of the lot and not the envelope's own holds the envelope", () => {
  const pages = lot(couverture(), avis('DUPONT', 'Marie'), bulletinSalaire('03', 'MARTIN', 'Paul'), couverture(NU_MARTIN, MARTIN), cni('MARTIN', 'Paul'));
  const decision = decideLot(pages, registre, { today });
  const l = lieux(decision);
  assert.equal(
    [0, 1, 2].map((p) => l.get(p)),
    ['revue pli_a_verifier', 'revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  assert.match(decision.revues[0]!.detail, /autre_demandeur/);
  assert.is(l.get(4), NU_MARTIN);
});

decide("a scan resumed in a new file on a page without the applicant's name: the documents from there are held unless a later one names the applicant", () => {
  // pages 0–2 in one file, the rest in the next: the new file may start behind a cover nobody saw
  const fichiers = (...textes: string[]): PageTexte[] => textes.map((text, index) => ({ index, text, fichier: index < 3 ? 0 : 1 }));
  const reprise = fichiers(couverture(), avis('DUPONT', 'Marie'), bulletinSalaire('03', 'DUPONT', 'Marie'), cni('ROUSSEL', 'Yanis'));
  const decision = decideLot(reprise, registre, { today });
  const l = lieux(decision);
  assert.equal(
    [1, 2, 3].map((p) => l.get(p)),
    [NU_DUPONT, NU_DUPONT, 'revue pli_a_verifier'],
  );
  assert.match(decision.revues[0]!.detail, /reprise_sans_nom/);
  // the same page in the same file is the envelope's own last page (a card's name OCR missed)
  assert.is(lieux(decideLot(lot(...reprise.map((p) => p.text)), registre, { today })).get(3), NU_DUPONT);
  // the new file starts with a page the segmentation takes for the last one's next (a few words, no heading): cut there
  const coupee = fichiers(
    couverture(),
    avis('DUPONT', 'Marie'),
    bulletinSalaire('03', 'DUPONT', 'Marie'),
    'ATTESTATI0N\nqueyuapI op apueulap',
    cni('ROUSSEL', 'Yanis'),
  );
  assert.equal(
    [2, 3, 4].map((p) => lieux(decideLot(coupee, registre, { today })).get(p)),
    [NU_DUPONT, 'revue pli_a_verifier', 'revue pli_a_verifier'],
  );
  // a document after it naming the applicant: the envelope ran on across the files
  const suivie = fichiers(...reprise.map((p) => p.text), quittance('DUPONT', 'Marie'));
  assert.equal(
    [3, 4].map((p) => lieux(decideLot(suivie, registre, { today })).get(p)),
    [NU_DUPONT, NU_DUPONT],
  );
  // a folder of one image per page, then a file of several pages opening on a stray page: a resume too
  const dossier = [couverture(), avis('DUPONT', 'Marie'), bulletinSalaire('03', 'DUPONT', 'Marie'), cni('ROUSSEL', 'Yanis'), couverture(NU_MARTIN, MARTIN)];
  const images = dossier.map((text, index) => ({ index, text, fichier: Math.min(index, 3) }));
  assert.is(lieux(decideLot(images, registre, { today })).get(3), 'revue pli_a_verifier');
  // within the folder, a new image is no resume
  const seules = dossier.map((text, index) => ({ index, text, fichier: index }));
  assert.is(lieux(decideLot(seules, registre, { today })).get(3), NU_DUPONT);
});

decide(
  "a missed cover before an applicant the registry does not know: the envelope's last documents without its applicant's name are held, the named ones filed",
  () => {
    const pages = lot(
      couverture(),
      avis('DUPONT', 'Marie'),
      bulletinSalaire('03', 'DUPONT', 'Marie'),
      'DOSSIER DEMANDEUR\nPièces justificatives',
      cni('ROUSSEL', 'Yanis'),
      bulletinSalaire('04', 'ROUSSEL', 'Yanis'),
      avis('ROUSSEL', 'Yanis'),
    );
    const decision = decideLot(pages, registre, { today });
    const l = lieux(decision);
    assert.equal(
      [1, 2].map((p) => l.get(p)),
      [NU_DUPONT, NU_DUPONT],
    );
    assert.equal(
      [4, 5, 6].map((p) => l.get(p)),
      ['revue pli_a_verifier', 'revue pli_a_verifier', 'revue pli_a_verifier'],
    );
    assert.match(decision.revues[0]!.detail, /documents_sans_nom/);
    // one page without the name is the envelope's own (a name OCR missed, a card's photo)…
    assert.is(lieux(decideLot(pages.slice(0, 5), registre, { today })).get(4), NU_DUPONT);
    // …unless it is about a housing demand: such a letter names its applicant, and one naming nobody may be the next cover, faded
    const convocation = [
      "CENTRE COMMUNAL D'ACTION SOCIALE",
      'Objet : convocation - instruction de votre demande de logement social',
      'Afin de compléter votre dossier et d’étudier votre situation, je vous invite à vous présenter au CCAS',
      'muni des documents suivants : votre pièce d’identité, votre dernier avis d’imposition.',
    ].join('\n');
    const faded = lieux(decideLot([...pages.slice(0, 3), { index: 3, text: convocation }], registre, { today }));
    assert.equal(
      [1, 2, 3].map((p) => faded.get(p)),
      [NU_DUPONT, NU_DUPONT, 'revue pli_a_verifier'],
    );
  },
);

decide("a last document quoting the envelope's own number is the applicant's, named or not (a form whose name OCR lost)", () => {
  const formulaire = (numero: string) =>
    [
      'cerfa DEMANDE DE LOGEMENT SOCIAL N° 14069*04',
      `O Première demande X Renouvellement / modification ${numero}`,
      'Prénom(s) Marie Date de naissance 14/07/1986',
      'Adresse actuelle 12 rue des Lilas 57000 Metz',
      '1/2',
    ].join('\n');
  const suite = 'Vos ressources mensuelles\nSalaires 1 450,00\nAllocations familiales 142,00\n2/2';
  const avecNumero = lieux(decideLot(lot(couverture(), avis('DUPONT', 'Marie'), formulaire(`N° unique : ${NU_DUPONT}`), suite), registre, { today }));
  assert.equal(
    [1, 2, 3].map((p) => avecNumero.get(p)),
    [NU_DUPONT, NU_DUPONT, NU_DUPONT],
  );
  // the same pages quoting no number may be the next applicant's, behind a cover nobody saw
  const sansNumero = lieux(decideLot(lot(couverture(), avis('DUPONT', 'Marie'), formulaire(''), suite), registre, { today }));
  assert.equal(
    [2, 3].map((p) => sansNumero.get(p)),
    ['revue pli_a_verifier', 'revue pli_a_verifier'],
  );
});

decide("a page numbered after a cover is the cover's own only when it is its next page: a form's page 3/5 scanned alone is a piece", () => {
  const ressources = [
    'cerfa n° 14069*04 Page 3/5',
    'DEMANDE DE LOGEMENT SOCIAL',
    '6 - VOS RESSOURCES MENSUELLES (demandeur et co-demandeur)',
    'Salaires 1 450 € Prestations familiales 142 €',
  ].join('\n');
  const decision = decideLot(lot(couverture(), ressources, avis('DUPONT', 'Marie')), registre, { today });
  assert.equal(decision.plis[0]?.couverture, [0]);
  assert.equal(
    decision.plis[0]?.documents.map((d) => [d.pages, d.type]),
    [
      [[1], 'CRF'],
      [[2], 'AVI'],
    ],
  );
  // the attestation's own page 2/2 travels with it
  const page2 = 'Ce que vous devez savoir\nVotre demande est valable un an : pensez à la renouveler.\n2/2';
  const suivie = decideLot(lot(`${couverture()}\n1/2`, page2, avis('DUPONT', 'Marie')), registre, { today });
  assert.equal(suivie.plis[0]?.couverture, [0, 1]);
});

// Property: however a cover is lost (nothing read on it, its number torn off, its page missing
// from the scan), the pages after it are never filed under the number of the envelope before.
decide('property: a missed cover never files a page under the previous envelope number', () => {
  const hasard = mulberry32(20251205);
  const pertes = [
    (t: string) => ({ text: '', blank: false }),
    (t: string) => ({ text: t.replace(/\d{3} \d{4} \d{6} \w{5}/, '') }),
    (t: string) => ({ text: t.replace(/\d{3} \d{4} \d{6} \w{5}/, '').replace(/ATTESTATION D'ENREGISTREMENT/, '') }),
    () => ({ text: '', lacune: true }),
  ];
  for (let essai = 0; essai < 60; essai++) {
    const ordre = [0, 1, 2].sort(() => hasard() - 0.5);
    const textes: Array<{ text: string; blank?: boolean; lacune?: boolean; de: number }> = [];
    const perdue = Math.floor(hasard() * 3);
    const perte = pertes[Math.floor(hasard() * pertes.length)]!;
    for (const [rang, qui] of ordre.entries()) {
      const p = personnes[qui]!;
      const cover = couverture(numeros[qui], p);
      textes.push({ ...(rang === perdue ? perte(cover) : { text: cover }), de: qui });
      for (let k = 0; k < 1 + Math.floor(hasard() * 3); k++) {
        textes.push({ text: [avis, quittance][k % 2]!(p.nom, p.prenom), de: qui });
      }
    }
    const pages: PageTexte[] = [];
    let lacune = false;
    for (const t of textes) {
      if (t.lacune) {
        lacune = true;
        continue;
      }
      pages.push({ index: pages.length, text: t.text, ...(t.blank === false ? { blank: false } : {}), ...(lacune ? { lacuneAvant: true } : {}) });
      lacune = false;
    }
    const proprietaire = textes.filter((t) => !t.lacune).map((t) => numeros[t.de]);
    const l = lieux(decideLot(pages, registre, { today }));
    for (const page of pages) {
      const lieu = l.get(page.index) ?? 'nulle part';
      assert.ok(lieu !== 'nulle part', `page ${page.index} placed nowhere (essai ${essai})`);
      const filedUnder = numeros.find((nu) => lieu === nu || lieu === `couverture ${nu}`);
      if (filedUnder !== undefined) assert.is(filedUnder, proprietaire[page.index], `essai ${essai}, page ${page.index}: ${lieu}`);
    }
  }
});

decide.run();
