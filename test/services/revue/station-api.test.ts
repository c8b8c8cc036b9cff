import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../../services/acteurs/create-token.ts';
import { createApp } from '../../../services/app.ts';
import type { Deps } from '../../../services/deps.ts';
import { demandes, pieces, tachesRevue } from '../../../storage/schema/index.ts';
import { testDeps } from '../../support/backends.ts';
import { call } from '../../support/http.ts';
import { seedReviewLot } from '../../support/seed-review.ts';

const MARTIN = '057 1215 073904 10691';
const PAYET = '974 0624 000123 DGALN';
const day = 86_400_000;

type Context = { deps: Deps; app: ReturnType<typeof createApp>; claire: string; bruno: string; gestionnaire: string; guichet: string };
const station = suite<Context>('the review station API: holding a task, the queue, the registry as you type, decisions');

station.before(async (context) => {
  context.deps = await testDeps();
  context.app = createApp(context.deps);
  const token = async (role: 'operateur' | 'gestionnaire' | 'guichet', nom: string) =>
    (await createToken({ db: context.deps.db, input: { role, nom, ...(role === 'guichet' ? { guichet: '10691' } : {}) } })).token;
  context.claire = await token('operateur', 'Claire');
  context.bruno = await token('operateur', 'Bruno');
  context.gestionnaire = await token('gestionnaire', 'Gestion 57');
  context.guichet = await token('guichet', 'Guichet de Metz');
  await context.deps.db.insert(demandes).values([
    { numeroUnique: MARTIN, etat: 'active', nom: 'Martin', prenom: 'Paul', dateNaissance: '1975-06-02', guichet: '10691' },
    { numeroUnique: PAYET, etat: 'radiee', nom: 'Payet', prenom: 'Jean-Marc', dateNaissance: '1979-11-02', guichet: 'DGALN' },
  ]);
});
station.after(({ deps }) => deps.close());

station('opening a task holds it for its operator; another is told who has it, and may take it once let go', async ({ deps, app, claire, bruno }) => {
  const { taskIds } = await seedReviewLot(deps, { pages: 1, tasks: [{ motif: 'avant_premiere_couverture', pages: [0] }] });
  const id = taskIds[0]!;
  const taken = await call(app, 'POST', `/v1/revue/${id}/prise`, { token: claire });
  assert.is(taken.status, 200, JSON.stringify(taken.body));
  assert.is(taken.body.tenuePar, 'Claire');
  assert.ok(Date.parse(taken.body.tenueJusqua) - Date.now() > 4 * 60_000);
  const refused = await call(app, 'POST', `/v1/revue/${id}/prise`, { token: bruno });
  assert.is(refused.status, 409);
  assert.is(refused.body.code, 'tache_tenue');
  assert.is(refused.body.tenuePar, 'Claire');
  assert.match(refused.body.detail, 'ouverte par Claire');
  const decided = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: bruno, json: { rejet: 'pas pour moi' } });
  assert.is(decided.status, 409);
  assert.is(decided.body.code, 'tache_tenue');
  // a renewal keeps when the task was first opened: the time spent on it counts from there
  const renewed = await call(app, 'POST', `/v1/revue/${id}/prise`, { token: claire });
  assert.is(renewed.body.priseLe, taken.body.priseLe);
  const queue = await call(app, 'GET', '/v1/revue', { token: bruno });
  assert.is(queue.body.items.find((t: any) => t.id === id).tenue.par, 'Claire');
  assert.is((await call(app, 'DELETE', `/v1/revue/${id}/prise`, { token: claire })).status, 204);
  assert.is((await call(app, 'POST', `/v1/revue/${id}/prise`, { token: bruno })).status, 200);
  const rejected = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: bruno, json: { rejet: 'note interne sans dossier' } });
  assert.is(rejected.status, 200);
  const [row] = await deps.db.select().from(tachesRevue).where(eq(tachesRevue.id, id));
  assert.is(row!.tenuePar, null, 'a decided task is held by no one');
  assert.ok(row!.priseLe && row!.resoluLe && row!.resoluLe >= row!.priseLe);
  assert.is((await call(app, 'POST', `/v1/revue/${id}/prise`, { token: claire })).status, 409, 'a closed task is not taken');
});

station(
  'the queue: oldest reception first, overdue and near deadlines marked, filters, counts, pages of results',
  async ({ deps, app, claire, gestionnaire, guichet }) => {
    const old = await seedReviewLot(deps, {
      pages: 2,
      reference: 'LOT-ANCIEN',
      recuLe: new Date(Date.now() - 20 * day),
      tasks: [
        { motif: 'type_incertain', pages: [0] },
        { motif: 'type_incertain', pages: [1] },
      ],
    });
    const near = await seedReviewLot(deps, {
      pages: 1,
      reference: 'LOT-PROCHE',
      recuLe: new Date(Date.now() - 13 * day),
      tasks: [{ motif: 'couverture_non_rattachee', pages: [0] }],
    });
    const fresh = await seedReviewLot(deps, { pages: 1, reference: 'LOT-FRAIS', canal: 'mel', tasks: [{ motif: 'pli_a_verifier', pages: [0] }] });
    const queue = await call(app, 'GET', '/v1/revue', { token: gestionnaire });
    assert.is(queue.status, 200);
    const mine = queue.body.items.filter((t: any) => ['LOT-ANCIEN', 'LOT-PROCHE', 'LOT-FRAIS'].includes(t.lot?.reference));
    assert.equal(
      mine.map((t: any) => [t.lot.reference, t.urgence]),
      [
        ['LOT-ANCIEN', 'depassee'],
        ['LOT-ANCIEN', 'depassee'],
        ['LOT-PROCHE', 'proche'],
        ['LOT-FRAIS', 'normale'],
      ],
    );
    assert.is(mine[0].id, old.taskIds[0]);
    const byLot = await call(app, 'GET', `/v1/revue?lotId=${near.lotId}`, { token: claire });
    assert.equal(
      byLot.body.items.map((t: any) => t.id),
      near.taskIds,
    );
    const byMotif = await call(app, 'GET', '/v1/revue?motif=pli_a_verifier', { token: claire });
    assert.equal(
      byMotif.body.items.map((t: any) => t.id),
      fresh.taskIds,
    );
    const byCanal = await call(app, 'GET', '/v1/revue?canal=mel', { token: claire });
    assert.equal(
      byCanal.body.items.map((t: any) => t.id),
      fresh.taskIds,
    );
    // page by page, the same tasks in the same order
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(app, 'GET', `/v1/revue?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: claire });
      all.push(...page.body.items.map((t: any) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(
      all,
      queue.body.items.map((t: any) => t.id),
    );
    assert.is((await call(app, 'GET', '/v1/revue?cursor=nimporte', { token: claire })).status, 400);
    const counts = await call(app, 'GET', '/v1/revue/compteurs', { token: gestionnaire });
    assert.is(counts.status, 200);
    assert.is(counts.body.total, queue.body.items.length);
    assert.ok(counts.body.parMotif.type_incertain >= 2);
    assert.is(counts.body.parCanal.mel, 1);
    assert.is(counts.body.lots.find((l: any) => l.id === old.lotId).taches, 2);
    assert.is((await call(app, 'GET', '/v1/revue/compteurs', { token: guichet })).status, 404, 'a guichet has no review queue');
  },
);

station('the registry answers as the operator types: by the number, else by the name', async ({ app, claire, guichet }) => {
  const byNumber = await call(app, 'GET', '/v1/demandes?q=057%201215%2007', { token: claire });
  assert.is(byNumber.status, 200);
  assert.equal(byNumber.body.items, [{ numeroUnique: MARTIN, nom: 'Martin', prenom: 'Paul', etat: 'active', dateNaissance: '1975-06-02' }]);
  const byName = await call(app, 'GET', '/v1/demandes?q=payet', { token: claire });
  assert.equal(
    byName.body.items.map((d: any) => [d.numeroUnique, d.etat]),
    [[PAYET, 'radiee']],
  );
  assert.equal((await call(app, 'GET', '/v1/demandes?q=%25', { token: claire })).body.items, [], 'a wildcard is a character');
  assert.is((await call(app, 'GET', '/v1/demandes?q=057', { token: guichet })).status, 404);
});

station('a decision turns pages, drops blank ones and brings back a dropped blank page; a refused one applies nothing', async ({ deps, app, claire }) => {
  const { lotId, taskIds } = await seedReviewLot(deps, {
    pages: 6,
    blanks: [3],
    tasks: [{ motif: 'couverture_non_rattachee', pages: [0, 1, 2, 4, 5], suggestions: { motif: 'numero_inconnu', demandes: [] } }],
  });
  const id = taskIds[0]!;
  await call(app, 'POST', `/v1/revue/${id}/prise`, { token: claire });
  const task = await call(app, 'GET', `/v1/revue/${id}`, { token: claire });
  assert.equal(task.body.pagesBlanches, [{ page: 3, image: `/v1/revue/${id}/pages/3.webp` }]);
  assert.equal(task.body.proposition, {
    numeroUnique: null,
    couverture: [0],
    documents: [{ pages: [1, 2, 4, 5], categorie: null, type: null, confiance: null }],
  });
  assert.is((await call(app, 'GET', `/v1/revue/${id}/pages/3.webp`, { token: claire })).status, 200, 'the dropped blank page is shown');

  const decision = {
    numeroUnique: MARTIN,
    couverture: [0],
    documents: [
      { pages: [1, 2, 3], categorie: 'RFR', type: 'AVI' },
      { pages: [4], categorie: 'LOGACT', type: 'JUSTL' },
    ],
    rotations: [{ page: 4, angle: 90 }],
    blanches: [5],
  };
  const radiee = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: claire, json: { ...decision, numeroUnique: PAYET } });
  assert.is(radiee.status, 409);
  assert.is(radiee.body.code, 'demande_radiee');
  const unknownType = await call(app, 'POST', `/v1/revue/${id}/resolution`, {
    token: claire,
    json: { ...decision, documents: [decision.documents[0], { pages: [4], categorie: 'LOGACT', type: 'XXX' }] },
  });
  assert.is(unknownType.status, 422);
  assert.is(unknownType.body.code, 'type_inconnu');
  const twice = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: claire, json: { ...decision, blanches: [4] } });
  assert.is(twice.status, 400);
  assert.match(twice.body.detail, 'à la fois page blanche et document');
  const turnedOutside = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: claire, json: { ...decision, rotations: [{ page: 5, angle: 90 }] } });
  assert.is(turnedOutside.status, 400);
  assert.is((await deps.db.select().from(pieces).where(eq(pieces.lotId, lotId))).length, 0, 'nothing filed by a refused decision');

  const done = await call(app, 'POST', `/v1/revue/${id}/resolution`, { token: claire, json: decision });
  assert.is(done.status, 200, JSON.stringify(done.body));
  assert.is(done.body.pieces.length, 2);
  const lot = await call(app, 'GET', `/v1/lots/${lotId}`, { token: claire });
  assert.is(lot.body.statut, 'termine');
  assert.equal(lot.body.pagesBlanches, [5], 'the page marked blank is dropped, the blank page brought back is filed');
  assert.equal(lot.body.plis[0].couverture, [0]);
  assert.equal(
    lot.body.plis[0].pieces.map((p: any) => p.pages),
    [[1, 2, 3], [4]],
  );
  // the turned page is filed turned: a portrait page lies on its side
  const [turned] = await deps.db.select().from(pieces).where(eq(pieces.id, done.body.pieces[1]));
  const pdf = await PDFDocument.load(await deps.objects.getBuffer('pieces', turned!.cle));
  const { width, height } = pdf.getPage(0).getSize();
  assert.ok(width > height, `${width}×${height}`);
  const [straight] = await deps.db.select().from(pieces).where(eq(pieces.id, done.body.pieces[0]));
  const first = (await PDFDocument.load(await deps.objects.getBuffer('pieces', straight!.cle))).getPage(0).getSize();
  assert.ok(first.height > first.width);
});

station('an upload waiting for its type is proposed in the dossier it was sent to', async ({ deps, app, claire }) => {
  const { taskIds } = await seedReviewLot(deps, {
    pages: 1,
    canal: 'portail',
    reference: MARTIN,
    tasks: [{ motif: 'type_incertain', pages: [0], suggestions: { categorie: 'RES' } }],
  });
  const task = await call(app, 'GET', `/v1/revue/${taskIds[0]}`, { token: claire });
  assert.is(task.body.proposition.numeroUnique, MARTIN);
  assert.is(task.body.lot.canal, 'portail');
});

station('the limits are checked for the whole decision before the first document is filed', async ({ deps, app, claire }) => {
  // 14 payslips already: a decision bringing two more would stop after the first
  await deps.db.insert(pieces).values(
    Array.from({ length: 14 }, (_, i) => ({
      numeroUnique: MARTIN,
      categorie: 'RES',
      type: 'BUL',
      sensible: false,
      pages: 1,
      taille: 1,
      sha256: String(i),
      bucket: 'pieces',
      cle: `bul-${i}`,
      canal: 'portail' as const,
    })),
  );
  const { lotId, taskIds } = await seedReviewLot(deps, {
    pages: 2,
    tasks: [{ motif: 'type_incertain', pages: [0, 1], suggestions: { numeroUnique: MARTIN } }],
  });
  const refused = await call(app, 'POST', `/v1/revue/${taskIds[0]}/resolution`, {
    token: claire,
    json: {
      numeroUnique: MARTIN,
      documents: [
        { pages: [0], categorie: 'RES', type: 'BUL' },
        { pages: [1], categorie: 'RES', type: 'BUL' },
      ],
    },
  });
  assert.is(refused.status, 409);
  assert.is(refused.body.code, 'limite_categorie_atteinte');
  assert.match(refused.body.detail, 'maximum 15');
  assert.is((await deps.db.select().from(pieces).where(eq(pieces.lotId, lotId))).length, 0, 'not even the first');
  assert.is((await call(app, 'GET', `/v1/revue/${taskIds[0]}`, { token: claire })).body.statut, 'ouverte');
});

station("the day's activity per operator and the lots' progress", async ({ app, claire, gestionnaire }) => {
  const activity = await call(app, 'GET', '/v1/revue/activite', { token: gestionnaire });
  assert.is(activity.status, 200);
  const claireRow = activity.body.items.find((a: any) => a.nom === 'Claire');
  const brunoRow = activity.body.items.find((a: any) => a.nom === 'Bruno');
  assert.is(claireRow.tachesCloses, 1);
  assert.is(brunoRow.tachesCloses, 1);
  assert.ok(claireRow.secondesMedianes !== null && claireRow.secondesMedianes >= 0);
  const lots = await call(app, 'GET', '/v1/revue/lots', { token: claire });
  assert.is(lots.status, 200);
  const done = lots.body.items.find((l: any) => l.statut === 'termine' && l.pages === 6);
  assert.ok(done, JSON.stringify(lots.body.items));
  assert.equal([done.pagesLues, done.pagesClassees, done.pagesCouverture, done.pagesBlanches, done.pagesEnRevue, done.plisTrouves], [6, 4, 1, 1, 0, 1]);
  const open = lots.body.items.find((l: any) => l.reference === 'LOT-ANCIEN');
  assert.is(open.pagesEnRevue, 2);
  assert.is(open.taches.length, 2);
});

station('the station and its endpoints are in the OpenAPI document', async ({ app }) => {
  const doc = (await call(app, 'GET', '/openapi.json')).body;
  for (const path of ['/v1/revue/{id}/prise', '/v1/revue/compteurs', '/v1/revue/activite', '/v1/revue/lots', '/v1/demandes']) assert.ok(doc.paths[path], path);
  assert.ok(doc.paths['/v1/revue/{id}/prise'].delete);
  assert.ok(doc.components.schemas.Resolution.properties.rotations);
});

station.run();
