import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AVIS_IMPOSITION, messageSimple, messageThunderbird, pdfDocument } from '../../../fixtures/messages.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { freePort, runCli, startServer, type ServerProcess } from '../../support/server-process.ts';

const NU = '057 1215 073903 10691';
const GUICHET = 'pieces@guichet-metz.example';
const a = { from: GUICHET, to: 'depot@dossier-unique.example' };
const maxBytes = 3 * 1024 * 1024;

type Context = {
  dataDir: string;
  server: ServerProcess;
  smtpPort: number;
  motDePasse: string;
  gestionnaire: string;
  guichet: string;
  dropDatabase: () => Promise<void>;
};
const smtp = suite<Context>(`secure e-mail over a real SMTP socket, against the server process (${backendNames.database}, ${backendNames.s3})`);

smtp.before(async (context) => {
  context.dataDir = await tempDir('du-smtp-');
  context.smtpPort = await freePort();
  // a database of its own on a PostgreSQL server: other suites' servers share the configured one
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  const env = {
    DATA_DIR: context.dataDir,
    S3_BUCKET_PREFIX: uniqueName('m'),
    SMTP_PORT: String(context.smtpPort),
    SMTP_MAX_BYTES: String(maxBytes),
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
  context.server = await startServer(env);
  const csv = path.join(context.dataDir, 'demandes.csv');
  await fs.writeFile(
    csv,
    [
      'numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation',
      `${NU},active,Lefèvre,Élodie,1988-03-14,elodie.lefevre@example.fr,10691,2015-12-03,`,
    ].join('\n'),
  );
  assert.is((await runCli(['demandes', 'import', csv], env)).status, 0);
  const added = await runCli(['guichets', 'add', '10691', GUICHET, 'secretariat@guichet-metz.example'], env);
  assert.is(added.status, 0, added.stderr);
  assert.match(added.stderr, /utilisateur SMTP : 10691/);
  context.motDePasse = added.lastLine;
  const listed = await runCli(['guichets', 'list'], env);
  assert.equal(JSON.parse(listed.lastLine)[0].adresses, [GUICHET, 'secretariat@guichet-metz.example']);
  assert.not.match(listed.stdout + listed.stderr, new RegExp(context.motDePasse), 'the password is shown once');
  context.gestionnaire = (await runCli(['token', 'create', '--role', 'gestionnaire'], env)).lastLine;
  context.guichet = (await runCli(['token', 'create', '--role', 'guichet', '--guichet', '10691'], env)).lastLine;
});
smtp.after(async (context) => {
  await context.server.stop();
  await context.dropDatabase?.();
  await fs.rm(context.dataDir, { recursive: true, force: true });
});

function transport(context: Context, auth = { user: '10691', pass: context.motDePasse }) {
  // the listener's certificate is self-signed in this set-up
  return nodemailer.createTransport({ host: '127.0.0.1', port: context.smtpPort, secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, auth });
}

async function send(context: Context, raw: Buffer, envelopeFrom = GUICHET) {
  return transport(context).sendMail({ envelope: { from: envelopeFrom, to: [a.to] }, raw });
}

async function refusal(promise: Promise<unknown>): Promise<{ responseCode: number; response: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { responseCode: number; response: string };
  }
  throw new Error('accepted where a refusal was expected');
}

const lotOf = (response: string) => /lot ([0-9a-f-]{36})/.exec(response)![1]!;

async function api<T>(context: Context, url: string, init: RequestInit = {}, token = context.gestionnaire): Promise<{ status: number; body: T }> {
  const response = await fetch(`${context.server.baseUrl}${url}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  return { status: response.status, body: (await response.json()) as T };
}

async function settled(context: Context, id: string) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { body } = await api<{ statut: string }>(context, `/v1/lots/${id}`);
    if (['termine', 'a_revoir', 'echec'].includes(body.statut)) return body;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`lot ${id} not settled`);
}

async function outboxMessage(context: Context, test: (eml: string) => boolean): Promise<string> {
  const dir = path.join(context.dataDir, 'outbox');
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    for (const file of await fs.readdir(dir).catch(() => [])) {
      if (!file.endsWith('.eml')) continue;
      const eml = await fs.readFile(path.join(dir, file), 'utf8');
      if (test(eml)) return eml;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('message not found in the outbox');
}

/** A raw SMTP dialogue, line by line, for what a well-behaved client would not send. */
async function dialogue(port: number, lines: string[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const m = /(^|\n)(\d{3}) [^\n]*\n/.exec(buffer);
        if (!m) return false;
        const end = m.index + m[0].length;
        const reply = buffer.slice(0, end);
        buffer = buffer.slice(end);
        resolve(reply.trim().split('\n').pop()!);
        return true;
      };
      if (check()) return;
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString();
        if (check()) socket.off('data', onData);
      };
      socket.on('data', onData);
    });
  replies.push(await next());
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    replies.push(await next());
  }
  socket.end();
  return replies;
}

smtp('no mail in clear: MAIL FROM before STARTTLS is refused with 530, AUTH without TLS too', async (context) => {
  const replies = await dialogue(context.smtpPort, ['EHLO client.example', 'AUTH PLAIN AHRlc3QAdGVzdA==', `MAIL FROM:<${GUICHET}>`, 'QUIT']);
  assert.match(replies[0]!, /^220 /);
  assert.match(replies[2]!, /^538 /);
  assert.match(replies[3]!, /^530 /);
});

smtp('bad credentials 535, a sender outside the guichet’s addresses 550, a forged From header 550, too large 552', async (context) => {
  const raw = await messageSimple(a, `dossier ${NU}`, 'refus', [
    { filename: 'AVI.pdf', content: await pdfDocument(AVIS_IMPOSITION), contentType: 'application/pdf' },
  ]);
  assert.is((await refusal(transport(context, { user: '10691', pass: 'wrong' }).sendMail({ envelope: { from: GUICHET, to: [a.to] }, raw }))).responseCode, 535);
  assert.is(
    (await refusal(transport(context, { user: 'ZZZZZ', pass: context.motDePasse }).sendMail({ envelope: { from: GUICHET, to: [a.to] }, raw }))).responseCode,
    535,
  );
  const envelope = await refusal(send(context, raw, 'someone@elsewhere.example'));
  assert.is(envelope.responseCode, 550);
  assert.match(envelope.response, /non autorisé pour le guichet 10691/);
  const forged = await messageSimple({ ...a, from: 'directeur@elsewhere.example' }, `dossier ${NU}`, 'forge', []);
  const header = await refusal(send(context, forged));
  assert.is(header.responseCode, 550);
  assert.match(header.response, /From directeur@elsewhere\.example/);
  const big = await messageSimple(a, `dossier ${NU}`, 'gros', [{ filename: 'AVI.pdf', content: Buffer.alloc(maxBytes, 1), contentType: 'application/pdf' }]);
  const tooLarge = await refusal(send(context, big));
  assert.is(tooLarge.responseCode, 552);
  assert.match(tooLarge.response, new RegExp(`${maxBytes} octets au plus`));
});

smtp(
  'a guichet’s message is filed: pieces in the dossier, readable PDFs, the acknowledgement and the applicant’s confirmation in the outbox; sent again, nothing twice',
  async (context) => {
    const raw = await messageThunderbird(a, `Pièces dossier ${NU}`, 'e2e-tb');
    const info = await send(context, raw);
    assert.match(info.response, /^250 .*message reçu : lot/);
    const id = lotOf(info.response);
    const lot = await settled(context, id);
    assert.is(lot.statut, 'termine');
    const { body } = await api<{ items: { id: string; type: string; sha256: string; canal: string }[] }>(
      context,
      `/v1/dossiers/${encodeURIComponent(NU)}/pieces?limit=100`,
    );
    const mel = body.items.filter((p) => p.canal === 'mel');
    assert.equal(mel.map((p) => p.type).sort(), ['AVI', 'BUL']);
    for (const piece of mel) {
      const content = Buffer.from(
        await (
          await fetch(`${context.server.baseUrl}/v1/pieces/${piece.id}/contenu`, { headers: { authorization: `Bearer ${context.gestionnaire}` } })
        ).arrayBuffer(),
      );
      assert.is(content.subarray(0, 5).toString(), '%PDF-');
      assert.is(createHash('sha256').update(content).digest('hex'), piece.sha256);
    }
    const accuse = await outboxMessage(context, (eml) => eml.includes('In-Reply-To: <e2e-tb@thunderbird.example>'));
    assert.match(accuse, new RegExp(`To: ${GUICHET}`));
    assert.match(accuse, /Subject: =\?UTF-8\?|Subject: Accus/);
    await outboxMessage(context, (eml) => eml.includes('To: elodie.lefevre@example.fr'));

    const again = await send(context, raw);
    assert.match(again.response, /déjà reçu/);
    assert.is(lotOf(again.response), id);
    const after = await api<{ items: { canal: string }[] }>(context, `/v1/dossiers/${encodeURIComponent(NU)}/pieces?limit=100`);
    assert.is(after.body.items.filter((p) => p.canal === 'mel').length, 2);
  },
);

smtp('malformed MIME is accepted and kept, the listener keeps serving; 20 sessions at once each file their message once', async (context) => {
  const { messageMalforme } = await import('../../../fixtures/messages.ts');
  const broken = await send(context, messageMalforme(a, `dossier ${NU}`, 'e2e-casse'));
  assert.match(broken.response, /^250 /);
  await settled(context, lotOf(broken.response));
  const avis = await pdfDocument(AVIS_IMPOSITION);
  const messages = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      messageSimple(a, `dossier ${NU}`, `parallele-${i}`, [
        { filename: `AVI ${i}.pdf`, content: Buffer.concat([avis, Buffer.from(`\n%${i}\n`)]), contentType: 'application/pdf' },
      ]),
    ),
  );
  const infos = await Promise.all(messages.map((raw) => send(context, raw)));
  const ids = infos.map((info) => lotOf(info.response));
  assert.is(new Set(ids).size, 20);
  for (const id of ids) assert.is((await settled(context, id)).statut, 'termine');
  const { body } = await api<{ items: { canal: string; type: string }[] }>(context, `/v1/dossiers/${encodeURIComponent(NU)}/pieces?limit=100`);
  assert.is(body.items.filter((p) => p.canal === 'mel' && p.type === 'AVI').length, 1 + 20);
});

smtp('POST /v1/courriels: a guichet posts its own mail (202, then 200 on the same message), not mail from another address (403)', async (context) => {
  const raw = await messageSimple(a, `dossier ${NU}`, 'api-1', [
    { filename: 'AVI.pdf', content: await pdfDocument(['AVIS', ...AVIS_IMPOSITION]), contentType: 'application/pdf' },
  ]);
  const post = (body: Buffer, token = context.guichet) =>
    api<{ id?: string; code?: string }>(context, '/v1/courriels', { method: 'POST', body, headers: { 'content-type': 'message/rfc822' } }, token);
  const first = await post(raw);
  assert.is(first.status, 202);
  const second = await post(raw);
  assert.is(second.status, 200);
  assert.is(second.body.id, first.body.id);
  assert.is((await settled(context, first.body.id!)).statut, 'termine');
  const forged = await post(await messageSimple({ ...a, from: 'x@elsewhere.example' }, `dossier ${NU}`, 'api-2', []));
  assert.is(forged.status, 403);
  assert.is(forged.body.code, 'expediteur_non_autorise');
  const notMail = await api<{ code: string }>(
    context,
    '/v1/courriels',
    { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
    context.guichet,
  );
  assert.is(notMail.status, 415);
});

smtp.run();
