import { eq, sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../../services/acteurs/create-token.ts';
import type { Deps } from '../../../services/deps.ts';
import { importDemandes } from '../../../services/demandes/import-demandes.ts';
import { quarantinePiece } from '../../../services/pieces/quarantine-piece.ts';
import { uploadPiece } from '../../../services/pieces/upload-piece.ts';
import { purge } from '../../../services/retention/purge.ts';
import { demandes, journal, pieces } from '../../../storage/schema/index.ts';
import { testDeps } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';

const retention = suite<{ deps: Deps }>('retention: purge of radiées and of expired quarantine');
retention.before(async (context) => {
  context.deps = await testDeps();
});
retention.after(async ({ deps }) => deps.close());

const person = { nom: 'Hoarau', prenom: 'Line', dateNaissance: '1970-01-01', guichet: 'DGALN', email: null };

retention('a demande radiée over a year ago loses its objects, pieces, lots and journal; a recent one stays', async ({ deps }) => {
  const acteur = (await createToken({ db: deps.db, input: { role: 'guichet', guichet: 'DGALN' } })).acteur;
  const [guichet] = await deps.db.query.acteurs.findMany({ where: (a, { eq }) => eq(a.id, acteur.id) });
  await importDemandes({
    db: deps.db,
    today: '2026-11-24',
    input: [
      { ligne: 1, valeurs: { ...person, numeroUnique: '971 0620 000001 DGALN', etat: 'active' } },
      { ligne: 2, valeurs: { ...person, numeroUnique: '971 0620 000002 DGALN', etat: 'active' } },
    ],
  });
  const filed = [];
  for (const nu of ['971 0620 000001 DGALN', '971 0620 000002 DGALN']) {
    const demande = (await deps.db.query.demandes.findFirst({ where: (d, { eq }) => eq(d.numeroUnique, nu) }))!;
    const result = await uploadPiece(
      { db: deps.db, objects: deps.objects, images: deps.pages.images, convert: deps.pages.convertPiece, classify: deps.pages.classify },
      { acteur: guichet!, demande, canal: 'portail', nomFichier: 'avis.jpg', bytes: await textPageJpeg(['AVIS D’IMPÔT', nu]), fields: { type: 'AVI' } },
    );
    assert.is(result.resultat, 'creee');
    filed.push(result.resultat === 'creee' ? result.piece : null);
  }
  // one radiated 14 months ago and untouched since, the other radiated last month
  await deps.db.update(demandes).set({ etat: 'radiee', dateRadiation: '2025-09-01', modifieLe: sql`now() - interval '60 days'` }).where(eq(demandes.numeroUnique, '971 0620 000001 DGALN'));
  await deps.db.update(demandes).set({ etat: 'radiee', dateRadiation: '2026-10-20' }).where(eq(demandes.numeroUnique, '971 0620 000002 DGALN'));

  const dry = await purge(deps, { now: new Date('2026-11-24T12:00:00Z'), quarantaineJours: 30, dryRun: true });
  assert.equal(dry.demandesEffacees.map((d) => d.numeroUnique), ['971 0620 000001 DGALN']);
  assert.ok(await deps.objects.head('pieces', filed[0]!.cle), 'a dry run erases nothing');

  const report = await purge(deps, { now: new Date('2026-11-24T12:00:00Z'), quarantaineJours: 30, dryRun: false });
  assert.is(report.demandesEffacees.length, 1);
  assert.is(await deps.objects.head('pieces', filed[0]!.cle), null);
  assert.is((await deps.db.select().from(pieces).where(eq(pieces.numeroUnique, '971 0620 000001 DGALN'))).length, 0);
  assert.is((await deps.db.select().from(journal).where(eq(journal.numeroUnique, '971 0620 000001 DGALN'))).length, 0);
  assert.is((await deps.db.select().from(demandes).where(eq(demandes.numeroUnique, '971 0620 000001 DGALN'))).length, 0);
  assert.ok(await deps.objects.head('pieces', filed[1]!.cle), 'the recent radiation is kept');

  // quarantine older than the delay is deleted for good, with a suppression event
  const kept = filed[1]!;
  const quarantined = await quarantinePiece(deps, guichet!, kept, 'doublon');
  await deps.db.update(pieces).set({ quarantaineLe: new Date('2026-10-01T00:00:00Z') }).where(eq(pieces.id, kept.id));
  const second = await purge(deps, { now: new Date('2026-11-24T12:00:00Z'), quarantaineJours: 30, dryRun: false });
  assert.equal(second.piecesQuarantaineExpirees.map((p) => p.id), [kept.id]);
  assert.is(await deps.objects.head('quarantaine', quarantined.cle), null);
  const events = await deps.db.select().from(journal).where(eq(journal.pieceId, kept.id));
  assert.ok(events.some((e) => e.evenement === 'suppression'));
});

retention.run();
