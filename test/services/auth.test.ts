import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../services/acteurs/create-token.ts';
import { AppError } from '../../services/app-error.ts';
import { createApp } from '../../services/app.ts';
import type { Deps } from '../../services/deps.ts';
import { authenticate } from '../../services/http/authenticate.ts';
import type { HonoEnv } from '../../services/http/env.ts';
import { jetons } from '../../storage/schema/index.ts';
import { testDeps } from '../support/backends.ts';
import { call } from '../support/http.ts';

const auth = suite<{ deps: Deps; app: ReturnType<typeof createApp>; tokens: Record<string, string> }>('authentication and roles');

auth.before(async (context) => {
  context.deps = await testDeps();
  context.app = createApp(context.deps);
  context.tokens = {};
  for (const role of ['gestionnaire', 'consultant_simple', 'operateur'] as const) {
    context.tokens[role] = (await createToken({ db: context.deps.db, input: { role } })).token;
  }
  context.tokens.guichet = (await createToken({ db: context.deps.db, input: { role: 'guichet', guichet: '10691' } })).token;
});
auth.after(async ({ deps }) => deps.close());

auth('health and the OpenAPI document need no token', async ({ app }) => {
  assert.is((await call(app, 'GET', '/healthz')).status, 200);
  const ready = await call(app, 'GET', '/readyz');
  assert.is(ready.status, 200);
  assert.is(ready.body.database, 'ok');
  assert.is(ready.body.s3, 'ok');
  const doc = await call(app, 'GET', '/openapi.json');
  assert.is(doc.body.openapi, '3.1.0');
  assert.ok(doc.body.paths['/v1/demandes/{nu}'], 'the demandes routes are described');
  assert.ok(doc.body.components.schemas.Demande, 'the zod schemas are in the document');
});

auth('no token: 401 non_authentifie as problem+json', async ({ app }) => {
  const response = await call(app, 'GET', '/v1/demandes/057121507390310691');
  assert.is(response.status, 401);
  assert.match(response.type, 'application/problem+json');
  assert.is(response.body.code, 'non_authentifie');
  assert.is(response.body.status, 401);
  assert.ok(response.body.requestId);
});

auth('a bad or malformed token: 401', async ({ app }) => {
  assert.is((await call(app, 'GET', '/v1/plan', { token: 'du_not-a-real-token' })).body.code, 'non_authentifie');
  const response = await app.request('/v1/plan', { headers: { authorization: 'Basic abc' } });
  assert.is(response.status, 401);
});

auth('tokens are stored hashed, never in clear', async ({ deps, tokens }) => {
  const rows = await deps.db.query.jetons.findMany();
  assert.ok(rows.length >= 4);
  for (const row of rows) assert.not.ok(Object.values(tokens).some((token) => row.hash.includes(token)));
});

auth('a role the route does not accept gets 404, as if the resource did not exist', async ({ app, tokens }) => {
  const asConsultant = await call(app, 'GET', '/v1/demandes/057121507390310691', { token: tokens.consultant_simple });
  assert.is(asConsultant.status, 404);
  assert.is(asConsultant.body.code, 'introuvable');
  const importAsGuichet = await call(app, 'POST', '/v1/demandes', { token: tokens.guichet, json: [] });
  assert.is(importAsGuichet.status, 404);
});

auth('the plan is served to any authenticated actor', async ({ app, tokens }) => {
  const plan = await call(app, 'GET', '/v1/plan', { token: tokens.operateur });
  assert.is(plan.status, 200);
  assert.ok(plan.body.categories.length >= 10);
});

auth('a guichet token needs its guichet code; an unknown role is refused', async ({ deps }) => {
  for (const input of [{ role: 'guichet' }, { role: 'admin' }, { role: 'guichet', guichet: '1069' }] as const) {
    try {
      await createToken({ db: deps.db, input: input as never });
      assert.unreachable(`accepted ${JSON.stringify(input)}`);
    } catch (error) {
      assert.instance(error, AppError);
      assert.is((error as AppError).code, 'requete_invalide');
    }
  }
});

auth('unknown paths answer problem+json 404', async ({ app }) => {
  const response = await call(app, 'GET', '/nowhere');
  assert.is(response.status, 404);
  assert.is(response.body.code, 'introuvable');
});

auth('a remembered actor is looked up again once its time is up: a revoked token is then refused', async ({ deps }) => {
  const { token, acteur } = await createToken({ db: deps.db, input: { role: 'gestionnaire' } });
  const app = new Hono<HonoEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(authenticate({ rememberMs: 300 }));
  app.get('/', (c) => c.text(c.get('acteur').id));
  app.onError((error, c) => c.text((error as AppError).code, (error as AppError).status));
  const get = async (bearer = token) => {
    const response = await app.request('/', { headers: { authorization: `Bearer ${bearer}` } });
    return { status: response.status, text: await response.text() };
  };
  assert.equal(await get(), { status: 200, text: acteur.id });
  await deps.db.update(jetons).set({ revoqueLe: new Date() }).where(eq(jetons.acteurId, acteur.id));
  assert.is((await get()).status, 200, 'still remembered');
  await new Promise((resolve) => setTimeout(resolve, 350));
  assert.equal(await get(), { status: 401, text: 'non_authentifie' });
  assert.equal(await get('du_inconnu'), { status: 401, text: 'non_authentifie' });
  // a token created after a refusal works at once: refusals are not remembered
  const fresh = await createToken({ db: deps.db, input: { role: 'gestionnaire' } });
  assert.is((await get(fresh.token)).status, 200);
});

auth.run();
