import { eq } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findType } from '../../../classification/plan-de-classement.ts';
import type { Deps } from '../../../services/deps.ts';
import { filePiece } from '../../../services/pieces/file-piece.ts';
import { courriels, demandes, journal, pages, pieces } from '../../../storage/schema/index.ts';
import { AVIS_IMPOT, couverture, NU_DUPONT } from '../../classification/echantillons.ts';
import { testDeps } from '../../support/backends.ts';
import { lotDejaLu } from '../lots/pages-lues.ts';

const file = suite<{ deps: Deps }>('filePiece: the one filing verb');
file.before(async (context) => {
  context.deps = await testDeps();
  await context.deps.db.insert(demandes).values({
    numeroUnique: NU_DUPONT,
    etat: 'active',
    nom: 'DUPONT',
    prenom: 'Marie',
    dateNaissance: '1986-07-14',
    email: 'marie.dupont@example.fr',
    guichet: '10691',
  });
});
file.after(({ deps }) => deps.close());

const objectsIn = async (deps: Deps, bucket: 'pieces' | 'pieces-sensibles') => {
  const keys: string[] = [];
  for await (const object of deps.objects.list(bucket)) keys.push(object.key);
  return keys;
};

file('the same pages filed twice are one piece: one object, one journal event, one confirmation', async ({ deps }) => {
  const lot = await lotDejaLu(deps, [[couverture(), AVIS_IMPOT]]);
  const input = { lot, numeroUnique: NU_DUPONT, pages: [1], type: findType('RFR', 'AVI')! };
  const deps_ = { db: deps.db, objects: deps.objects, images: deps.pages.images };
  const first = await filePiece(deps_, input);
  const again = await filePiece(deps_, input);
  assert.is(first.resultat, 'creee');
  assert.is(again.resultat, 'existante');
  assert.is(again.piece.id, first.piece.id);
  assert.equal(await objectsIn(deps, 'pieces'), [first.piece.cle]);
  assert.is((await deps.db.select().from(journal).where(eq(journal.pieceId, first.piece.id))).length, 1);
  assert.is((await deps.db.select().from(courriels).where(eq(courriels.pieceId, first.piece.id))).length, 1);
  const [page] = await deps.db.select().from(pages).where(eq(pages.pieceId, first.piece.id));
  assert.equal([page?.index, page?.role, page?.numeroUnique], [1, 'piece', NU_DUPONT]);
});

file('a piece the dossier refuses leaves no object behind', async ({ deps }) => {
  const bulletin = findType('RES', 'BUL')!;
  const lot = await lotDejaLu(deps, [Array.from({ length: 16 }, () => 'BULLETIN DE PAIE')]);
  const deps_ = { db: deps.db, objects: deps.objects, images: deps.pages.images };
  for (let page = 0; page < 15; page++) await filePiece(deps_, { lot, numeroUnique: NU_DUPONT, pages: [page], type: bulletin });
  const before = (await objectsIn(deps, 'pieces')).length;
  try {
    await filePiece(deps_, { lot, numeroUnique: NU_DUPONT, pages: [15], type: bulletin });
    assert.unreachable('a sixteenth pay slip was filed');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'limite_categorie_atteinte');
  }
  assert.is((await objectsIn(deps, 'pieces')).length, before);
  assert.is((await deps.db.select().from(pieces).where(eq(pieces.lotId, lot.id))).length, 15);
});

file.run();
