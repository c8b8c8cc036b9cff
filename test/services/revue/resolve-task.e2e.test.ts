import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { runCli, startServer, type ServerProcess } from '../../support/server-process.ts';

type Truth = { pages: { index: number; role: string; piece: string | null; categorie: string | null; type: string | null; numeroUnique: string | null }[] };
type Context = {
  server: ServerProcess;
  dataDir: string;
  env: Record<string, string>;
  operateur: string;
  gestionnaire: string;
  dropDatabase: () => Promise<void>;
};

const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf');
const secondEnvelope = '034 0920 927709 ALSRV';
const revue = suite<Context>(`review tasks resolved over HTTP (${backendNames.database}, ${backendNames.s3})`);

revue.before(async (context) => {
  context.dataDir = await tempDir('du-revue-');
  // against PostgreSQL, a database of its own: the sample lot and registry other suites use are not this one's
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  const env = (context.env = {
    DATA_DIR: context.dataDir,
    S3_BUCKET_PREFIX: uniqueName('r'),
    OCR_WORKERS: '2',
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  });
  context.server = await startServer(env, 60_000);
  // the registry without the second envelope's demande: its cover cannot be matched, so the lot
  // leaves a review task whatever the classifier makes of the pages
  const registry = JSON.parse(await fs.readFile(path.join(sample, 'registry.json'), 'utf8')) as { numeroUnique: string }[];
  const partial = path.join(context.dataDir, 'registry-partial.json');
  await fs.writeFile(partial, JSON.stringify(registry.filter((d) => d.numeroUnique !== secondEnvelope)));
  const [operateur, gestionnaire, imported] = await Promise.all([
    runCli(['token', 'create', '--role', 'operateur'], env),
    runCli(['token', 'create', '--role', 'gestionnaire'], env),
    runCli(['demandes', 'import', partial], env),
  ]);
  assert.is(imported.status, 0, imported.stderr);
  context.operateur = operateur.lastLine;
  context.gestionnaire = gestionnaire.lastLine;
});
revue.after(async ({ server, dataDir, dropDatabase }) => {
  await server.stop();
  await dropDatabase();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function api(server: ServerProcess, token: string, method: string, url: string, json?: unknown) {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: (type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer())) as any };
}

async function postLot(server: ServerProcess, token: string, name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new File([bytes], name));
  const response = await fetch(`${server.baseUrl}/v1/lots`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  assert.is(response.status, 202);
  return ((await response.json()) as { id: string }).id;
}

async function waitForLot(server: ServerProcess, token: string, id: string) {
  for (const deadline = Date.now() + 180_000; ; ) {
    const lot = (await api(server, token, 'GET', `/v1/lots/${id}`)).body;
    if (['termine', 'a_revoir', 'echec'].includes(lot.statut)) return lot;
    assert.ok(Date.now() < deadline, `lot ${id} still ${lot.statut}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Every page of the lot in exactly one place: a cover, a piece, the blank list or a review task. */
function places(lot: any): number[] {
  return [
    ...lot.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
    ...lot.pagesBlanches,
    ...lot.revue.flatMap((r: any) => r.pages),
  ].sort((a: number, b: number) => a - b);
}

revue(
  'an operator resolves a task from its page images: its pieces are filed as the automatic path files them',
  async ({ server, env, operateur, gestionnaire }) => {
    const truth = JSON.parse(await fs.readFile(path.join(sample, 'truth.json'), 'utf8')) as Truth;
    const lotId = await postLot(server, operateur, 'lot-sample-01.pdf', await fs.readFile(path.join(sample, 'lot-sample-01.pdf')));
    const lot = await waitForLot(server, operateur, lotId);
    assert.is(lot.statut, 'a_revoir', `the sample lot leaves something to review: ${JSON.stringify(lot)}`);

    // the queue, then the task with its page images
    const queue = await api(server, operateur, 'GET', '/v1/revue');
    assert.is(queue.status, 200);
    const listed = queue.body.items.find((t: any) => t.lotId === lotId && t.motif === 'couverture_non_rattachee');
    assert.ok(listed, `an open task with piece pages: ${JSON.stringify(queue.body.items)}`);
    const task = await api(server, operateur, 'GET', `/v1/revue/${listed.id}`);
    assert.is(task.status, 200);
    assert.is(task.body.statut, 'ouverte');
    assert.is(task.body.images.length, task.body.pages.length);
    const image = await api(server, operateur, 'GET', task.body.images[0]);
    assert.is(image.status, 200);
    assert.is(image.type, 'image/webp');
    assert.is(image.body.subarray(8, 12).toString(), 'WEBP');
    assert.is((await api(server, gestionnaire, 'GET', `/v1/revue/${listed.id}`)).status, 404, 'a gestionnaire reads the queue, not the tasks');

    // the cover's number zone, cut out, beside what the service read there
    const cover = truth.pages.find((p) => p.role === 'couverture' && p.numeroUnique === secondEnvelope)!.index;
    const [zone] = task.body.zonesNumero;
    assert.is(zone?.page, cover, JSON.stringify(task.body.zonesNumero));
    assert.ok(
      zone.lectures.some((l: string) => l.replace(/\s/g, '').includes(secondEnvelope.replaceAll(' ', ''))),
      JSON.stringify(zone.lectures),
    );
    const crop = await api(server, operateur, 'GET', zone.image);
    assert.is(crop.status, 200);
    assert.is(crop.type, 'image/webp');
    const [cropSize, pageSize] = await Promise.all([
      sharp(crop.body).metadata(),
      sharp((await api(server, operateur, 'GET', `/v1/revue/${listed.id}/pages/${cover}.webp`)).body).metadata(),
    ]);
    assert.ok(cropSize.height! < pageSize.height! / 4, 'the zone, not the page');

    // the truth's answer: the task's piece pages grouped by the piece they belong to
    const piecePages = (task.body.pages as number[]).filter((p) => truth.pages[p]!.role === 'piece');
    const numeroUnique = truth.pages[piecePages[0]!]!.numeroUnique!;
    assert.is(numeroUnique, secondEnvelope);
    const byPiece = new Map<string, number[]>();
    for (const p of piecePages) byPiece.set(truth.pages[p]!.piece!, [...(byPiece.get(truth.pages[p]!.piece!) ?? []), p]);
    const documents = [...byPiece.values()].map((pages) => ({ pages, categorie: truth.pages[pages[0]!]!.categorie!, type: truth.pages[pages[0]!]!.type! }));

    const outside = truth.pages.find((p) => !task.body.pages.includes(p.index))!.index;
    const wrongPage = await api(server, operateur, 'POST', `/v1/revue/${listed.id}/resolution`, {
      numeroUnique,
      documents: [{ ...documents[0]!, pages: [outside] }],
    });
    assert.is(wrongPage.status, 400, JSON.stringify(wrongPage.body));
    assert.is(wrongPage.body.code, 'requete_invalide');
    const coverInDocument = await api(server, operateur, 'POST', `/v1/revue/${listed.id}/resolution`, {
      numeroUnique,
      documents,
      couverture: [documents[0]!.pages[0]],
    });
    assert.is(coverInDocument.status, 400, JSON.stringify(coverInDocument.body));
    assert.match(coverInDocument.body.detail, 'couverture et document');
    assert.is((await api(server, operateur, 'GET', `/v1/revue/${listed.id}`)).body.statut, 'ouverte', 'a refused resolution changes nothing');

    // the demande reaches the registry later (the national system is the source of truth)
    const unknown = await api(server, operateur, 'POST', `/v1/revue/${listed.id}/resolution`, { numeroUnique, documents });
    assert.is(unknown.status, 404, JSON.stringify(unknown.body));
    assert.is(unknown.body.code, 'demande_inconnue');
    const imported = await runCli(['demandes', 'import', path.join(sample, 'registry.json')], env);
    assert.is(imported.status, 0, imported.stderr);

    // a double submission: one resolution wins, the other is told, nothing is filed twice
    const both = await Promise.all(
      [0, 1].map(() => api(server, operateur, 'POST', `/v1/revue/${listed.id}/resolution`, { numeroUnique: numeroUnique.replaceAll(' ', ''), documents })),
    );
    assert.equal(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.body)));
    const resolved = both.find((r) => r.status === 200)!;
    assert.is(resolved.body.statut, 'resolue');
    assert.is(resolved.body.pieces.length, documents.length);
    const again = await api(server, operateur, 'POST', `/v1/revue/${listed.id}/resolution`, { numeroUnique, documents });
    assert.is(again.status, 409);
    assert.is((await api(server, operateur, 'GET', `/v1/revue/${listed.id}`)).body.statut, 'resolue');
    assert.not.ok(
      (await api(server, operateur, 'GET', '/v1/revue')).body.items.some((t: any) => t.id === listed.id),
      'no longer in the queue',
    );

    // filed as the automatic path files: same metadata shape, a readable PDF with its hash, a journal event
    const automatic = lot.plis.flatMap((p: any) => p.pieces)[0];
    const automaticMeta = automatic ? (await api(server, gestionnaire, 'GET', `/v1/pieces/${automatic.id}`)).body : undefined;
    const journal = (await api(server, gestionnaire, 'GET', `/v1/dossiers/${encodeURIComponent(numeroUnique)}/journal`)).body;
    for (const [i, id] of (resolved.body.pieces as string[]).entries()) {
      const meta = (await api(server, gestionnaire, 'GET', `/v1/pieces/${id}`)).body;
      assert.is(meta.numeroUnique, numeroUnique);
      assert.is(meta.categorie, documents[i]!.categorie);
      assert.is(meta.type, documents[i]!.type);
      assert.is(meta.canal, 'courrier');
      assert.is(meta.statut, 'active');
      assert.equal(meta.source, { lotId, pages: documents[i]!.pages });
      assert.is(meta.pages, documents[i]!.pages.length);
      if (automaticMeta) {
        assert.equal(Object.keys(meta).sort(), Object.keys(automaticMeta).sort());
        assert.is(meta.indicePertinence, automaticMeta.indicePertinence);
      }
      const pdf = await api(server, gestionnaire, 'GET', `/v1/pieces/${id}/contenu`);
      assert.is(pdf.status, 200);
      assert.is(pdf.body.subarray(0, 5).toString(), '%PDF-');
      assert.is(createHash('sha256').update(pdf.body).digest('hex'), meta.sha256);
      const creations = journal.items.filter((e: any) => e.pieceId === id && e.evenement === 'creation');
      assert.is(creations.length, 1, `one creation event for ${id}`);
    }
    const dossier = (await api(server, gestionnaire, 'GET', `/v1/dossiers/${encodeURIComponent(numeroUnique)}/pieces`)).body;
    assert.is(dossier.items.length, documents.length, 'one piece per document in the dossier');

    // the lot's accounting: the pages moved from the task to the piece, each still in one place
    const after = (await api(server, operateur, 'GET', `/v1/lots/${lotId}`)).body;
    assert.equal(
      places(after),
      truth.pages.map((p) => p.index),
      JSON.stringify(after),
    );
    const pli = after.plis.find((p: any) => p.numeroUnique === numeroUnique);
    for (const document of documents)
      assert.ok(
        pli.pieces.some((x: any) => x.type === document.type && x.pages.join() === document.pages.join()),
        `${document.type} in the lot's pli`,
      );
    // the cover and the attestation's own pages left the task for their envelope, as the automatic path places them
    const coverPages = (task.body.pages as number[]).filter((p) => ['couverture', 'attestation_p2'].includes(truth.pages[p]!.role));
    assert.ok(coverPages.length > 0, "the task held its envelope's cover");
    assert.equal(pli.couverture, coverPages, `the envelope's cover: ${JSON.stringify(after)}`);
    assert.equal(after.revue.find((t: any) => t.id === listed.id).pages, [], 'the resolved task holds no page any more');
    const open = after.revue.filter((t: any) => t.statut === 'ouverte');
    assert.is(after.statut, open.length === 0 ? 'termine' : 'a_revoir');
    assert.is(resolved.body.lot.statut, after.statut);
  },
);

revue('a rejected task is closed with its reason, and its lot ends', async ({ server, operateur }) => {
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
  const lotId = await postLot(server, operateur, 'scan.gif', gif);
  const lot = await waitForLot(server, operateur, lotId);
  assert.is(lot.statut, 'a_revoir');
  const [task] = lot.revue;
  const tooShort = await api(server, operateur, 'POST', `/v1/revue/${task.id}/resolution`, { rejet: '' });
  assert.is(tooShort.status, 400);
  const empty = await api(server, operateur, 'POST', `/v1/revue/${task.id}/resolution`, {});
  assert.is(empty.status, 400);
  const rejected = await api(server, operateur, 'POST', `/v1/revue/${task.id}/resolution`, { rejet: 'format non pris en charge : rescanner en PDF' });
  assert.is(rejected.status, 200, JSON.stringify(rejected.body));
  assert.is(rejected.body.statut, 'rejetee');
  assert.equal(rejected.body.pieces, []);
  assert.is((await api(server, operateur, 'POST', `/v1/revue/${task.id}/resolution`, { rejet: 'encore' })).status, 409);
  const after = (await api(server, operateur, 'GET', `/v1/lots/${lotId}`)).body;
  assert.is(after.statut, 'termine');
  assert.is(after.revue[0].statut, 'rejetee');
  assert.is((await api(server, operateur, 'POST', '/v1/revue/00000000-0000-0000-0000-000000000000/resolution', { rejet: 'inconnue' })).status, 404);
});

revue.run();
