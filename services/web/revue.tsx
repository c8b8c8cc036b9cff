/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import { AppError, type ErrorCode, errorStatus } from '../app-error.ts';
import type { HonoEnv } from '../http/env.ts';
import { capitalise } from './format.ts';
import type { Flash } from './portail-pages.tsx';
import {
  ActivitePage,
  type Activite,
  ErreurPage,
  type Compteurs,
  FilePage,
  type Filtres,
  LotsPage,
  type LotAvancement,
  RevueConnexionPage,
  type TacheListee,
} from './revue-pages.tsx';
import { stationScript } from './revue-script.ts';
import { closeRevueSession, openRevueSession, requireRevueActeur, revueActeur, revueLecteurs, revueToken } from './revue-session.ts';
import { TachePage, type TacheDetaillee } from './tache-page.tsx';

/** How the station reaches the API: the app's own `fetch`, so that every read and decision takes the path any client takes. */
export type ApiFetch = (request: Request) => Promise<Response>;

// the head of the queue: more than a screen, light enough to load at once (the next ones a key away)
const queueRows = 50;

/** The title of a refusal's message at the station, by its HTTP status. */
const titres: Record<number, string> = {
  400: 'Demande invalide',
  401: 'Connexion requise',
  404: 'Introuvable',
  409: 'Action refusée',
  422: 'Action refusée',
};

/**
 * The operators' review station (/revue): sign in with a token kept in an HttpOnly cookie, the
 * queue, a task with its pages and evidence, the lots' progress and the day's activity. Every read
 * and every decision is a call to the /v1 API with the session's token, made by the server for
 * the pages and through `/revue/api/…` for the page's script, so nothing reaches the data another
 * way and each decision is journalled under the operator's name.
 */
export function revueStationRoutes(options: { api: ApiFetch }) {
  const app = new Hono<HonoEnv>();
  app.use('/revue', securityHeaders);
  app.use('/revue/*', securityHeaders);
  app.use('/revue/*', csrf());
  app.onError(renderRevueError);

  /** Calls the API as the signed-in operator; a refusal is thrown as the API's own error. */
  const api = async <T,>(c: Context<HonoEnv>, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await relayed(c, options.api, method, path, body === undefined ? undefined : JSON.stringify(body));
    const parsed = response.status === 204 ? null : await response.json();
    if (!response.ok) throw toAppError(response.status, parsed);
    return parsed as T;
  };

  app.get('/revue', async (c) => {
    const acteur = await revueActeur(c);
    if (!acteur) return c.html(<RevueConnexionPage />);
    const filtres: Filtres = filtresOf(c);
    const cursor = c.req.query('cursor');
    const query = new URLSearchParams({ limit: String(queueRows), ...filtres, ...(cursor ? { cursor } : {}) });
    const [file, compteurs] = await Promise.all([
      api<{ items: TacheListee[]; nextCursor: string | null }>(c, 'GET', `/v1/revue?${query}`),
      api<Compteurs>(c, 'GET', '/v1/revue/compteurs'),
    ]);
    const flash: Flash | undefined =
      c.req.query('fin') !== undefined ? { kind: 'ok', title: 'File vide', text: 'Plus aucune tâche libre à décider pour ces filtres.' } : undefined;
    return c.html(
      <FilePage
        acteur={acteur}
        taches={file.items}
        compteurs={compteurs}
        filtres={filtres}
        suivantes={file.nextCursor ? `/revue?${new URLSearchParams({ ...filtres, cursor: file.nextCursor })}` : null}
        flash={flash}
        now={new Date()}
      />,
    );
  });

  app.post('/revue/connexion', async (c) => {
    const form = await c.req.parseBody();
    const jeton = typeof form.jeton === 'string' ? form.jeton.trim() : '';
    const refus = (text: string) => c.html(<RevueConnexionPage flash={{ kind: 'erreur', title: 'Connexion refusée', text }} />, 401);
    if (jeton === '') return refus("Saisissez votre jeton d'accès.");
    const acteur = await findActeurByToken(c.get('deps').db, jeton);
    if (!acteur) return refus('Ce jeton est inconnu ou a été révoqué.');
    if (!revueLecteurs.includes(acteur.role)) return refus(`Ce jeton (profil ${acteur.role}) n'ouvre pas la station de revue.`);
    openRevueSession(c, jeton);
    return c.redirect('/revue', 303);
  });

  app.post('/revue/deconnexion', (c) => {
    closeRevueSession(c);
    return c.redirect('/revue', 303);
  });

  // its URL carries its hash (stationScriptPath): kept by the browser until the script changes
  app.get('/revue/station.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(stationScript);
  });

  // opening a task holds it in the operator's name; held by another, it is shown without the means to decide
  app.get('/revue/taches/:id', async (c) => {
    const acteur = await requireRevueActeur(c);
    if (acteur.role !== 'operateur') throw new AppError('introuvable', 'les tâches se décident avec un jeton d’opérateur');
    const id = c.req.param('id');
    let tenue: { par: string | null; jusqua: string | null } = { par: null, jusqua: null };
    try {
      await api(c, 'POST', `/v1/revue/${encodeURIComponent(id)}/prise`);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'tache_tenue') throw error;
      tenue = { par: String(error.details?.tenuePar ?? 'un autre opérateur'), jusqua: String(error.details?.tenueJusqua ?? '') };
    }
    const tache = await api<TacheDetaillee>(c, 'GET', `/v1/revue/${encodeURIComponent(id)}`);
    return c.html(<TachePage acteur={acteur} tache={tache} tenuePar={tenue.par} tenueJusqua={tenue.jusqua} />);
  });

  // the next task in queue order that nobody else holds (Entrée after a decision, `n` in the queue)
  app.get('/revue/suivante', async (c) => {
    const acteur = await requireRevueActeur(c);
    const apres = c.req.query('apres');
    const filtres = filtresOf(c);
    // a page of the queue at a time, until a task nobody else holds
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '100', ...filtres, ...(cursor ? { cursor } : {}) };
      const file: { items: TacheListee[]; nextCursor: string | null } = await api(c, 'GET', `/v1/revue?${new URLSearchParams(query)}`);
      const next = file.items.find((t) => t.id !== apres && (t.tenue === null || t.tenue.acteurId === acteur.id));
      if (next) return c.redirect(`/revue/taches/${next.id}`, 303);
      cursor = file.nextCursor;
    } while (cursor);
    return c.redirect(`/revue?${new URLSearchParams({ ...filtres, fin: '' })}`, 303);
  });

  app.get('/revue/lots', async (c) => {
    const acteur = await requireRevueActeur(c);
    const lots = await api<{ items: LotAvancement[] }>(c, 'GET', '/v1/revue/lots?limit=50');
    return c.html(<LotsPage acteur={acteur} lots={lots.items} />);
  });

  app.get('/revue/activite', async (c) => {
    const acteur = await requireRevueActeur(c);
    const activite = await api<{ items: Activite[] }>(c, 'GET', '/v1/revue/activite');
    return c.html(<ActivitePage acteur={acteur} activite={activite.items} />);
  });

  // the page's script calls the API here: the same request, the session's token added. A script of
  // another site cannot send the custom header without a CORS preflight, which is never granted.
  app.all('/revue/api/v1/*', async (c) => {
    if (c.req.method !== 'GET' && c.req.header('x-station') !== '1') throw new AppError('requete_invalide', 'appel refusé : il ne vient pas de la station');
    await requireRevueActeur(c);
    const url = new URL(c.req.url);
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.text();
    const response = await relayed(c, options.api, c.req.method, `${url.pathname.slice('/revue/api'.length)}${url.search}`, body);
    return new Response(response.body, { status: response.status, headers: response.headers });
  });

  app.all('/revue/*', () => {
    throw new AppError('introuvable', "cette page de la station n'existe pas");
  });

  return app;
}

/** The queue's filters given in the query, those set only. */
function filtresOf(c: Context<HonoEnv>): Record<string, string> {
  const filtres: Record<string, string> = {};
  for (const name of ['motif', 'lotId', 'canal']) {
    const value = c.req.query(name);
    if (value) filtres[name] = value;
  }
  return filtres;
}

async function relayed(c: Context<HonoEnv>, api: ApiFetch, method: string, path: string, body?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${revueToken(c) ?? ''}`, 'x-request-id': c.get('requestId') ?? '' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return api(new Request(new URL(path, c.req.url), { method, headers, body }));
}

function toAppError(status: number, problem: unknown): AppError {
  const p = (problem ?? {}) as { code?: string; detail?: string } & Record<string, unknown>;
  const code = (p.code && Object.hasOwn(errorStatus, p.code) ? p.code : status >= 500 ? 'erreur_interne' : 'requete_invalide') as ErrorCode;
  const { code: _code, detail, type: _type, title: _title, status: _status, requestId: _requestId, ...details } = p;
  return new AppError(code, detail ?? `réponse ${status} de l'API`, details);
}

/** Any error of a station page, shown as a page in French (the API's message is its text). */
async function renderRevueError(error: Error, c: Context<HonoEnv>): Promise<Response> {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof HTTPException && error.status === 403)
    appError = new AppError('requete_invalide', 'formulaire refusé : il ne vient pas de la station');
  else {
    c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, `revue: ${error.message}`);
    appError = new AppError('erreur_interne', `erreur interne ; référence ${c.get('requestId')}`);
  }
  // the script's calls get the API's problem, not a page
  if (c.req.path.startsWith('/revue/api/')) {
    return c.json({ code: appError.code, detail: appError.message, status: appError.status }, appError.status, { 'content-type': 'application/problem+json' });
  }
  const flash: Flash = { kind: 'erreur', title: titres[appError.status] ?? 'Erreur', text: `${capitalise(appError.message)}.` };
  const acteur = appError.code === 'non_authentifie' ? null : await revueActeur(c).catch(() => null);
  if (!acteur) return c.html(<RevueConnexionPage flash={flash} />, appError.status);
  return c.html(<ErreurPage acteur={acteur} flash={flash} />, appError.status);
}

async function securityHeaders(c: Context<HonoEnv>, next: () => Promise<void>) {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-content-type-options', 'nosniff');
}
