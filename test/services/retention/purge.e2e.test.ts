import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { demandes, pieces } from '../../../storage/schema/index.ts';
import { backendNames, objectsOf, serverBackends, type ServerBackends } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';
import { callServer, postPiece } from '../../support/http.ts';
import { restartServer, runCli, serverCommand, startServer, type ServerProcess } from '../../support/server-process.ts';

/** A filed piece as the API shows it, and the uploaded file kept in `originaux`. */
type Piece = { id: string; taille: number; sha256: string; original: { taille: number; sha256: string } };
type Context = { backends: ServerBackends; server: ServerProcess; gestionnaire: string; guichet: string };

const OLD = '971 0620 000001 DGALN';
const RECENT = '971 0620 000002 DGALN';
const retention = suite<Context>(
  `retention over HTTP against the real server: cli purge of radiées and of expired quarantine (${backendNames.database}, ${backendNames.s3})`,
);

const day = 24 * 3600 * 1000;
const isoDay = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

retention.before(async (context) => {
  context.backends = await serverBackends('du-purge-');
  context.server = await startServer({ ...context.backends.env, OCR_WORKERS: '1' }, 60_000);
  const person = { nom: 'Hoarau', prenom: 'Line', dateNaissance: '1970-01-01', guichet: 'DGALN', etat: 'active' };
  await serverCommand(context.backends.dataDir, 'demandes import', {
    format: 'json',
    contenu: JSON.stringify([
      { ...person, numeroUnique: OLD },
      { ...person, numeroUnique: RECENT },
    ]),
  });
  context.guichet = (await serverCommand<{ token: string }>(context.backends.dataDir, 'token create', { role: 'guichet', guichet: 'DGALN' })).token;
  context.gestionnaire = (await serverCommand<{ token: string }>(context.backends.dataDir, 'token create', { role: 'gestionnaire' })).token;
});
retention.after(async ({ server, backends }) => {
  await server?.stop();
  await backends?.close();
});

retention('a demande radiée over a year ago loses its objects, pieces and journal; a recent one stays; expired quarantine goes for good', async (context) => {
  const { backends, guichet, gestionnaire } = context;
  const call = (method: string, path: string, json?: unknown) => callServer(context.server.baseUrl, method, path, { token: gestionnaire, json });
  const file = async (nu: string, lines: string[], type: string): Promise<Piece> => {
    const jpeg = await textPageJpeg([...lines, nu]);
    const created = await postPiece(context.server.baseUrl, guichet, encodeURIComponent(nu), jpeg, { type });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const original = { taille: jpeg.length, sha256: createHash('sha256').update(jpeg).digest('hex') };
    assert.is((await objectsOf(backends.objects, created.body)).length, 1);
    assert.equal(
      (await objectsOf(backends.objects, original)).map((o) => o.bucket),
      ['originaux'],
    );
    return { ...created.body, original };
  };
  const avis = await file(OLD, ['AVIS D’IMPÔT'], 'AVI');
  const carte = await file(OLD, ['CARTE MOBILITÉ INCLUSION'], 'CMI');
  const kept = await file(RECENT, ['AVIS D’IMPÔT'], 'AVI');
  const doublon = await file(RECENT, ['QUITTANCE DE LOYER'], 'JUSTL');
  assert.is((await call('DELETE', `/v1/pieces/${doublon.id}`, { motif: 'doublon' })).status, 200);
  const [inQuarantine] = await objectsOf(backends.objects, doublon);
  assert.is(inQuarantine?.bucket, 'quarantaine');

  // with the service down, as time would have it: one demande radiated 14 months ago and untouched
  // for 60 days, the other radiated last month; the quarantine 54 days old
  const oldRadiation = isoDay(425 * day);
  context.server = await restartServer(context.server, backends.env, () =>
    backends.withDatabase(async (db) => {
      await db
        .update(demandes)
        .set({ etat: 'radiee', dateRadiation: oldRadiation, modifieLe: sql`now() - interval '60 days'` })
        .where(eq(demandes.numeroUnique, OLD));
      await db
        .update(demandes)
        .set({ etat: 'radiee', dateRadiation: isoDay(35 * day) })
        .where(eq(demandes.numeroUnique, RECENT));
      await db
        .update(pieces)
        .set({ quarantaineLe: new Date(Date.now() - 54 * day) })
        .where(eq(pieces.id, doublon.id));
    }),
  );

  const dry = await runCli(['purge', '--dry-run'], backends.env);
  assert.is(dry.status, 0, dry.stderr);
  const planned = JSON.parse(dry.lastLine);
  assert.equal(
    planned.demandesEffacees.map((d: { numeroUnique: string }) => d.numeroUnique),
    [OLD],
  );
  assert.equal(
    planned.piecesQuarantaineExpirees.map((p: { id: string }) => p.id),
    [doublon.id],
  );
  assert.match(dry.stderr, "1 demande(s) radiée(s) depuis plus d'un an seraient effacées");
  assert.match(dry.stderr, `${OLD} (radiée le ${oldRadiation}, 2 pièce(s))`);
  assert.match(dry.stderr, '1 pièce(s) en quarantaine expirée seraient effacées');
  for (const piece of [avis, carte, doublon]) {
    assert.is((await objectsOf(backends.objects, piece)).length, 1, 'a dry run erases no object');
    assert.is((await objectsOf(backends.objects, piece.original)).length, 1, 'nor any original');
  }
  assert.is((await call('GET', `/v1/dossiers/${encodeURIComponent(OLD)}/pieces`)).body.items.length, 2, 'nor any row');
  const journalBefore = await serverCommand<{ evenements: number }>(backends.dataDir, 'journal verify', { numeroUnique: OLD });
  assert.is(journalBefore.evenements, 2, 'the two creations, still there');

  const done = await runCli(['purge'], backends.env);
  assert.is(done.status, 0, done.stderr);
  const report = JSON.parse(done.lastLine);
  assert.equal(
    report.demandesEffacees.map((d: { numeroUnique: string }) => d.numeroUnique),
    [OLD],
  );
  assert.equal(
    report.piecesQuarantaineExpirees.map((p: { id: string }) => p.id),
    [doublon.id],
  );
  // the old demande's two pieces and their two originals, and the expired piece
  assert.is(report.objetsSupprimes, 5);

  // the old demande is gone whole: objects in every bucket, pieces, journal, the demande itself
  for (const piece of [avis, carte]) {
    assert.equal(await objectsOf(backends.objects, piece), [], `object of ${piece.id}`);
    assert.equal(await objectsOf(backends.objects, piece.original), [], `original of ${piece.id}`);
    assert.is((await call('GET', `/v1/pieces/${piece.id}`)).status, 404);
  }
  assert.is((await call('GET', `/v1/demandes/${encodeURIComponent(OLD)}`)).status, 404);
  const dossier = await call('GET', `/v1/dossiers/${encodeURIComponent(OLD)}/pieces`);
  assert.is(dossier.status, 404);
  assert.is(dossier.body.code, 'demande_inconnue');
  const journalOfOld = await serverCommand<{ evenements: number }>(backends.dataDir, 'journal verify', { numeroUnique: OLD });
  assert.is(journalOfOld.evenements, 0, 'no journal row left');

  // the recent radiation keeps its demande and active piece; the expired quarantine is deleted for good
  assert.is((await call('GET', `/v1/demandes/${encodeURIComponent(RECENT)}`)).status, 200);
  assert.equal(
    (await objectsOf(backends.objects, kept)).map((o) => o.bucket),
    ['pieces'],
  );
  assert.equal(
    (await objectsOf(backends.objects, kept.original)).map((o) => o.bucket),
    ['originaux'],
  );
  assert.is((await call('GET', `/v1/pieces/${kept.id}`)).status, 200);
  assert.equal(await objectsOf(backends.objects, doublon), []);
  assert.is((await call('GET', `/v1/pieces/${doublon.id}`)).status, 404);
  const events = (await call('GET', `/v1/dossiers/${encodeURIComponent(RECENT)}/journal`)).body.items as { pieceId: string; evenement: string }[];
  assert.ok(events.some((e) => e.pieceId === doublon.id && e.evenement === 'suppression'));
  const chain = await runCli(['journal', 'verify'], backends.env);
  assert.is(chain.status, 0, `the purge leaves every remaining chain intact: ${chain.stderr}`);
});

retention.run();
