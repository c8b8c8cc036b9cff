import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { eq } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { journal, roles, type Role } from '../../../storage/schema/index.ts';
import { backendNames, objectsOf, serverBackends, type ServerBackends } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';
import { callServer, postPiece } from '../../support/http.ts';
import { restartServer, runCli, serverCommand, startServer, type ServerProcess } from '../../support/server-process.ts';

type Context = { backends: ServerBackends; server: ServerProcess; tokens: Record<Role, string>; normale: string; sensible: string };

const NU = '057121507390310691';
const OTHER_NU = '9740624000123DGALN';
// small, so that oversized bodies are quick to send (the server reads one on up to twice this before its 413)
const maxBodyBytes = 512 * 1024;
// the authorisation matrix: pieces-authorisation.e2e.test.ts
const pieces = suite<Context>(
  `pieces API over HTTP against the real server: upload, content, quarantine, journal (${backendNames.database}, ${backendNames.s3})`,
);

const call = (server: ServerProcess, token: string, method: string, path: string, json?: unknown, headers?: Record<string, string>) =>
  callServer(server.baseUrl, method, path, { token, json, headers });
const upload = (server: ServerProcess, token: string, nu: string, file: Buffer, fields: Record<string, string> = {}, name?: string) =>
  postPiece(server.baseUrl, token, nu, file, fields, name);

/**
 * A request through a node:http agent, so that the test decides which connection carries it: with a
 * keep-alive agent of one socket, the next request goes on the same connection if the server left it open.
 */
function requestOn(agent: http.Agent, url: string, options: { method: string; headers: Record<string, string | number>; body?: Buffer }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any; reused: boolean }>((resolve, reject) => {
    const request = http.request(url, { method: options.method, agent, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode!, headers: response.headers, body: text ? JSON.parse(text) : null, reused: request.reusedSocket });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** An upload as a portal's HTTP client sends it, on the given agent's connection. */
async function uploadOn(agent: http.Agent, server: ServerProcess, token: string, nu: string, file: Buffer, fields: Record<string, string>) {
  const form = new FormData();
  form.set('file', new File([file], 'gros.pdf'));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type')!, 'content-length': body.length };
  return requestOn(agent, `${server.baseUrl}/v1/dossiers/${nu}/pieces`, { method: 'POST', headers, body });
}

/** A piece's events, oldest first, as the dossier's journal shows them. */
async function eventsOf(server: ServerProcess, token: string, nu: string, pieceId: string) {
  const items = (await call(server, token, 'GET', `/v1/dossiers/${nu}/journal`)).body.items as { pieceId: string | null; evenement: string; details: any }[];
  return items.filter((e) => e.pieceId === pieceId).reverse();
}

pieces.before(async (context) => {
  context.backends = await serverBackends('du-pieces-');
  context.server = await startServer({ ...context.backends.env, OCR_WORKERS: '1', MAX_BODY_BYTES: String(maxBodyBytes) }, 60_000);
  const base = { etat: 'active', nom: 'Lefèvre', prenom: 'Élodie', dateNaissance: '1988-03-14', guichet: '10691', email: 'e@example.fr' };
  await serverCommand(context.backends.dataDir, 'demandes import', {
    format: 'json',
    contenu: JSON.stringify([
      { ...base, numeroUnique: NU },
      { ...base, numeroUnique: OTHER_NU, nom: 'Payet', guichet: 'DGALN' },
      { ...base, numeroUnique: '971 0623 000004 DGALN', etat: 'radiee', dateRadiation: '2024-05-02' },
    ]),
  });
  context.tokens = {} as Record<Role, string>;
  for (const role of roles) {
    const created = await serverCommand<{ token: string }>(
      context.backends.dataDir,
      'token create',
      role === 'guichet' ? { role, guichet: '10691' } : { role },
    );
    context.tokens[role] = created.token;
  }
  const { server, tokens } = context;
  const bulletin = await upload(
    server,
    tokens.guichet,
    NU,
    await textPageJpeg(['BULLETIN DE PAIE', 'Période : octobre 2026', 'Salaire net à payer : 1 845,20 €']),
    { categorie: 'RES', type: 'BUL' },
  );
  assert.is(bulletin.status, 201, JSON.stringify(bulletin.body));
  context.normale = bulletin.body.id;
  const mdph = await upload(
    server,
    tokens.guichet,
    NU,
    await textPageJpeg(['NOTIFICATION DE DÉCISION', 'Commission des droits et de l’autonomie', 'Carte mobilité inclusion']),
    { type: 'CMI' },
  );
  assert.is(mdph.status, 201, JSON.stringify(mdph.body));
  context.sensible = mdph.body.id;
});
pieces.after(async ({ server, backends }) => {
  await server?.stop();
  await backends?.close();
});

pieces('an upload becomes one PDF piece in the right bucket with its creation event', async ({ backends, server, tokens, normale, sensible }) => {
  const meta = (await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}`)).body;
  assert.is(meta.numeroUnique, '057 1215 073903 10691');
  assert.is(meta.categorie, 'RES');
  assert.is(meta.type, 'BUL');
  assert.is(meta.sensible, false);
  assert.is(meta.canal, 'portail');
  assert.is(meta.pages, 1);
  assert.is(meta.indicePertinence, 'IV');
  const stored = await objectsOf(backends.objects, meta);
  assert.equal(
    stored.map((o) => o.bucket),
    ['pieces'],
    'one object, in the bucket of normal pieces',
  );
  assert.is((await backends.objects.head('pieces', stored[0]!.key))?.size, meta.taille);
  const sensitiveMeta = (await call(server, tokens.guichet, 'GET', `/v1/pieces/${sensible}`)).body;
  assert.is(sensitiveMeta.sensible, true);
  assert.equal(
    (await objectsOf(backends.objects, sensitiveMeta)).map((o) => o.bucket),
    ['pieces-sensibles'],
  );
  const pdf = (await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`)).bytes;
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length <= 2_097_152);
  assert.is(createHash('sha256').update(pdf).digest('hex'), meta.sha256);
  assert.equal(
    (await eventsOf(server, tokens.guichet, NU, normale)).map((e) => e.evenement),
    ['creation'],
  );
});

pieces('list: pages of it walk the whole list once; an empty dossier is an empty list, an unknown one a 404', async ({ server, tokens }) => {
  const all = (await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces`)).body.items.map((p: { id: string }) => p.id);
  assert.ok(all.length >= 2);
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const { body } = await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(body.items.length <= 1);
    walked.push(...body.items.map((p: { id: string }) => p.id));
    cursor = body.nextCursor;
    // a page that repeats would walk forever: fail instead
    assert.ok(walked.length <= all.length, `pages repeat: ${walked.join(' ')}`);
  } while (cursor);
  assert.equal(walked, all);
  const forged = await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces?cursor=${Buffer.from('{"id":"x"}').toString('base64url')}`);
  assert.is(forged.status, 400);
  assert.is(forged.body.code, 'requete_invalide');
  const empty = await call(server, tokens.guichet, 'GET', `/v1/dossiers/9710623000004DGALN/pieces`);
  assert.is(empty.status, 200);
  assert.equal(empty.body.items, []);
  const unknown = await call(server, tokens.guichet, 'GET', `/v1/dossiers/057121507390399999/pieces`);
  assert.is(unknown.status, 404);
  assert.is(unknown.body.code, 'demande_inconnue');
});

pieces('content: ETag is the SHA-256, conditional and range requests', async ({ server, tokens, normale }) => {
  const full = await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`);
  const etag = full.headers.get('etag')!;
  const meta = (await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}`)).body;
  assert.is(etag, `"${meta.sha256}"`);
  const again = await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`, undefined, { 'if-none-match': etag });
  assert.is(again.status, 304);
  const part = await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`, undefined, { range: 'bytes=0-4' });
  assert.is(part.status, 206);
  assert.is(part.bytes.toString(), '%PDF-');
  assert.is(part.headers.get('content-range'), `bytes 0-4/${meta.taille}`);
});

pieces('a presigned link fetches the PDF straight from S3', async ({ server, tokens, normale }) => {
  const link = (await call(server, tokens.consultant_demande, 'POST', `/v1/pieces/${normale}/lien`)).body;
  assert.ok(new Date(link.expireLe).getTime() - Date.now() <= 300_000);
  const response = await fetch(link.url);
  assert.is(response.status, 200);
  assert.is(
    Buffer.from(await response.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
});

pieces('every read of a sensitive piece is journaled; reads of a normal piece are not', async ({ server, tokens, normale, sensible }) => {
  const reads = async (id: string) => (await eventsOf(server, tokens.gestionnaire, NU, id)).filter((e) => e.evenement === 'consultation_sensible').length;
  const before = await reads(sensible);
  assert.is((await call(server, tokens.consultant_sensible, 'GET', `/v1/pieces/${sensible}/contenu`)).status, 200);
  assert.is((await call(server, tokens.gestionnaire, 'POST', `/v1/pieces/${sensible}/lien`)).status, 200);
  assert.is((await call(server, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`)).status, 200);
  assert.is((await reads(sensible)) - before, 2);
  assert.is(await reads(normale), 0);
});

pieces(
  'the same bytes twice are one piece; a radiée demande, a wrong type, a bad or oversized file are refused clearly, leaving nothing behind',
  async ({ backends, server, tokens }) => {
    const jpeg = await textPageJpeg(['QUITTANCE DE LOYER', 'Mois de septembre 2026']);
    const first = await upload(server, tokens.guichet, NU, jpeg, { type: 'JUSTL' });
    const second = await upload(server, tokens.guichet, NU, jpeg, { type: 'JUSTL' });
    assert.is(first.status, 201);
    assert.is(second.status, 200);
    assert.is(second.body.id, first.body.id);
    assert.is((await objectsOf(backends.objects, first.body)).length, 1, 'one object for the two uploads');

    // a file refused once read is kept in `originaux` with its failed lot, for an operator: pieces only here
    const objectCount = async () => {
      let n = 0;
      for (const bucket of ['pieces', 'pieces-sensibles', 'quarantaine'] as const) for await (const _ of backends.objects.list(bucket)) n++;
      return n;
    };
    const objectsBefore = await objectCount();
    const radiee = await upload(server, tokens.guichet, '9710623000004DGALN', jpeg, { type: 'JUSTL' });
    assert.is(radiee.status, 409);
    assert.is(radiee.body.code, 'demande_radiee');
    assert.is((await upload(server, tokens.guichet, NU, jpeg, { type: 'XYZ' })).body.code, 'type_inconnu');
    const incoherent = await upload(server, tokens.guichet, NU, jpeg, { categorie: 'IDD', type: 'BUL' });
    assert.is(incoherent.status, 422);
    assert.is(incoherent.body.code, 'categorie_incoherente');
    assert.is((await upload(server, tokens.guichet, '096121507390310691', jpeg, { type: 'BUL' })).body.code, 'numero_unique_invalide');
    assert.is((await upload(server, tokens.guichet, '057121507390399999', jpeg, { type: 'BUL' })).body.code, 'demande_inconnue');
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
    const unsupported = await upload(server, tokens.guichet, NU, gif, { type: 'BUL' }, 'photo.gif');
    assert.is(unsupported.status, 415);
    assert.is(unsupported.body.code, 'format_non_supporte');
    const truncated = await upload(server, tokens.guichet, NU, jpeg.subarray(0, 200), { type: 'BUL' }, 'coupe.jpg');
    assert.is(truncated.status, 422);
    assert.is(truncated.body.code, 'fichier_illisible');
    const asConsultant = await upload(server, tokens.consultant_sensible, NU, jpeg, { type: 'BUL' });
    assert.is(asConsultant.status, 404);
    const oversized = await upload(server, tokens.guichet, NU, randomBytes(maxBodyBytes + 64 * 1024), { type: 'BUL' }, 'gros.pdf');
    assert.is(oversized.status, 413);
    assert.is(oversized.body.code, 'taille_depassee');
    assert.is((await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces`)).status, 200, 'the client goes on after a 413');
    assert.is(await objectCount(), objectsBefore, 'no refused upload left a piece object in any bucket');
  },
);

pieces(
  "an oversized upload is answered 413 and its connection closed: a keep-alive client's next request goes on a new one, and fetch sees the 413",
  async ({ server, tokens }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const list = () =>
        requestOn(agent, `${server.baseUrl}/v1/dossiers/${NU}/pieces`, { method: 'GET', headers: { authorization: `Bearer ${tokens.guichet}` } });
      assert.is((await list()).status, 200);
      const kept = await list();
      assert.ok(kept.reused, 'the agent keeps its connection between ordinary requests');

      const oversized = await uploadOn(agent, server, tokens.guichet, NU, randomBytes(maxBodyBytes + 64 * 1024), { type: 'BUL' });
      assert.is(oversized.status, 413);
      assert.is(oversized.body.code, 'taille_depassee');
      assert.is(oversized.headers.connection, 'close');
      const next = await list();
      assert.is(next.status, 200);
      assert.not.ok(next.reused, 'a new connection, not the refused one');
      // several in a row: each refusal closes only its own connection
      for (let i = 0; i < 3; i++) {
        assert.is((await uploadOn(agent, server, tokens.guichet, NU, randomBytes(maxBodyBytes + 1), { type: 'BUL' })).status, 413);
        assert.is((await list()).status, 200);
      }
    } finally {
      agent.destroy();
    }
    // fetch reads no answer before its body is sent: the server reads the refused body to its end
    // first, else fetch fails with EPIPE instead of showing the 413 (one upload in two, here)
    for (let i = 0; i < 6; i++) {
      const oversized = await upload(server, tokens.guichet, NU, randomBytes(maxBodyBytes + 64 * 1024), { type: 'BUL' }, 'gros.pdf');
      assert.is(oversized.status, 413, `upload ${i + 1}`);
      assert.is((await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces`)).status, 200);
    }
  },
);

pieces('limits per dossier: the 16th payslip is refused with limite_categorie_atteinte', async ({ server, tokens }) => {
  let status = 0;
  let body: any;
  for (let month = 1; month <= 16; month++) {
    ({ status, body } = await upload(server, tokens.guichet, OTHER_NU, await textPageJpeg(['BULLETIN DE PAIE', `Période : ${month}/2026`]), { type: 'BUL' }));
    if (month <= 15) assert.is(status, 201, `payslip ${month}: ${JSON.stringify(body)}`);
  }
  assert.is(status, 409);
  assert.is(body.code, 'limite_categorie_atteinte');
  assert.match(body.detail, '15');
});

pieces("an untyped identity card is filed as the dossier's applicant's, or as a child's by its birth date", async ({ server, tokens }) => {
  const carte = (prenom: string, naissance: string) =>
    textPageJpeg([
      'RÉPUBLIQUE FRANÇAISE',
      "CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD",
      'Nom / Surname : LEFÈVRE',
      `Prénoms / Given names : ${prenom}`,
      `Date de naissance / Date of birth : ${naissance}`,
      'Lieu de naissance / Place of birth : METZ (57)',
      "Date d'expiration / Expiry date : 11.03.2031",
    ]);
  const typeOf = async (file: Buffer) => {
    const { status, body } = await upload(server, tokens.guichet, NU, file);
    assert.is(status, 201, JSON.stringify(body));
    return (await call(server, tokens.guichet, 'GET', `/v1/pieces/${body.id}`)).body.type;
  };
  assert.is(await typeOf(await carte('Élodie', '14.03.1988')), 'CID');
  assert.is(await typeOf(await carte('Léo', '03.06.2016')), 'CIP');
});

pieces('quarantine round trip moves the object between buckets and hides the piece from consultants', async ({ backends, server, tokens }) => {
  const created = await upload(server, tokens.guichet, NU, await textPageJpeg(['AVIS D’IMPÔT 2026', 'sur les revenus 2025']), { type: 'AVI' });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const [stored, ...others] = await objectsOf(backends.objects, created.body);
  assert.is(stored?.bucket, 'pieces');
  assert.is(others.length, 0);
  const key = stored!.key;
  const deleted = await call(server, tokens.guichet, 'DELETE', `/v1/pieces/${id}`, { motif: 'document d’un autre foyer' });
  assert.is(deleted.status, 200);
  assert.is(deleted.body.statut, 'quarantaine');
  assert.equal(await objectsOf(backends.objects, created.body), [{ bucket: 'quarantaine', key }], 'the same object, moved to the quarantine bucket');
  assert.is(await backends.objects.head('pieces', key), null);
  assert.is((await call(server, tokens.consultant_sensible, 'GET', `/v1/pieces/${id}`)).status, 404);
  assert.is((await call(server, tokens.guichet, 'GET', `/v1/pieces/${id}`)).status, 200);

  const restored = await call(server, tokens.gestionnaire, 'POST', `/v1/pieces/${id}/restauration`);
  assert.is(restored.status, 200);
  assert.equal(await objectsOf(backends.objects, created.body), [{ bucket: 'pieces', key }], 'back in its bucket');
  assert.is(await backends.objects.head('quarantaine', key), null);
  assert.is((await call(server, tokens.consultant_sensible, 'GET', `/v1/pieces/${id}`)).status, 200);
  const noReason = await call(server, tokens.guichet, 'DELETE', `/v1/pieces/${id}`);
  assert.is(noReason.status, 400);
  assert.equal(
    (await eventsOf(server, tokens.guichet, NU, id)).map((e) => e.evenement),
    ['creation', 'mise_en_quarantaine', 'restauration'],
  );
});

pieces('a type change across sensitivity moves the object and records old → new', async ({ backends, server, tokens }) => {
  const created = await upload(server, tokens.guichet, NU, await textPageJpeg(['CERTIFICAT', 'Pièce à reclasser']), { type: 'ATT' });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const [stored] = await objectsOf(backends.objects, created.body);
  assert.is(stored?.bucket, 'pieces');
  const changed = await call(server, tokens.gestionnaire, 'PATCH', `/v1/pieces/${created.body.id}`, { type: 'MED', dateFinValidite: '2027-01-31' });
  assert.is(changed.status, 200);
  const body = changed.body;
  assert.equal([body.categorie, body.type, body.sensible, body.dateFinValidite], ['MOT', 'MED', true, '2027-01-31']);
  assert.equal(await objectsOf(backends.objects, created.body), [{ bucket: 'pieces-sensibles', key: stored!.key }]);
  assert.is(await backends.objects.head('pieces', stored!.key), null);
  const event = (await eventsOf(server, tokens.guichet, NU, created.body.id))[1];
  assert.is(event?.evenement, 'modification');
  assert.equal(event?.details.avant.type, 'ATT');
  assert.equal(event?.details.apres.type, 'MED');
});

// last: it restarts the server and leaves the dossier's chain broken
pieces('journal: newest first, CSV with BOM; `journal verify` reports a row altered in the database', async (context) => {
  const { backends, tokens } = context;
  const server = context.server;
  const created = await upload(server, tokens.guichet, NU, await textPageJpeg(['ATTESTATION DE LOGEMENT', 'Pièce déposée deux fois']), { type: 'ATT' });
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.is((await call(server, tokens.guichet, 'DELETE', `/v1/pieces/${created.body.id}`, { motif: 'pièce en double, à l’écart' })).status, 200);
  assert.is((await call(server, tokens.guichet, 'POST', `/v1/pieces/${created.body.id}/restauration`)).status, 200);

  const list = (await call(server, tokens.gestionnaire, 'GET', `/v1/dossiers/${NU}/journal`)).body;
  assert.ok(list.items.length >= 5);
  assert.ok(list.items[0].id > list.items[list.items.length - 1].id);
  const csv = await call(server, tokens.guichet, 'GET', `/v1/dossiers/${NU}/journal?format=csv`);
  assert.match(csv.headers.get('content-type')!, 'text/csv');
  assert.equal([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.bytes.toString('utf8');
  assert.match(text, 'date,evenement,piece,acteur,guichet,message\r\n');
  assert.match(text, 'mise_en_quarantaine');
  assert.match(text, 'pièce en double, à l’écart');
  assert.is((await call(server, tokens.consultant_sensible, 'GET', `/v1/dossiers/${NU}/journal`)).status, 404);

  const intact = await runCli(['journal', 'verify'], backends.env);
  assert.is(intact.status, 0, intact.stderr);
  assert.equal(JSON.parse(intact.lastLine).ruptures, []);

  // an operator's (or an intruder's) edit, made with the service down
  const victim = list.items[2];
  context.server = await restartServer(server, backends.env, () =>
    backends.withDatabase(async (db) => void (await db.update(journal).set({ message: 'effacé' }).where(eq(journal.id, victim.id)))),
  );
  const broken = await runCli(['journal', 'verify'], backends.env);
  assert.is(broken.status, 1, broken.stderr);
  const verdict = JSON.parse(broken.lastLine);
  assert.equal(
    verdict.ruptures.map((r: { numeroUnique: string; id: number }) => [r.numeroUnique, r.id]),
    [['057 1215 073903 10691', victim.id]],
  );
  assert.match(broken.stderr, `057 1215 073903 10691, événement ${victim.id} : contenu modifié`);
  // the altered row is what the journal now serves
  const served = (await call(context.server, tokens.gestionnaire, 'GET', `/v1/dossiers/${NU}/journal`)).body.items;
  assert.is(served.find((e: { id: number }) => e.id === victim.id)?.message, 'effacé');
});

pieces.run();
