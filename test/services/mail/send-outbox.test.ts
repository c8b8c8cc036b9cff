import fs from 'node:fs/promises';
import { isNull } from 'drizzle-orm';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Deps } from '../../../services/deps.ts';
import { importDemandes } from '../../../services/demandes/import-demandes.ts';
import { createMailTransport } from '../../../services/mail/mail-transport.ts';
import { queueConfirmation } from '../../../services/mail/queue-confirmation.ts';
import { sendOutbox } from '../../../services/mail/send-outbox.ts';
import { courriels } from '../../../storage/schema/index.ts';
import { tempDir, testDeps } from '../../support/backends.ts';
import { freePort } from '../../support/server-process.ts';

const outbox = suite<{ deps: Deps }>('confirmation e-mails: outbox, SMTP, files');
outbox.before(async (context) => {
  context.deps = await testDeps();
  await importDemandes({
    db: context.deps.db,
    today: '2026-11-24',
    input: [
      {
        ligne: 1,
        valeurs: {
          numeroUnique: '057 1215 073903 10691',
          etat: 'active',
          nom: 'Lefèvre',
          prenom: 'Élodie',
          dateNaissance: '1988-03-14',
          guichet: '10691',
          email: 'elodie@example.fr',
        },
      },
      {
        ligne: 2,
        valeurs: { numeroUnique: '057 1215 073904 10691', etat: 'active', nom: 'Sans', prenom: 'Adresse', dateNaissance: '1988-03-14', guichet: '10691' },
      },
    ],
  });
});
outbox.after(async ({ deps }) => deps.close());

async function queue(deps: Deps, numeroUnique: string, lotId: string, libelles: string[]) {
  await deps.db.transaction(async (tx) => {
    for (const libelle of libelles) await queueConfirmation(tx, { numeroUnique, lotId, pieceId: crypto.randomUUID(), libelle });
  });
}

outbox('the pieces of one lot reach the applicant as one e-mail over SMTP; sent rows are not sent again', async ({ deps }) => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    const lotId = crypto.randomUUID();
    await queue(deps, '057 1215 073903 10691', lotId, ['Avis d’imposition', 'Bulletin de salaire']);
    await queue(deps, '057 1215 073904 10691', lotId, ['Quittance de loyer']); // no e-mail in the registry
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '' });
    const result = await sendOutbox(deps.db, transport, 'ne-pas-repondre@dossier-unique.invalid');
    assert.equal(result, { envoyes: 1, echecs: 0 });
    assert.is(received.length, 1);
    assert.equal(received[0]!.to, ['elodie@example.fr']);
    const mail = await simpleParser(received[0]!.raw);
    assert.match(mail.subject ?? '', '057 1215 073903 10691');
    assert.match(mail.subject ?? '', '2 pièces reçues');
    assert.match(mail.text ?? '', 'Avis d’imposition');
    assert.match(mail.text ?? '', 'Bulletin de salaire');
    assert.equal(await sendOutbox(deps.db, transport, 'x@example.fr'), { envoyes: 0, echecs: 0 });
    transport.close();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

outbox('SMTP unreachable: the message stays in the outbox with its error, and goes out later', async ({ deps }) => {
  await queue(deps, '057 1215 073903 10691', crypto.randomUUID(), ['Carte d’identité']);
  const port = await freePort(); // nothing listens there
  const failing = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '' });
  assert.equal(await sendOutbox(deps.db, failing, 'x@example.fr'), { envoyes: 0, echecs: 1 });
  const [row] = await deps.db.select().from(courriels).where(isNull(courriels.envoyeLe));
  assert.is(row?.tentatives, 1);
  assert.ok(row?.erreur);
  failing.close();

  const dir = await tempDir('du-outbox-');
  const files = createMailTransport({ smtpUrl: undefined, outboxDir: dir });
  assert.equal(await sendOutbox(deps.db, files, 'ne-pas-repondre@dossier-unique.invalid'), { envoyes: 1, echecs: 0 });
  const written = await fs.readdir(dir);
  assert.is(written.length, 1);
  assert.match(written[0]!, /\.eml$/);
  const mail = await simpleParser(await fs.readFile(path.join(dir, written[0]!)));
  assert.match(mail.text ?? '', 'Carte d’identité');
  await fs.rm(dir, { recursive: true, force: true });
});

outbox.run();
