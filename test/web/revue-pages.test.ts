import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../services/acteurs/create-token.ts';
import { createApp } from '../../services/app.ts';
import type { Deps } from '../../services/deps.ts';
import { stationScriptPath } from '../../services/web/revue-script.ts';
import { testDeps } from '../support/backends.ts';
import { seedReviewLot } from '../support/seed-review.ts';

type Context = { deps: Deps; app: ReturnType<typeof createApp>; operateur: string; guichet: string };
const pages = suite<Context>('/revue pages in-process: the queue a page at a time, the next task, the script, the relay');

pages.before(async (context) => {
  context.deps = await testDeps();
  context.app = createApp(context.deps);
  context.operateur = (await createToken({ db: context.deps.db, input: { role: 'operateur', nom: 'Claire' } })).token;
  context.guichet = (await createToken({ db: context.deps.db, input: { role: 'guichet', guichet: '10691', nom: 'Guichet' } })).token;
  await seedReviewLot(context.deps, {
    pages: 60,
    reference: 'LOT-A',
    recuLe: new Date(Date.now() - 16 * 86_400_000),
    tasks: Array.from({ length: 60 }, (_, i) => ({ motif: i % 2 ? 'type_incertain' : 'couverture_non_rattachee', pages: [i] })),
  });
});
pages.after(({ deps }) => deps.close());

const get = async (app: Context['app'], path: string, token?: string) => {
  const response = await app.request(path, { headers: token ? { cookie: `revue_jeton=${token}` } : {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

pages('the queue shows its head, overdue, and the rest a page further', async ({ app, operateur }) => {
  const first = await get(app, '/revue', operateur);
  assert.is(first.status, 200);
  assert.is(first.text.match(/data-tache=/g)?.length, 50);
  assert.match(first.text, '60 ouverte(s)');
  assert.match(first.text, 'class="depassee');
  assert.match(first.headers.get('content-security-policy') ?? '', "script-src 'self'");
  const href = /<a href="([^"]+)" id="suivantes"/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(href, 'a link to the next tasks');
  const second = await get(app, href!, operateur);
  assert.is(second.text.match(/data-tache=/g)?.length, 10);
  assert.not.match(second.text, 'id="suivantes"');
  const filtered = await get(app, '/revue?motif=type_incertain', operateur);
  assert.is(filtered.text.match(/data-tache=/g)?.length, 30);
});

pages('the next task keeps the filters; with none left, the queue says so', async ({ app, operateur }) => {
  const next = await app.request('/revue/suivante?motif=type_incertain', { headers: { cookie: `revue_jeton=${operateur}` } });
  assert.is(next.status, 303);
  const id = /\/revue\/taches\/([0-9a-f-]{36})$/.exec(next.headers.get('location') ?? '')?.[1];
  assert.ok(id);
  const task = await get(app, `/revue/taches/${id}`, operateur);
  assert.is(task.status, 200);
  assert.match(task.text, 'data-motif="type_incertain"');
  const none = await app.request('/revue/suivante?motif=pli_a_verifier', { headers: { cookie: `revue_jeton=${operateur}` } });
  assert.is(none.headers.get('location'), '/revue?motif=pli_a_verifier&fin=');
  assert.match((await get(app, '/revue?motif=pli_a_verifier&fin=', operateur)).text, 'Plus aucune tâche libre');
});

pages('the script is served under its hash and kept; the relay needs the session and the station header', async ({ app, operateur, guichet }) => {
  const script = await app.request(stationScriptPath);
  assert.is(script.status, 200);
  assert.match(script.headers.get('cache-control') ?? '', 'immutable');
  assert.match(await script.text(), "'use strict'");
  assert.is((await get(app, '/revue/api/v1/revue/compteurs')).status, 401);
  const relayed = await get(app, '/revue/api/v1/revue/compteurs', operateur);
  assert.is(relayed.status, 200);
  assert.is(JSON.parse(relayed.text).total, 60);
  const posted = await app.request('/revue/api/v1/demandes', {
    method: 'POST',
    headers: { cookie: `revue_jeton=${operateur}`, 'content-type': 'application/json' },
    body: '[]',
  });
  assert.is(posted.status, 400, 'no call without the station header');
  const refused = await app.request('/revue/connexion', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: `jeton=${guichet}`,
  });
  assert.is(refused.status, 401);
  assert.match(await refused.text(), 'ouvre pas la station de revue');
});

pages.run();
