import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';
import { serverCommand, startServer, type ServerProcess } from '../../support/server-process.ts';

const NU = '057121507390310691';
const OTHER_NU = '9740624000123DGALN';

type Context = { server: ServerProcess; dataDir: string; guichet: string; operateur: string; dropDatabase: () => Promise<void> };
const review = suite<Context>(`an untyped upload the classifier is unsure of, settled by an operator over HTTP (${backendNames.database}, ${backendNames.s3})`);

async function call(server: ServerProcess, token: string, method: string, url: string, json?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: (type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer())) as any };
}

async function upload(server: ServerProcess, token: string, file: Buffer) {
  const form = new FormData();
  form.set('file', new File([file], 'scan-telephone.jpg'));
  const response = await fetch(`${server.baseUrl}/v1/dossiers/${NU}/pieces`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

review.before(async (context) => {
  context.dataDir = await tempDir('du-upload-revue-');
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  context.server = await startServer(
    { DATA_DIR: context.dataDir, S3_BUCKET_PREFIX: uniqueName('u'), OCR_WORKERS: '1', ...(database?.url ? { DATABASE_URL: database.url } : {}) },
    60_000,
  );
  const base = { etat: 'active', nom: 'Lefèvre', prenom: 'Élodie', dateNaissance: '1988-03-14', guichet: '10691' };
  await serverCommand(context.dataDir, 'demandes import', {
    format: 'json',
    contenu: JSON.stringify([
      { ...base, numeroUnique: NU },
      { ...base, numeroUnique: OTHER_NU, guichet: 'DGALN' },
    ]),
  });
  context.guichet = (await serverCommand<{ token: string }>(context.dataDir, 'token create', { role: 'guichet', guichet: '10691' })).token;
  context.operateur = (await serverCommand<{ token: string }>(context.dataDir, 'token create', { role: 'operateur' })).token;
});
review.after(async ({ server, dataDir, dropDatabase }) => {
  await server.stop();
  await dropDatabase();
  await fs.rm(dataDir, { recursive: true, force: true });
});

review(
  '202 with a task showing the page; the resolution files the piece in the dossier as an upload, with its creation event',
  async ({ server, guichet, operateur }) => {
    // text no type of the plan is recognised by: the classifier must leave it to an operator
    const file = await textPageJpeg(['Quelques lignes manuscrites recopiées', 'sans titre ni rubrique reconnaissable', 'Merci de votre attention']);
    const sent = await upload(server, guichet, file);
    assert.is(sent.status, 202, JSON.stringify(sent.body));
    const taskId = sent.body.revue.id as string;
    assert.is(sent.body.revue.motif, 'type_incertain');
    const again = await upload(server, guichet, file);
    assert.is(again.status, 202);
    assert.is(again.body.revue.id, taskId, 'the same bytes again: the same task, not a second one');

    const task = await call(server, operateur, 'GET', `/v1/revue/${taskId}`);
    assert.is(task.status, 200);
    assert.equal(task.body.pages, [0]);
    assert.equal(task.body.images, [`/v1/revue/${taskId}/pages/0.webp`]);
    const image = await call(server, operateur, 'GET', task.body.images[0]);
    assert.is(image.status, 200);
    assert.is(image.type, 'image/webp');
    const shown = await sharp(image.body).metadata();
    // the normalised page: a portrait A4 at about the upload's 100 dpi, not a thumbnail
    assert.ok(shown.width! > 700 && shown.height! > 1000 && shown.height! > shown.width!, `${shown.width}×${shown.height}`);

    // an upload is one piece of the dossier it was sent to
    const elsewhere = await call(server, operateur, 'POST', `/v1/revue/${taskId}/resolution`, {
      numeroUnique: OTHER_NU,
      documents: [{ pages: [0], categorie: 'RES', type: 'BUL' }],
    });
    assert.is(elsewhere.status, 400, JSON.stringify(elsewhere.body));
    assert.is(elsewhere.body.code, 'requete_invalide');

    const resolved = await call(server, operateur, 'POST', `/v1/revue/${taskId}/resolution`, { documents: [{ pages: [0], categorie: 'RES', type: 'BUL' }] });
    assert.is(resolved.status, 200, JSON.stringify(resolved.body));
    assert.is(resolved.body.statut, 'resolue');
    assert.is(resolved.body.pieces.length, 1);
    const pieceId = resolved.body.pieces[0] as string;

    const listed = (await call(server, guichet, 'GET', `/v1/dossiers/${NU}/pieces`)).body.items as any[];
    const piece = listed.find((p) => p.id === pieceId);
    assert.ok(piece, 'the piece is listed in the dossier');
    assert.equal([piece.categorie, piece.type, piece.canal, piece.pages, piece.statut], ['RES', 'BUL', 'portail', 1, 'active']);
    const pdf = await call(server, guichet, 'GET', `/v1/pieces/${pieceId}/contenu`);
    assert.is(pdf.status, 200);
    assert.is(pdf.body.subarray(0, 5).toString(), '%PDF-');
    assert.is(createHash('sha256').update(pdf.body).digest('hex'), piece.sha256, 'the object in the bucket is the one the row names');
    const journal = (await call(server, guichet, 'GET', `/v1/dossiers/${NU}/journal`)).body.items as any[];
    const events = journal.filter((e) => e.pieceId === pieceId).map((e) => e.evenement);
    assert.equal(events, ['creation']);

    // the lot of that upload is done, and the same bytes sent again are that piece
    const lot = await call(server, operateur, 'GET', `/v1/lots/${task.body.lotId}`);
    assert.is(lot.body.statut, 'termine');
    const third = await upload(server, guichet, file);
    assert.is(third.status, 200, JSON.stringify(third.body));
    assert.is(third.body.id, pieceId);
    assert.is((await call(server, operateur, 'GET', `/v1/revue/${taskId}`)).body.statut, 'resolue');
  },
);

review('the same bytes sent again after a rejection are a new task for an operator, not the rejected one', async ({ server, guichet, operateur }) => {
  const file = await textPageJpeg(["Note griffonnée au dos d'une enveloppe", 'sans objet ni référence lisible', 'Bien cordialement']);
  const sent = await upload(server, guichet, file);
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  const rejectedId = sent.body.revue.id as string;
  const rejected = await call(server, operateur, 'POST', `/v1/revue/${rejectedId}/resolution`, { rejet: 'page illisible, à renvoyer' });
  assert.is(rejected.status, 200, JSON.stringify(rejected.body));
  assert.is(rejected.body.statut, 'rejetee');
  const { lotId } = (await call(server, operateur, 'GET', `/v1/revue/${rejectedId}`)).body;
  assert.is((await call(server, operateur, 'GET', `/v1/lots/${lotId}`)).body.statut, 'termine');

  const again = await upload(server, guichet, file);
  assert.is(again.status, 202, JSON.stringify(again.body));
  const taskId = again.body.revue.id as string;
  assert.is.not(taskId, rejectedId, 'a rejected task is not the answer to a new request');
  const task = await call(server, operateur, 'GET', `/v1/revue/${taskId}`);
  assert.equal([task.body.statut, task.body.lotId, task.body.pages], ['ouverte', lotId, [0]]);
  const queue = (await call(server, operateur, 'GET', '/v1/revue')).body.items as any[];
  assert.ok(
    queue.some((t) => t.id === taskId),
    "in the operators' queue",
  );
  assert.not.ok(queue.some((t) => t.id === rejectedId));
  assert.is((await call(server, operateur, 'GET', `/v1/revue/${rejectedId}`)).body.statut, 'rejetee', 'the rejection stays as it was');
  // the upload's lot waits for the new task, whose page it holds
  const lot = (await call(server, operateur, 'GET', `/v1/lots/${lotId}`)).body;
  assert.is(lot.statut, 'a_revoir');
  assert.equal(
    lot.revue.map((t: any) => [t.id, t.statut, t.pages]),
    [
      [rejectedId, 'rejetee', []],
      [taskId, 'ouverte', [0]],
    ],
  );
  const third = await upload(server, guichet, file);
  assert.is(third.body.revue?.id, taskId, 'while it waits, the same bytes find that task');
});

review.run();
