import pino from 'pino';
import nodemailer from 'nodemailer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { messageSimple } from '../../../fixtures/messages.ts';
import { addGuichetMessagerie } from '../../../services/messagerie/guichets-messagerie.ts';
import { startSmtpListener } from '../../../services/messagerie/smtp-listener.ts';
import { tlsCertificate } from '../../../services/messagerie/tls-certificate.ts';
import { startEmbeddedS3 } from '../../../storage/embedded-s3.ts';
import { createObjectStore } from '../../../storage/object-store.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { freePort } from '../../support/server-process.ts';

const GUICHET = 'pieces@guichet-metz.example';

test(`S3 out of reach: the message is refused with 451 so that the sender retries, and accepted once S3 is back (${backendNames.database}, embedded S3 stopped)`, async () => {
  const database = await testDatabase();
  const s3Dir = await tempDir('du-smtp-s3-');
  const s3Port = await freePort();
  let s3 = await startEmbeddedS3(s3Dir, s3Port);
  const objects = createObjectStore({ ...s3, region: 'us-east-1', bucketPrefix: uniqueName('so-') });
  await objects.ensureBuckets();
  const logger = pino({ level: 'silent' });
  const dataDir = await tempDir('du-smtp-tls-');
  const tls = await tlsCertificate({ dataDir, smtpTlsCert: undefined, smtpTlsKey: undefined, smtpHost: '127.0.0.1' }, logger);
  const listener = await startSmtpListener({ db: database.db, objects, logger }, { host: '127.0.0.1', port: 0, maxBytes: 1024 * 1024, tls }, () => {});
  try {
    const { motDePasse } = await addGuichetMessagerie(database.db, { code: '10691', adresses: [GUICHET] });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: '10691', pass: motDePasse },
    });
    const raw = await messageSimple({ from: GUICHET, to: 'depot@dossier-unique.example' }, 'dossier 057 1215 073903 10691', 'panne', []);
    await s3.close();
    const refused = await transport.sendMail({ envelope: { from: GUICHET, to: ['depot@dossier-unique.example'] }, raw }).then(
      () => null,
      (error: { responseCode: number; response: string }) => error,
    );
    assert.is(refused?.responseCode, 451);
    assert.match(refused!.response, /réessayez plus tard/);
    s3 = await startEmbeddedS3(s3Dir, s3Port);
    const info = await transport.sendMail({ envelope: { from: GUICHET, to: ['depot@dossier-unique.example'] }, raw });
    assert.match(info.response, /^250 .*lot/);
  } finally {
    await listener.close();
    await s3.close();
    await database.close();
  }
});

test.run();
