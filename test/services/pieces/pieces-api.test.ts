import { eq } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../../services/acteurs/create-token.ts';
import { createApp } from '../../../services/app.ts';
import type { Deps } from '../../../services/deps.ts';
import { importDemandes } from '../../../services/demandes/import-demandes.ts';
import { verifyJournal } from '../../../services/pieces/journal.ts';
import { journal, roles, type Role } from '../../../storage/schema/index.ts';
import { testDeps } from '../../support/backends.ts';
import { textPageJpeg } from '../../support/documents.ts';

type App = ReturnType<typeof createApp>;
type Context = { deps: Deps; app: App; tokens: Record<Role, string>; normale: string; sensible: string };

const NU = '057121507390310691';
const OTHER_NU = '9740624000123DGALN';
// the authorisation matrix runs over HTTP against the real server: pieces-authorisation.e2e.test.ts
const pieces = suite<Context>('pieces API: upload, content, quarantine, journal');

async function upload(app: App, token: string, nu: string, file: Buffer, fields: Record<string, string> = {}, name = 'piece.jpg') {
  const form = new FormData();
  form.set('file', new File([file], name, { type: 'application/octet-stream' }));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await app.request(`/v1/dossiers/${nu}/pieces`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

async function request(app: App, token: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

pieces.before(async (context) => {
  context.deps = await testDeps();
  context.app = createApp(context.deps);
  const base = { etat: 'active', nom: 'Lefèvre', prenom: 'Élodie', dateNaissance: '1988-03-14', guichet: '10691', email: 'e@example.fr' };
  await importDemandes({
    db: context.deps.db,
    today: '2026-11-24',
    input: [
      { ligne: 1, valeurs: { ...base, numeroUnique: NU } },
      { ligne: 2, valeurs: { ...base, numeroUnique: OTHER_NU, nom: 'Payet', guichet: 'DGALN' } },
      { ligne: 3, valeurs: { ...base, numeroUnique: '971 0623 000004 DGALN', etat: 'radiee', dateRadiation: '2024-05-02' } },
    ],
  });
  context.tokens = {} as Record<Role, string>;
  for (const role of roles) {
    const input = role === 'guichet' ? { role, guichet: '10691' } : { role };
    context.tokens[role] = (await createToken({ db: context.deps.db, input })).token;
  }
  const bulletin = await upload(context.app, context.tokens.guichet, NU, await textPageJpeg(['BULLETIN DE PAIE', 'Période : octobre 2026', 'Salaire net à payer : 1 845,20 €']), { categorie: 'RES', type: 'BUL' });
  assert.is(bulletin.status, 201, JSON.stringify(bulletin.body));
  context.normale = bulletin.body.id;
  const mdph = await upload(context.app, context.tokens.guichet, NU, await textPageJpeg(['NOTIFICATION DE DÉCISION', 'Commission des droits et de l’autonomie', 'Carte mobilité inclusion']), { type: 'CMI' });
  assert.is(mdph.status, 201, JSON.stringify(mdph.body));
  context.sensible = mdph.body.id;
});
pieces.after(async ({ deps }) => deps.close());

pieces('an upload becomes one PDF piece in the right bucket with its creation event', async ({ deps, app, tokens, normale, sensible }) => {
  const meta = (await (await request(app, tokens.guichet, 'GET', `/v1/pieces/${normale}`)).json()) as any;
  assert.is(meta.numeroUnique, '057 1215 073903 10691');
  assert.is(meta.categorie, 'RES');
  assert.is(meta.type, 'BUL');
  assert.is(meta.sensible, false);
  assert.is(meta.canal, 'portail');
  assert.is(meta.pages, 1);
  assert.is(meta.indicePertinence, 'IV');
  assert.ok((await deps.objects.head('pieces', (await rowOf(deps, normale)).cle))?.size === meta.taille);
  const sensitiveRow = await rowOf(deps, sensible);
  assert.is(sensitiveRow.bucket, 'pieces-sensibles');
  assert.ok(await deps.objects.head('pieces-sensibles', sensitiveRow.cle));
  const pdf = Buffer.from(await (await request(app, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`)).arrayBuffer());
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length <= 2_097_152);
  const events = await deps.db.select().from(journal).where(eq(journal.pieceId, normale));
  assert.equal(events.map((e) => e.evenement), ['creation']);
});

async function rowOf(deps: Deps, id: string) {
  const row = await deps.db.query.pieces.findFirst({ where: (p, { eq }) => eq(p.id, id) });
  if (!row) throw new Error(`piece ${id} missing`);
  return row;
}

pieces('list: pages of it walk the whole list once; an empty dossier is an empty list, an unknown one a 404', async ({ app, tokens }) => {
  const all = ((await (await request(app, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces`)).json()) as any).items.map((p: { id: string }) => p.id);
  assert.ok(all.length >= 2);
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await request(app, tokens.guichet, 'GET', `/v1/dossiers/${NU}/pieces?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    const body = (await response.json()) as any;
    assert.ok(body.items.length <= 1);
    walked.push(...body.items.map((p: { id: string }) => p.id));
    cursor = body.nextCursor;
  } while (cursor);
  assert.equal(walked, all);
  const empty = await request(app, tokens.guichet, 'GET', `/v1/dossiers/9710623000004DGALN/pieces`);
  assert.is(empty.status, 200);
  assert.equal(((await empty.json()) as any).items, []);
  const unknown = await request(app, tokens.guichet, 'GET', `/v1/dossiers/057121507390399999/pieces`);
  assert.is(unknown.status, 404);
  assert.is(((await unknown.json()) as any).code, 'demande_inconnue');
});

pieces('content: ETag is the SHA-256, conditional and range requests', async ({ app, tokens, normale }) => {
  const full = await request(app, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`);
  const etag = full.headers.get('etag')!;
  const meta = (await (await request(app, tokens.guichet, 'GET', `/v1/pieces/${normale}`)).json()) as any;
  assert.is(etag, `"${meta.sha256}"`);
  const again = await app.request(`/v1/pieces/${normale}/contenu`, { headers: { authorization: `Bearer ${tokens.guichet}`, 'if-none-match': etag } });
  assert.is(again.status, 304);
  const part = await app.request(`/v1/pieces/${normale}/contenu`, { headers: { authorization: `Bearer ${tokens.guichet}`, range: 'bytes=0-4' } });
  assert.is(part.status, 206);
  assert.is(await part.text(), '%PDF-');
  assert.is(part.headers.get('content-range'), `bytes 0-4/${meta.taille}`);
});

pieces('a presigned link fetches the PDF straight from S3', async ({ app, tokens, normale }) => {
  const link = (await (await request(app, tokens.consultant_demande, 'POST', `/v1/pieces/${normale}/lien`)).json()) as any;
  assert.ok(new Date(link.expireLe).getTime() - Date.now() <= 300_000);
  const response = await fetch(link.url);
  assert.is(response.status, 200);
  assert.is(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
});

pieces('every read of a sensitive piece is journaled; reads of a normal piece are not', async ({ deps, app, tokens, normale, sensible }) => {
  const before = await deps.db.select().from(journal).where(eq(journal.pieceId, sensible));
  await request(app, tokens.consultant_sensible, 'GET', `/v1/pieces/${sensible}/contenu`);
  await request(app, tokens.gestionnaire, 'POST', `/v1/pieces/${sensible}/lien`);
  await request(app, tokens.guichet, 'GET', `/v1/pieces/${normale}/contenu`);
  const after = await deps.db.select().from(journal).where(eq(journal.pieceId, sensible));
  const reads = after.filter((e) => e.evenement === 'consultation_sensible').length - before.filter((e) => e.evenement === 'consultation_sensible').length;
  assert.is(reads, 2);
  const normalReads = (await deps.db.select().from(journal).where(eq(journal.pieceId, normale))).filter((e) => e.evenement === 'consultation_sensible');
  assert.is(normalReads.length, 0);
});

pieces('the same bytes twice are one piece; a radiée demande, a wrong type, a bad file are refused clearly', async ({ app, tokens }) => {
  const jpeg = await textPageJpeg(['QUITTANCE DE LOYER', 'Mois de septembre 2026']);
  const first = await upload(app, tokens.guichet, NU, jpeg, { type: 'JUSTL' });
  const second = await upload(app, tokens.guichet, NU, jpeg, { type: 'JUSTL' });
  assert.is(first.status, 201);
  assert.is(second.status, 200);
  assert.is(second.body.id, first.body.id);

  const radiee = await upload(app, tokens.guichet, '9710623000004DGALN', jpeg, { type: 'JUSTL' });
  assert.is(radiee.status, 409);
  assert.is(radiee.body.code, 'demande_radiee');
  assert.is((await upload(app, tokens.guichet, NU, jpeg, { type: 'XYZ' })).body.code, 'type_inconnu');
  const incoherent = await upload(app, tokens.guichet, NU, jpeg, { categorie: 'IDD', type: 'BUL' });
  assert.is(incoherent.status, 422);
  assert.is(incoherent.body.code, 'categorie_incoherente');
  assert.is((await upload(app, tokens.guichet, '096121507390310691', jpeg, { type: 'BUL' })).body.code, 'numero_unique_invalide');
  assert.is((await upload(app, tokens.guichet, '057121507390399999', jpeg, { type: 'BUL' })).body.code, 'demande_inconnue');
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
  const unsupported = await upload(app, tokens.guichet, NU, gif, { type: 'BUL' }, 'photo.gif');
  assert.is(unsupported.status, 415);
  assert.is(unsupported.body.code, 'format_non_supporte');
  const truncated = await upload(app, tokens.guichet, NU, jpeg.subarray(0, 200), { type: 'BUL' }, 'coupe.jpg');
  assert.is(truncated.status, 422);
  assert.is(truncated.body.code, 'fichier_illisible');
  const asConsultant = await upload(app, tokens.consultant_sensible, NU, jpeg, { type: 'BUL' });
  assert.is(asConsultant.status, 404);
});

pieces('limits per dossier: the 16th payslip is refused with limite_categorie_atteinte', async ({ app, tokens }) => {
  let status = 0;
  let body: any;
  for (let month = 1; month <= 16; month++) {
    ({ status, body } = await upload(app, tokens.guichet, OTHER_NU, await textPageJpeg(['BULLETIN DE PAIE', `Période : ${month}/2026`]), { type: 'BUL' }));
    if (month <= 15) assert.is(status, 201, `payslip ${month}: ${JSON.stringify(body)}`);
  }
  assert.is(status, 409);
  assert.is(body.code, 'limite_categorie_atteinte');
  assert.match(body.detail, '15');
});

pieces('quarantine round trip moves the object between buckets and hides the piece from consultants', async ({ deps, app, tokens }) => {
  const created = await upload(app, tokens.guichet, NU, await textPageJpeg(['AVIS D’IMPÔT 2026', 'sur les revenus 2025']), { type: 'AVI' });
  const id = created.body.id;
  const row = await rowOf(deps, id);
  const deleted = await request(app, tokens.guichet, 'DELETE', `/v1/pieces/${id}`, { motif: 'document d’un autre foyer' });
  assert.is(deleted.status, 200);
  assert.is(((await deleted.json()) as any).statut, 'quarantaine');
  assert.is(await deps.objects.head('pieces', row.cle), null);
  assert.ok(await deps.objects.head('quarantaine', row.cle));
  assert.is((await request(app, tokens.consultant_sensible, 'GET', `/v1/pieces/${id}`)).status, 404);
  assert.is((await request(app, tokens.guichet, 'GET', `/v1/pieces/${id}`)).status, 200);

  const restored = await request(app, tokens.gestionnaire, 'POST', `/v1/pieces/${id}/restauration`);
  assert.is(restored.status, 200);
  assert.ok(await deps.objects.head('pieces', row.cle));
  assert.is(await deps.objects.head('quarantaine', row.cle), null);
  assert.is((await request(app, tokens.consultant_sensible, 'GET', `/v1/pieces/${id}`)).status, 200);
  const noReason = await request(app, tokens.guichet, 'DELETE', `/v1/pieces/${id}`);
  assert.is(noReason.status, 400);
});

pieces('a type change across sensitivity moves the object and records old → new', async ({ deps, app, tokens }) => {
  const created = await upload(app, tokens.guichet, NU, await textPageJpeg(['CERTIFICAT', 'Pièce à reclasser']), { type: 'ATT' });
  const row = await rowOf(deps, created.body.id);
  const changed = await request(app, tokens.gestionnaire, 'PATCH', `/v1/pieces/${created.body.id}`, { type: 'MED', dateFinValidite: '2027-01-31' });
  assert.is(changed.status, 200);
  const body = (await changed.json()) as any;
  assert.equal([body.categorie, body.type, body.sensible, body.dateFinValidite], ['MOT', 'MED', true, '2027-01-31']);
  assert.ok(await deps.objects.head('pieces-sensibles', row.cle));
  assert.is(await deps.objects.head('pieces', row.cle), null);
  const [event] = await deps.db.select().from(journal).where(eq(journal.pieceId, created.body.id)).orderBy(journal.id).offset(1);
  assert.is(event?.evenement, 'modification');
  assert.equal((event?.details as any).avant.type, 'ATT');
  assert.equal((event?.details as any).apres.type, 'MED');
});

pieces('journal: newest first, CSV with BOM, and the hash chain detects an altered row', async ({ deps, app, tokens }) => {
  const list = (await (await request(app, tokens.gestionnaire, 'GET', `/v1/dossiers/${NU}/journal`)).json()) as any;
  assert.ok(list.items.length >= 5);
  assert.ok(list.items[0].id > list.items[list.items.length - 1].id);
  const csv = await request(app, tokens.guichet, 'GET', `/v1/dossiers/${NU}/journal?format=csv`);
  assert.match(csv.headers.get('content-type')!, 'text/csv');
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.match(text, 'date,evenement,piece,acteur,guichet,message\r\n');
  assert.match(text, 'mise_en_quarantaine');
  assert.match(text, 'document d’un autre foyer');
  assert.is((await request(app, tokens.consultant_sensible, 'GET', `/v1/dossiers/${NU}/journal`)).status, 404);

  assert.equal((await verifyJournal(deps.db)).ruptures, []);
  const victim = list.items[2];
  await deps.db.update(journal).set({ message: 'effacé' }).where(eq(journal.id, victim.id));
  const verdict = await verifyJournal(deps.db);
  assert.is(verdict.ruptures.length, 1);
  assert.is(verdict.ruptures[0]!.id, victim.id);
});

pieces.run();
