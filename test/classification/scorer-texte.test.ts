import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { construireModele } from '../../classification/modele-classement.ts';
import { plan } from '../../classification/plan-de-classement.ts';
import { scorerTexte } from '../../classification/scorer-texte.ts';
import { bulletinSalaire, CNI_VERSO_MRZ } from './echantillons.ts';

const scorer = suite('scorerTexte');
const modele = construireModele(plan);

scorer('ranks the types best first, with the phrases found', () => {
  const [premier, second] = scorerTexte(modele, [bulletinSalaire('03')]);
  assert.is(premier?.type, 'BUL');
  assert.ok((premier?.score ?? 0) > 5 * (second?.score ?? 0));
  assert.ok(premier?.trouvees.some((t) => t.texte === 'Net social'));
  assert.is(premier?.titreEnTete, true);
});

scorer('a heading counts more at the top than further down, more than in prose', () => {
  const bul = (pages: string[]) => scorerTexte(modele, pages).find((s) => s.type === 'BUL');
  const enTete = bul(['BULLETIN DE PAIE\nMme DUPONT']);
  const plusBas = bul([`${'ligne\n'.repeat(10)}BULLETIN DE PAIE`]);
  const enProse = bul(['voici mon bulletin de paie du mois']);
  assert.ok((enTete?.score ?? 0) > (plusBas?.score ?? 0));
  assert.ok((plusBas?.score ?? 0) > (enProse?.score ?? 0));
  assert.is(enTete?.titreEnTete, true);
  assert.is(plusBas?.titreEnTete, false);
});

scorer('machine-readable zones are recognised by their prefix', () => {
  assert.is(scorerTexte(modele, [CNI_VERSO_MRZ])[0]?.type, 'CID');
  assert.is(scorerTexte(modele, ['IDFRA est un mot'])[0]?.score, 0);
});

scorer('an identity card or passport of any issuing state is an identity document, a heading in capitals is not', () => {
  const best = (ligne: string) => scorerTexte(modele, [`APELLIDOS\n${ligne}`])[0];
  const identite = (ligne: string) => [best(ligne)?.type, (best(ligne)?.score ?? 0) >= 2];
  assert.equal(identite('IDESPBAA000589<99999999R<<<<<<'), ['CID', true]);
  assert.equal(identite('P<UKRLACROIX<DUFRESNE<<LINA<<<<<<<<<<<<<<<<<<<'), ['CID', true]);
  assert.equal(identite('I<UTOD23145890<1233<<<<<<<<<<<'), ['CID', true]);
  assert.equal(identite('C<ITACA00000AA4<<<<<<<<<<<<<<<'), ['CID', true]);
  assert.is(best('POLEEMPLOIDIRECTIONREGIONALEAUVERGNE')?.score, 0);
  assert.is(best('IRITA1234567890<<<<<<<<<<<<<<<')?.score, 0);
});

scorer("a phrase read inside another type's longer one is that one's word, no evidence of its own type", () => {
  const score = (texte: string, type: string) => scorerTexte(modele, [texte]).find((s) => s.type === type);
  // « CARTE DE SÉJOUR » in a receipt's heading is the receipt's, not a permit's; on its own line it is a permit's
  const recu = score('PRÉFECTURE DE LA MOSELLE\nRÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR\nNom DUPONT', 'TSD');
  assert.not.ok(recu?.trouvees.some((t) => t.texte === 'CARTE DE SÉJOUR'));
  const carte = score('PRÉFECTURE DE LA MOSELLE\nCARTE DE SÉJOUR\nNom DUPONT', 'TSD');
  assert.ok(carte?.trouvees.some((t) => t.texte === 'CARTE DE SÉJOUR'));
  // a type's own longer phrase leaves its shorter ones counted: « RÉCÉPISSÉ » stays the receipt's
  assert.ok(score('RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR', 'RTS')?.trouvees.some((t) => t.texte === 'RÉCÉPISSÉ'));
});

scorer("a sworn translator's certification is no employer's: its « certifie que » counts for no work contract", () => {
  const ctr = (texte: string) => scorerTexte(modele, [texte]).find((s) => s.type === 'CTR')?.score ?? 0;
  const traduction = "Je soussigné, expert traducteur près la cour d'appel, certifie que la traduction qui précède est fidèle à l'original.";
  assert.is(ctr(traduction), 0);
  assert.ok(ctr("L'employeur certifie que Madame DUPONT Marie est employée depuis le 1er mars 2021.") > 0);
});

scorer('two phrases of a type one letter apart, read on the same words, are one piece of evidence', () => {
  const ijs = (texte: string) =>
    scorerTexte(modele, [texte])
      .find((s) => s.type === 'IJS')
      ?.trouvees.map((t) => t.texte) ?? [];
  assert.not.ok(ijs('Congé de maternité à partir du 01/03/2026').includes('Congé de paternité'));
  assert.ok(ijs('Congé de maternité puis congé de paternité du conjoint').includes('Congé de paternité'));
});

scorer.run();
