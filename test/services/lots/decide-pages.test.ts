import { eq } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { processDeps, type Deps } from '../../../services/deps.ts';
import { decidePages, numbersToSeek } from '../../../services/lots/decide-pages.ts';
import { fileDecision } from '../../../services/lots/file-decision.ts';
import { lotReport } from '../../../services/lots/lot-report.ts';
import type { ProcessDeps } from '../../../services/lots/process-lot.ts';
import { demandes, pieces, tachesRevue, type Lot } from '../../../storage/schema/index.ts';
import { AVIS_IMPOT, AVIS_IMPOT_PAGE_2, bulletinSalaire, couverture, NU_DUPONT } from '../../classification/echantillons.ts';
import { testDeps } from '../../support/backends.ts';
import { lotDejaLu } from './pages-lues.ts';

const NU_MARTIN = '034 0920 927709 ALSRV';
const MARTIN = { civilite: 'Monsieur', prenom: 'Luc', nom: 'MARTIN' };
const demande = (numeroUnique: string, nom: string, prenom: string) => ({
  numeroUnique,
  etat: 'active' as const,
  nom,
  prenom,
  dateNaissance: '1986-07-14',
  guichet: numeroUnique.slice(-5),
});

// a page no rule of the plan names, first in its envelope: the classifier leaves it to an operator
const SANS_TITRE = 'Quelques lignes manuscrites recopiées\nsans titre ni rubrique reconnaissable\nMerci de votre attention';

const decide = suite<{ deps: Deps; process: ProcessDeps }>('decidePages and fileDecision on pages already read');
decide.before(async (context) => {
  context.deps = await testDeps();
  context.process = { ...processDeps(context.deps), today: () => '2024-06-01' };
  await context.deps.db.insert(demandes).values([demande(NU_DUPONT, 'DUPONT', 'Marie'), demande(NU_MARTIN, 'MARTIN', 'Luc')]);
});
decide.after(({ deps }) => deps.close());

async function decideAndFile(lot: Lot, deps: ProcessDeps, options: { complet: boolean; fichiers?: number }) {
  return fileDecision(lot, await decidePages(lot, deps, options), deps);
}

/** Every page of the lot in exactly one place, as the report shows it, and the place of each. */
async function places(deps: Deps, lot: Lot) {
  const report = await lotReport(deps.db, lot.id);
  const all = [
    ...report.plis.flatMap((p) => [...p.couverture, ...p.pieces.flatMap((x) => x.pages)]),
    ...report.pagesBlanches,
    ...report.revue.flatMap((r) => r.pages),
  ].sort((a, b) => a - b);
  return { report, all };
}

decide('decided again, the same pages find what the first decision filed and opened: nothing twice', async ({ deps, process }) => {
  const lot = await lotDejaLu(deps, [[couverture(), SANS_TITRE, AVIS_IMPOT, AVIS_IMPOT_PAGE_2, bulletinSalaire('03'), '']]);
  const first = await decideAndFile(lot, process, { complet: true });
  const filed = await deps.db.select().from(pieces).where(eq(pieces.lotId, lot.id));
  const tasks = await deps.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id));
  assert.ok(filed.length >= 2, `pieces filed: ${JSON.stringify(filed.map((p) => p.pagesSource))}`);
  assert.ok(
    tasks.some((t) => t.motif === 'type_incertain' && t.pages.includes(1)),
    'the untitled page is held for an operator',
  );

  const again = await decideAndFile(lot, process, { complet: true });
  assert.is(again.pieces, 0, 'nothing filed the second time');
  assert.equal((await deps.db.select().from(pieces).where(eq(pieces.lotId, lot.id))).map((p) => p.id).sort(), filed.map((p) => p.id).sort());
  assert.equal((await deps.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id))).map((t) => t.id).sort(), tasks.map((t) => t.id).sort());
  const { all, report } = await places(deps, lot);
  assert.equal(all, [0, 1, 2, 3, 4, 5], JSON.stringify(report));
  assert.is(first.plis, 1);
});

decide('pages read so far: the last envelope waits for the files after it, and is filed once the lot is read', async ({ deps, process }) => {
  const lot = await lotDejaLu(deps, [
    [couverture(), AVIS_IMPOT, AVIS_IMPOT_PAGE_2],
    [couverture(NU_MARTIN, MARTIN), bulletinSalaire('04', 'MARTIN', 'Luc')],
  ]);
  await decideAndFile(lot, process, { complet: false, fichiers: 1 });
  assert.equal((await places(deps, lot)).all, [], 'the only envelope read so far waits');
  await decideAndFile(lot, process, { complet: false, fichiers: 2 });
  assert.equal((await places(deps, lot)).all, [0, 1, 2], 'the first envelope is whole once the next one began');
  await decideAndFile(lot, process, { complet: true });
  const { report, all } = await places(deps, lot);
  assert.equal(all, [0, 1, 2, 3, 4]);
  assert.equal(
    report.plis.map((p) => p.numeroUnique),
    [NU_DUPONT, NU_MARTIN],
  );
});

decide('a lot that declares its envelope count files early only the envelopes that stand on their own evidence', async ({ deps, process }) => {
  const lot = await lotDejaLu(
    deps,
    [
      [couverture(), AVIS_IMPOT, AVIS_IMPOT_PAGE_2],
      [couverture(NU_MARTIN, MARTIN), bulletinSalaire('04', 'MARTIN', 'Luc')],
    ],
    {
      plisDeclares: 2,
    },
  );
  // Dupont's documents name her: her envelope is filed whatever the count; Martin's, the last read, waits for the lot's end
  await decideAndFile(lot, process, { complet: false, fichiers: 2 });
  assert.equal((await places(deps, lot)).all, [0, 1, 2]);
  await decideAndFile(lot, process, { complet: true });
  assert.equal((await places(deps, lot)).all, [0, 1, 2, 3, 4]);
});

decide('a cover whose applicant has a registered homonym at a near number goes to review, not to the number read', async ({ deps, process }) => {
  // the same person as far as the registry can tell (accents and case aside), two digits away
  const homonyme = '057 1215 073910 10691';
  await deps.db.insert(demandes).values(demande(homonyme, 'Dupont', 'Marie'));
  try {
    const lot = await lotDejaLu(deps, [[couverture(), AVIS_IMPOT]]);
    const decided = await decidePages(lot, process, { complet: true });
    assert.equal(decided.decision.plis, []);
    const [revue] = decided.decision.revues;
    assert.is(revue?.motif, 'couverture_non_rattachee');
    assert.match(revue!.detail, /homonyme/);
    assert.ok(JSON.stringify(revue!.suggestions).includes(homonyme), 'the homonym is proposed to the operator');
  } finally {
    await deps.db.delete(demandes).where(eq(demandes.numeroUnique, homonyme));
  }
});

decide(
  "a page naming another registered applicant, read without a number, has its number sought: that applicant's cover opens their envelope",
  async ({ deps, process }) => {
    // the page's reading lost its number (printed after a barcode); its image shows it
    const liaison = 'FICHE DE LIAISON - ACCÈS AU LOGEMENT\nMonsieur MARTIN Luc\nLes justificatifs de sa demande de logement social sont joints.';
    const image = ['FICHE DE LIAISON - ACCÈS AU LOGEMENT', `Monsieur MARTIN Luc          ${NU_MARTIN}`, 'Les justificatifs sont joints.'];
    const lot = await lotDejaLu(deps, [[couverture(), AVIS_IMPOT, liaison, bulletinSalaire('03', 'MARTIN', 'Luc')]], { images: { 2: image } });
    const decided = await decidePages(lot, process, { complet: true });
    const martin = decided.decision.plis.find((p) => p.numeroUnique === NU_MARTIN);
    assert.equal(martin?.couverture, [2], JSON.stringify(decided.decision.revues.map((r) => [r.motif, r.pages, r.detail])));
    assert.equal(
      martin?.documents.map((d) => d.pages),
      [[3]],
    );
    assert.equal(
      decided.decision.plis.find((p) => p.numeroUnique === NU_DUPONT)?.documents.map((d) => d.pages),
      [[1]],
    );
    // sought once: the page keeps what was read on it, and a lot decided again does not seek it again
    const [row] = decided.pages.filter((p) => p.index === 2);
    assert.ok(row?.lectureNumero !== null && row?.normalisation?.ms.numero !== undefined);
    assert.equal(numbersToSeek(decided.decision, decided.pages), []);
  },
);

decide(
  "the page before one naming another registered applicant, read without a number, has its number sought too: it may be that applicant's cover",
  async ({ deps, process }) => {
    // a sworn statement whose number was written in pen on a dotted line: its reading kept scrawl, and no name
    const honneur = "ATTESTATION SUR L'HONNEUR\nà joindre à la demande\nJe certifie l'exactitude des renseignements portés.\nsous le n° ...... VYVT-LULIVÆ";
    const image = ["ATTESTATION SUR L'HONNEUR", `sous le n° ${NU_MARTIN}`, 'Je certifie l’exactitude des renseignements portés.'];
    const lot = await lotDejaLu(deps, [[couverture(), AVIS_IMPOT, honneur, bulletinSalaire('03', 'MARTIN', 'Luc')]], { images: { 2: image } });
    const decided = await decidePages(lot, process, { complet: true });
    const martin = decided.decision.plis.find((p) => p.numeroUnique === NU_MARTIN);
    assert.equal(martin?.couverture, [2], JSON.stringify(decided.decision.revues.map((r) => [r.motif, r.pages, r.detail])));
    assert.equal(
      martin?.documents.map((d) => d.pages),
      [[3]],
    );
  },
);

decide(
  'a page naming another registered applicant on which no number is found keeps no number zone: the station shows it as no cover',
  async ({ deps, process }) => {
    const liaison = 'FICHE DE LIAISON - ACCÈS AU LOGEMENT\nMonsieur MARTIN Luc\nLes justificatifs de sa demande de logement social sont joints.';
    const lot = await lotDejaLu(deps, [[couverture(), AVIS_IMPOT, liaison, bulletinSalaire('03', 'MARTIN', 'Luc')]]);
    const decided = await decidePages(lot, process, { complet: true });
    const [row] = decided.pages.filter((p) => p.index === 2);
    assert.is(row?.lectureNumero, null);
    assert.ok(row?.normalisation?.ms.numero !== undefined, 'sought, and not to be sought again');
    assert.ok(decided.decision.revues.some((r) => r.pages.includes(2) && r.motif === 'pli_a_verifier'));
  },
);

decide.run();
