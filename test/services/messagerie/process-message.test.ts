import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  attestation,
  AVIS_IMPOSITION,
  BULLETIN_DE_PAIE,
  messageMalforme,
  messageOutlook,
  messageSimple,
  messageThunderbird,
  pdfChiffre,
  pdfDocument,
  zipBomb,
  zipTraversee,
} from '../../../fixtures/messages.ts';
import { buildZip } from '../../../fixtures/zip-writer.ts';
import { courriels, demandes, journal, lots, pieces, tachesRevue } from '../../../storage/schema/index.ts';
import type { Deps } from '../../../services/deps.ts';
import { processDeps } from '../../../services/deps.ts';
import { addGuichetMessagerie, findGuichetMessagerie } from '../../../services/messagerie/guichets-messagerie.ts';
import { lireEntetes } from '../../../services/messagerie/lire-entetes.ts';
import { processMessage } from '../../../services/messagerie/process-message.ts';
import { receiveMessage } from '../../../services/messagerie/receive-message.ts';
import type { Bucket } from '../../../storage/object-store.ts';
import { backendNames, testDeps } from '../../support/backends.ts';

const NU = '057 1215 073903 10691';
const RADIEE = '974 0624 000123 DGALN';
const a = { from: 'pieces@guichet-metz.example', to: 'depot@dossier-unique.example' };

type Context = { deps: Deps; acteurId: string };
const test = suite<Context>(`a guichet's message, received and processed (${backendNames.database}, ${backendNames.s3})`);

test.before(async (context) => {
  context.deps = await testDeps();
  const { db } = context.deps;
  await db.insert(demandes).values([
    {
      numeroUnique: NU,
      etat: 'active',
      nom: 'Lefèvre',
      prenom: 'Élodie',
      dateNaissance: '1988-03-14',
      email: 'elodie.lefevre@example.fr',
      guichet: '10691',
      dateDepot: '2015-12-03',
    },
    {
      numeroUnique: RADIEE,
      etat: 'radiee',
      nom: 'Payet',
      prenom: 'Jean-Marc',
      dateNaissance: '1979-11-02',
      guichet: 'DGALN',
      dateDepot: '2024-06-12',
      dateRadiation: '2025-01-15',
    },
  ]);
  await addGuichetMessagerie(db, { code: '10691', adresses: [a.from] });
  context.acteurId = (await findGuichetMessagerie(db, '10691'))!.acteur.id;
});
test.after(async ({ deps }) => deps.close());

async function run(context: Context, raw: Buffer) {
  const { deps } = context;
  const { lot, existant } = await receiveMessage(deps, { raw, entetes: await lireEntetes(raw), acteur: { id: context.acteurId } });
  const done = await processMessage(lot, { ...processDeps(deps), convert: deps.pages.convertPiece, classify: deps.pages.classify });
  const filed = await deps.db.select().from(pieces).where(eq(pieces.lotId, lot.id));
  const taches = await deps.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id));
  const [accuse] = await deps.db
    .select()
    .from(courriels)
    .where(eq(courriels.groupe, `accuse:${lot.id}`));
  return { lot: done, existant, filed, taches, accuse };
}

test('Thunderbird: each attachment one piece of the subject dossier, typed by its name or its text; the DOCX listed, not filed', async (context) => {
  const raw = await messageThunderbird(a, `Pièces dossier ${NU}`, 'tb-1');
  const { lot, filed, taches, accuse } = await run(context, raw);
  assert.is(lot.statut, 'termine', JSON.stringify(taches));
  assert.equal(filed.map((p) => p.type).sort(), ['AVI', 'BUL']);
  assert.ok(filed.every((p) => p.numeroUnique === NU && p.canal === 'mel'));
  const bul = filed.find((p) => p.type === 'BUL')!;
  const pdf = await PDFDocument.load(await context.deps.objects.getBuffer(bul.bucket as Bucket, bul.cle));
  assert.is(pdf.getPageCount(), 1);
  assert.ok(accuse, 'acknowledgement queued');
  assert.is(accuse!.destinataire, a.from);
  assert.is(accuse!.enReponseA, '<tb-1@thunderbird.example>');
  assert.match(accuse!.corps!, /bulletin de salaire octobre — Lefèvre\.pdf : Bulletin de salaire/);
  assert.match(accuse!.corps!, new RegExp(`pièce ${bul.id}`));
  assert.match(accuse!.corps!, /courrier\.docx : format non pris en charge/);
  const confirmation = await context.deps.db.select().from(courriels).where(eq(courriels.destinataire, 'elodie.lefevre@example.fr'));
  assert.is(confirmation.length, 2, "the applicant's confirmation, one row per piece of the lot");
  const events = await context.deps.db.select().from(journal).where(eq(journal.pieceId, bul.id));
  assert.match(events[0]!.message, /reçue par courriel, pièce jointe « bulletin de salaire octobre — Lefèvre\.pdf »/);
  assert.is(events[0]!.acteurId, context.acteurId);

  const again = await run(context, raw);
  assert.ok(again.existant, 'the same bytes again are the same lot');
  assert.is(again.lot.id, lot.id);
  assert.is(again.filed.length, 2);
  assert.is(
    (
      await context.deps.db
        .select()
        .from(courriels)
        .where(eq(courriels.groupe, `accuse:${lot.id}`))
    ).length,
    1,
    'acknowledged once',
  );
});

test('Outlook: the inline logo is no piece, the number is read from the attachment name when the subject has none', async (context) => {
  const raw = await messageOutlook(a, 'RE: pièce manquante', 'ol-1', [
    {
      filename: '057_1215_073903_10691 CAF.pdf',
      content: await pdfDocument(['ATTESTATION DE PAIEMENT', 'Caisse d’allocations familiales']),
      contentType: 'application/pdf',
    },
  ]);
  const { lot, filed, accuse } = await run(context, raw);
  assert.is(lot.statut, 'termine');
  assert.equal(
    filed.map((p) => [p.numeroUnique, p.type]),
    [[NU, 'CAF']],
  );
  assert.not.match(accuse!.corps!, /image001/);
});

test('the same Message-ID again with other bytes is the same lot', async (context) => {
  const first = await messageSimple(a, `dossier ${NU}`, 'same-id', [
    { filename: 'AVI.pdf', content: await pdfDocument(AVIS_IMPOSITION), contentType: 'application/pdf' },
  ]);
  const second = await messageSimple(a, `dossier ${NU} (renvoi)`, 'same-id', [
    { filename: 'AVI.pdf', content: await pdfDocument(AVIS_IMPOSITION), contentType: 'application/pdf' },
  ]);
  const one = await run(context, first);
  const two = await run(context, second);
  assert.ok(two.existant);
  assert.is(two.lot.id, one.lot.id);
});

for (const [cas, sujet, motif] of [
  ['no number', 'Pièces', 'numero_absent'],
  ['two numbers', `dossiers ${NU} et 057 1215 073904 10691`, 'numeros_multiples'],
  ['an unknown number', 'dossier 057 1215 999999 10691', 'demande_inconnue'],
  ['a radiée demande', `dossier ${RADIEE}`, 'demande_radiee'],
] as const) {
  test(`${cas}: nothing filed, the whole message waits with its pages and the reason, the guichet is told`, async (context) => {
    const raw = await messageSimple(
      a,
      sujet,
      `attente-${motif}`,
      [{ filename: 'BUL.pdf', content: await pdfDocument(BULLETIN_DE_PAIE), contentType: 'application/pdf' }],
      'Bonjour',
    );
    const { lot, filed, taches, accuse } = await run(context, raw);
    assert.is(filed.length, 0);
    assert.is(lot.statut, 'a_revoir');
    assert.equal(
      taches.map((t) => [t.motif, t.pages]),
      [[motif, [0]]],
    );
    assert.match(accuse!.corps!, /attend l'examen d'un opérateur/);
  });
}

test('bad attachments: an encrypted PDF refused with a task, a ZIP bomb and a ZIP climbing out refused, all said in the acknowledgement', async (context) => {
  const raw = await messageSimple(a, `dossier ${NU}`, 'mauvais', [
    { filename: 'AVI chiffré.pdf', content: pdfChiffre(), contentType: 'application/pdf' },
    { filename: 'bombe.zip', content: zipBomb(), contentType: 'application/zip' },
    { filename: 'pieces.zip', content: zipTraversee(), contentType: 'application/zip' },
  ]);
  const { lot, filed, taches, accuse } = await run(context, raw);
  assert.is(filed.length, 0);
  assert.is(lot.statut, 'a_revoir');
  assert.equal(
    taches.map((t) => t.motif),
    ['fichier_chiffre'],
  );
  assert.match(accuse!.corps!, /AVI chiffré\.pdf : refusée/);
  assert.match(accuse!.corps!, /bombe\.zip : archive ZIP refusée : .*décompresse/);
  assert.match(accuse!.corps!, /pieces\.zip : archive ZIP refusée : nom de fichier hors de l'archive/);
});

test('a ZIP and a forwarded message are opened: each file inside is a piece, a ZIP entry named after its archive', async (context) => {
  const avis = await pdfDocument(AVIS_IMPOSITION);
  const transfere = await messageSimple(a, 'TR: pièces', 'inner', [
    { filename: 'AVI 2025.pdf', content: Buffer.concat([avis, Buffer.from('\n%2025\n')]), contentType: 'application/pdf' },
  ]);
  const raw = await messageSimple(a, `dossier ${NU}`, 'conteneurs', [
    {
      filename: 'pieces.zip',
      content: buildZip([{ name: 'dossier/BUL octobre.pdf', data: await pdfDocument(BULLETIN_DE_PAIE) }]),
      contentType: 'application/zip',
    },
    { filename: 'message transféré.eml', content: transfere, contentType: 'message/rfc822' },
  ]);
  const { lot, filed, accuse } = await run(context, raw);
  assert.is(lot.statut, 'termine');
  assert.equal(filed.map((p) => p.type).sort(), ['AVI', 'BUL']);
  assert.match(accuse!.corps!, /pieces\.zip › BUL octobre\.pdf : Bulletin de salaire/);
  // mailparser opens a forwarded message's parts itself: its attachment is listed under its own name
  assert.match(accuse!.corps!, /AVI 2025\.pdf : Avis d'imposition/);
});

test('a scanned envelope attached, its attestation first, goes through the scan path as a lot of its own', async (context) => {
  const raw = await messageSimple(a, `dossier ${NU}`, 'pli', [
    { filename: 'scan_20261130.pdf', content: await pdfDocument(attestation(NU, 'Mme LEFÈVRE Élodie'), BULLETIN_DE_PAIE), contentType: 'application/pdf' },
  ]);
  const { lot, filed, accuse } = await run(context, raw);
  assert.is(filed.length, 0, 'nothing filed by the message itself');
  assert.is(lot.statut, 'termine');
  const [scan] = await context.deps.db
    .select()
    .from(lots)
    .where(eq(lots.reference, `courriel ${lot.id}`));
  assert.ok(scan, 'a scan lot made of the attachment');
  assert.is(scan!.canal, 'courrier');
  assert.is(scan!.statut, 'recu');
  assert.match(accuse!.corps!, new RegExp(`scan_20261130\\.pdf : envoi numérisé avec page de garde, traité comme un lot de courrier \\(lot ${scan!.id}\\)`));
});

test('a message without attachment is acknowledged as such; malformed MIME is read as far as it goes', async (context) => {
  const none = await run(context, await messageSimple(a, `dossier ${NU}`, 'vide', []));
  assert.is(none.lot.statut, 'termine');
  assert.match(none.accuse!.corps!, /Aucune pièce jointe/);
  const broken = await run(context, messageMalforme(a, `dossier ${NU}`, 'casse'));
  assert.ok(['termine', 'a_revoir'].includes(broken.lot.statut));
  assert.is(broken.filed.length, 0);
  assert.ok(broken.accuse, 'a malformed message is acknowledged too');
  const [kept] = await context.deps.db.select().from(lots).where(eq(lots.id, broken.lot.id));
  assert.ok(await context.deps.objects.getBuffer('originaux', kept!.fichiers[0]!.cle), 'its raw bytes kept');
});

test('a header injection in the subject does not reach the acknowledgement’s headers', async (context) => {
  const raw = Buffer.from(
    `From: ${a.from}\r\nTo: ${a.to}\r\nSubject: =?UTF-8?Q?dossier_${NU.replaceAll(' ', '_')}=0D=0ABcc:_victime@example.org?=\r\nMessage-ID: <inj@x>\r\n\r\nrien\r\n`,
  );
  const { accuse } = await run(context, raw);
  assert.not.match(accuse!.sujet!, /[\r\n]/);
});

test('1,000 tiny attachments: not taken apart, the guichet told to send one message per dossier', async (context) => {
  const attachments = Array.from({ length: 1000 }, (_, i) => ({ filename: `p${i}.txt`, content: Buffer.from(`${i}`), contentType: 'text/plain' }));
  const { lot, filed, taches, accuse } = await run(context, await messageSimple(a, `dossier ${NU}`, 'mille', attachments));
  assert.is(filed.length, 0);
  assert.is(lot.statut, 'a_revoir');
  assert.equal(
    taches.map((t) => t.motif),
    ['trop_de_pieces_jointes'],
  );
  assert.match(accuse!.corps!, /un message par dossier/);
});

test.run();
