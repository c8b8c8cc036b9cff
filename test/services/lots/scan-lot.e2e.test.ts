import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { runCli, startServer, type ServerProcess } from '../../support/server-process.ts';

type Truth = { pages: { index: number; role: string; piece: string | null; categorie: string | null; type: string | null; numeroUnique: string | null }[] };

const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf');
const maxLotBytes = 2 * 1024 * 1024;
const e2e = suite<{
  server: ServerProcess;
  env: Record<string, string>;
  operateur: string;
  gestionnaire: string;
  dataDir: string;
  dropDatabase: () => Promise<void>;
}>(`scan lot end to end over HTTP (${backendNames.database}, ${backendNames.s3})`);

e2e.before(async (context) => {
  context.dataDir = await tempDir('du-lot-');
  // against PostgreSQL, a database of its own: another suite (the inbox's) stores the same sample
  // bytes, and the same bytes are the same lot
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  context.env = {
    DATA_DIR: context.dataDir,
    S3_BUCKET_PREFIX: uniqueName('l'),
    OCR_WORKERS: '2',
    // above the sample lot (1.1 Mo), low enough to send a lot over it
    MAX_LOT_BYTES: String(maxLotBytes),
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
  context.server = await startServer(context.env, 60_000);
  context.operateur = (await runCli(['token', 'create', '--role', 'operateur'], context.env)).lastLine;
  context.gestionnaire = (await runCli(['token', 'create', '--role', 'gestionnaire'], context.env)).lastLine;
  const imported = await runCli(['demandes', 'import', path.join(sample, 'registry.json')], context.env);
  assert.is(imported.status, 0, imported.stderr);
});
e2e.after(async ({ server, dataDir, dropDatabase }) => {
  await server.stop();
  await dropDatabase();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function postLot(baseUrl: string, token: string, files: Buffer | Buffer[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [i, file] of [files].flat().entries()) form.append('file', new File([file], `lot-sample-0${i + 1}.pdf`, { type: 'application/pdf' }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const response = await fetch(`${baseUrl}/v1/lots`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

async function waitForLot(baseUrl: string, token: string, id: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lot = (await (await fetch(`${baseUrl}/v1/lots/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
    if (lot.statut === 'termine' || lot.statut === 'a_revoir' || lot.statut === 'echec') return lot;
    if (Date.now() > deadline) throw new Error(`lot ${id} still ${lot.statut} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

e2e('a scanned lot is filed: right dossiers, right types, right pages, every page accounted for', async ({ server, operateur, gestionnaire, dataDir }) => {
  const truth = JSON.parse(await fs.readFile(path.join(sample, 'truth.json'), 'utf8')) as Truth;
  const bytes = await fs.readFile(path.join(sample, 'lot-sample-01.pdf'));
  const posted = await postLot(server.baseUrl, operateur, bytes, { reference: 'BATCH-TEST-1' });
  assert.is(posted.status, 202, JSON.stringify(posted.body));
  const lot = await waitForLot(server.baseUrl, operateur, posted.body.id);
  assert.is(lot.pages, truth.pages.length);

  // every page in exactly one place
  const places = [
    ...lot.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
    ...lot.pagesBlanches,
    ...lot.revue.flatMap((r: any) => r.pages),
  ].sort((a: number, b: number) => a - b);
  assert.equal(
    places,
    truth.pages.map((p) => p.index),
    JSON.stringify(lot),
  );

  // nothing filed in a wrong dossier, and what is filed has its truth's type and pages
  for (const pli of lot.plis) {
    for (const piece of pli.pieces) {
      for (const page of piece.pages) {
        const expected = truth.pages[page]!;
        assert.is(expected.numeroUnique, pli.numeroUnique, `page ${page} filed under ${pli.numeroUnique}`);
        assert.is(expected.type, piece.type, `page ${page} type`);
      }
      const meta = (await (await fetch(`${server.baseUrl}/v1/pieces/${piece.id}`, { headers: { authorization: `Bearer ${gestionnaire}` } })).json()) as any;
      assert.is(meta.canal, 'courrier');
      assert.equal(meta.source, { lotId: lot.id, pages: piece.pages });
      const pdf = Buffer.from(
        await (await fetch(`${server.baseUrl}/v1/pieces/${piece.id}/contenu`, { headers: { authorization: `Bearer ${gestionnaire}` } })).arrayBuffer(),
      );
      assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.is(createHash('sha256').update(pdf).digest('hex'), meta.sha256);
      const journal = (await (
        await fetch(`${server.baseUrl}/v1/dossiers/${encodeURIComponent(pli.numeroUnique)}/journal`, { headers: { authorization: `Bearer ${gestionnaire}` } })
      ).json()) as any;
      assert.ok(journal.items.some((e: any) => e.pieceId === piece.id && e.evenement === 'creation'));
    }
  }
  // the truth's blank back is dropped as blank, never filed
  const blanks = truth.pages.filter((p) => p.role === 'blanc').map((p) => p.index);
  for (const blank of blanks) assert.ok(lot.pagesBlanches.includes(blank), `blank page ${blank}`);
  const filed = lot.plis.flatMap((p: any) => p.pieces).length;
  console.log(`  lot ${lot.id}: ${lot.plis.length} plis matched, ${filed} pieces filed, ${lot.revue.length} review tasks, statut ${lot.statut}`);
  assert.ok(lot.plis.length >= 1, 'at least one envelope matched');

  // each applicant with a filed piece gets its confirmation (no SMTP_URL: written to DATA_DIR/outbox)
  const withPieces = lot.plis.filter((p: any) => p.pieces.length > 0).map((p: any) => p.numeroUnique as string);
  const outbox = path.join(dataDir, 'outbox');
  const deadline = Date.now() + 20_000;
  let mails: string[] = [];
  while (Date.now() < deadline) {
    const files = await fs.readdir(outbox).catch(() => [] as string[]);
    mails = await Promise.all(
      files.filter((f) => f.endsWith('.eml')).map(async (f) => (await simpleParser(await fs.readFile(path.join(outbox, f)))).text ?? ''),
    );
    if (withPieces.every((nu: string) => mails.some((m) => m.includes(nu)))) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const nu of withPieces)
    assert.ok(
      mails.some((m) => m.includes(nu)),
      `confirmation for ${nu} in the outbox`,
    );

  const again = await postLot(server.baseUrl, operateur, bytes, { reference: 'BATCH-TEST-1' });
  assert.is(again.status, 200);
  assert.is(again.body.id, lot.id);
  const after = await waitForLot(server.baseUrl, operateur, lot.id);
  assert.equal(after.plis, lot.plis, 'a re-upload creates nothing new');
});

/**
 * A lot over MAX_LOT_BYTES, then a status request, on one keep-alive connection if the server kept
 * it: the refusal stops reading the lot at its limit, so it must close that connection.
 */
async function oversizedThenNext(baseUrl: string, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, url: string, headers: Record<string, string | number>, body?: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; reused: boolean }>((resolve, reject) => {
      const request = http.request(`${baseUrl}${url}`, { method, agent, headers: { authorization: `Bearer ${token}`, ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString('utf8'), reused: request.reusedSocket }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  try {
    const form = new FormData();
    // just over the limit: the lot is sent whole before the answer, which the client then reads (no EPIPE)
    form.append('file', new File([Buffer.alloc(maxLotBytes + 64 * 1024, 1)], 'trop-gros.pdf', { type: 'application/pdf' }));
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const refused = await send('POST', '/v1/lots', { 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length }, body);
    const next = await send('GET', '/v1/revue', {});
    return { status: refused.status, code: JSON.parse(refused.text).code, connection: refused.headers.connection, next: next.status, reused: next.reused };
  } finally {
    agent.destroy();
  }
}

e2e('bad lots are answered clearly', async ({ server, operateur, gestionnaire }) => {
  const empty = await postLot(server.baseUrl, operateur, Buffer.alloc(0));
  assert.is(empty.status, 422);
  assert.is(empty.body.code, 'fichier_vide');
  const notMultipart = await fetch(`${server.baseUrl}/v1/lots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operateur}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.is(notMultipart.status, 415);
  const asGestionnaire = await postLot(server.baseUrl, gestionnaire, Buffer.from('%PDF-1.4'));
  assert.is(asGestionnaire.status, 404);
  assert.equal(await oversizedThenNext(server.baseUrl, operateur), { status: 413, code: 'taille_depassee', connection: 'close', next: 200, reused: false });
  // a file that cannot be read becomes a review task of its own; the lot still ends
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
  const otherGif = Buffer.concat([gif.subarray(0, gif.length - 1), Buffer.from([0x00, 0x3b])]);
  const posted = await postLot(server.baseUrl, operateur, [gif, otherGif]);
  assert.is(posted.status, 202);
  const lot = await waitForLot(server.baseUrl, operateur, posted.body.id);
  assert.is(lot.statut, 'a_revoir');
  assert.equal(
    lot.revue.map((t: { motif: string }) => t.motif),
    ['format_non_supporte', 'format_non_supporte'],
  );
});

e2e.run();
