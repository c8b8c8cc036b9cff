/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: the page renders the same whatever tsconfig the runner finds, e.g. started from another directory)
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import { stream } from 'hono/streaming';
import { parseNumeroUnique } from '../../classification/numero-unique.ts';
import { planForApi, type PlanApi } from '../../classification/plan-de-classement.ts';
import type { Acteur, Demande, Role } from '../../storage/schema/index.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import { AppError } from '../app-error.ts';
import { getDemande } from '../demandes/get-demande.ts';
import type { HonoEnv } from '../http/env.ts';
import { limitBody } from '../http/limit-body.ts';
import { findVisiblePiece } from '../pieces/find-piece.ts';
import { listPieces } from '../pieces/list-pieces.ts';
import { bucketOf, toPieceBody, type PieceBody } from '../pieces/piece-body.ts';
import { recordConsultation } from '../pieces/record-consultation.ts';
import { uploadPiece } from '../pieces/upload-piece.ts';

const cookieName = 'portail_jeton';
const sessionSeconds = 10 * 60 * 60; // a working day at the desk
// the same profiles as the API: guichets read and upload, gestionnaires read
const lecteurs: Role[] = ['guichet', 'gestionnaire'];
const deposants: Role[] = ['guichet'];

const statusTitles: Record<number, string> = {
  400: 'Saisie invalide',
  401: 'Connexion requise',
  403: 'Action refusée',
  404: 'Introuvable',
  409: 'Dépôt refusé',
  413: 'Fichier trop volumineux',
  415: 'Format non pris en charge',
  422: 'Fichier inexploitable',
};

type Flash = { kind: 'ok' | 'info' | 'erreur'; title: string; text: string };
type Saisie = { type?: string | undefined; dateFinValidite?: string | undefined; indicePertinence?: string | undefined };

/**
 * The guichets' web page (/portail): sign in with a bearer token kept in an HttpOnly cookie, open a
 * dossier by its numéro unique, list, upload and download its pieces. Server-rendered, plain HTML
 * forms, no script; every action calls the same verbs as the /v1 API with the token's actor.
 */
export function portailRoutes() {
  const app = new Hono<HonoEnv>();
  // mounted at '/': every middleware here is scoped to /portail so the API is untouched
  app.use('/portail', securityHeaders);
  app.use('/portail/*', securityHeaders);
  app.use('/portail/*', csrf());
  app.onError(renderError);

  app.get('/portail', async (c) => {
    const acteur = await sessionActeur(c);
    if (!acteur) return c.html(<ConnexionPage />);
    return c.html(<AccueilPage acteur={acteur} />);
  });

  app.post('/portail/connexion', async (c) => {
    const form = await c.req.parseBody();
    const jeton = typeof form.jeton === 'string' ? form.jeton.trim() : '';
    const refus = (text: string) => c.html(<ConnexionPage flash={{ kind: 'erreur', title: 'Connexion refusée', text }} />, 401);
    if (jeton === '') return refus("Saisissez votre jeton d'accès.");
    const acteur = await findActeurByToken(c.get('deps').db, jeton);
    if (!acteur) return refus('Ce jeton est inconnu ou a été révoqué.');
    if (!lecteurs.includes(acteur.role)) return refus(`Ce jeton (profil ${acteur.role}) n'ouvre pas le portail des guichets.`);
    setCookie(c, cookieName, jeton, {
      path: '/portail',
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      maxAge: sessionSeconds,
    });
    return c.redirect('/portail', 303);
  });

  app.post('/portail/deconnexion', (c) => {
    deleteCookie(c, cookieName, { path: '/portail', secure: isHttps(c) });
    return c.redirect('/portail', 303);
  });

  app.get('/portail/dossier', async (c) => {
    const acteur = await requireActeur(c);
    const saisi = c.req.query('nu') ?? '';
    const parsed = parseNumeroUnique(saisi);
    if (!parsed.ok) {
      const flash: Flash = { kind: 'erreur', title: statusTitles[400]!, text: `Numéro unique « ${saisi} » invalide : ${parsed.reason}.` };
      return c.html(<AccueilPage acteur={acteur} saisi={saisi} flash={flash} />, 400);
    }
    return c.redirect(dossierPath(parsed.compact), 303);
  });

  app.get('/portail/dossiers/:nu', async (c) => {
    const acteur = await requireActeur(c);
    const demande = await getDemande({ db: c.get('deps').db, numeroUnique: numeroUniqueParam(c.req.param('nu')) });
    const pieces = await allPieces(c, acteur, demande);
    return c.html(<DossierPage c={c} acteur={acteur} demande={demande} pieces={pieces} flash={flashFromQuery(c, pieces)} />);
  });

  // the size limit runs before the body is read; its refusal is shown on the dossier page too
  app.post('/portail/dossiers/:nu/pieces', async (c, next) => {
    await requireActeur(c);
    try {
      return await limitBody(c.get('deps').config.maxBodyBytes)(c, next);
    } catch (error) {
      if (error instanceof AppError) return dossierRefusal(c, error);
      throw error;
    }
  });
  app.post('/portail/dossiers/:nu/pieces', async (c) => {
    const deps = c.get('deps');
    const acteur = await requireActeur(c);
    if (!deposants.includes(acteur.role)) return dossierRefusal(c, new AppError('introuvable', 'le dépôt de pièces est réservé aux guichets'));
    const demande = await getDemande({ db: deps.db, numeroUnique: numeroUniqueParam(c.req.param('nu')) });
    const form = await c.req.parseBody().catch(() => {
      throw new AppError('requete_invalide', 'formulaire de dépôt illisible');
    });
    const text = (name: string) => (typeof form[name] === 'string' && form[name] !== '' ? (form[name] as string) : undefined);
    const fields = { type: text('type'), dateFinValidite: text('dateFinValidite'), indicePertinence: text('indicePertinence') };
    const file = form.file;
    if (!(file instanceof File) || file.size === 0)
      return dossierRefusal(c, new AppError('requete_invalide', 'choisissez un fichier à déposer (PDF, JPEG, PNG ou TIFF)'), fields);
    let result;
    try {
      result = await uploadPiece(
        { db: deps.db, objects: deps.objects, images: deps.pages.images, convert: deps.pages.convertPiece, classify: deps.pages.classify },
        { acteur, demande, canal: 'portail', nomFichier: file.name, bytes: Buffer.from(await file.arrayBuffer()), fields },
      );
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return dossierRefusal(c, error, fields, file.name);
      throw error;
    }
    const back = dossierPath(demande.numeroUnique);
    if (result.resultat === 'revue') return c.redirect(`${back}?revue=${encodeURIComponent(result.revue.id)}`, 303);
    return c.redirect(`${back}?${result.resultat === 'creee' ? 'depose' : 'existante'}=${result.piece.id}`, 303);
  });

  app.get('/portail/pieces/:id/contenu', async (c) => {
    const { db, objects } = c.get('deps');
    const acteur = await requireActeur(c);
    const piece = await findVisiblePiece(db, acteur, c.req.param('id'), 'lecture');
    await recordConsultation(db, acteur, piece, 'contenu');
    const object = await objects.get(bucketOf(piece), piece.cle);
    const disposition = c.req.query('telechargement') === undefined ? 'inline' : 'attachment';
    c.header('content-type', 'application/pdf');
    c.header('content-length', String(piece.taille));
    c.header('content-disposition', `${disposition}; filename="${piece.type}-${piece.id}.pdf"`);
    c.header('cache-control', 'private, no-store');
    c.header('x-content-type-options', 'nosniff');
    return stream(c, async (out) => {
      for await (const chunk of object.body) await out.write(chunk as Uint8Array);
    });
  });

  app.all('/portail/*', () => {
    throw new AppError('introuvable', "cette page du portail n'existe pas");
  });

  return app;
}

// ---------------------------------------------------------------------------------------------
// session and requests

async function sessionActeur(c: Context<HonoEnv>): Promise<Acteur | null> {
  const jeton = getCookie(c, cookieName);
  if (!jeton) return null;
  const acteur = await findActeurByToken(c.get('deps').db, jeton);
  if (!acteur || !lecteurs.includes(acteur.role)) {
    deleteCookie(c, cookieName, { path: '/portail', secure: isHttps(c) });
    return null;
  }
  return acteur;
}

async function requireActeur(c: Context<HonoEnv>): Promise<Acteur> {
  const acteur = await sessionActeur(c);
  if (!acteur) throw new AppError('non_authentifie', 'votre session a expiré ou votre jeton a été révoqué : reconnectez-vous');
  return acteur;
}

function isHttps(c: Context<HonoEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** The canonical numéro unique of the page's path (the API's rule, without its URL decoding). */
function numeroUniqueParam(value: string): string {
  const parsed = parseNumeroUnique(value);
  if (!parsed.ok) throw new AppError('numero_unique_invalide', `numéro unique « ${value} » invalide : ${parsed.reason}`);
  return parsed.canonical;
}

function dossierPath(numeroUnique: string): string {
  return `/portail/dossiers/${numeroUnique.replaceAll(' ', '')}`;
}

/** Every piece of the dossier the actor may see; a dossier is small (the plan caps each category). */
async function allPieces(c: Context<HonoEnv>, acteur: Acteur, demande: Demande): Promise<PieceBody[]> {
  const items: PieceBody[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPieces(c.get('deps').db, acteur.role, demande.numeroUnique, { limit: 200, cursor });
    items.push(...page.items.map(toPieceBody));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The dossier page again, with the reason an upload was refused and what was chosen in the form. */
async function dossierRefusal(c: Context<HonoEnv>, error: AppError, saisie?: Saisie, nomFichier?: string): Promise<Response> {
  const acteur = await requireActeur(c);
  const demande = await getDemande({ db: c.get('deps').db, numeroUnique: numeroUniqueParam(c.req.param('nu') ?? '') });
  const text = `${nomFichier ? `« ${nomFichier} » : ` : ''}${nomFichier ? error.message : capitalise(error.message)}.`;
  const flash: Flash = { kind: 'erreur', title: statusTitles[error.status] ?? 'Dépôt refusé', text };
  const pieces = await allPieces(c, acteur, demande);
  return c.html(<DossierPage c={c} acteur={acteur} demande={demande} pieces={pieces} flash={flash} saisie={saisie} />, error.status);
}

/** The outcome of the upload just made, carried by the redirect's query (post/redirect/get). */
function flashFromQuery(c: Context<HonoEnv>, pieces: PieceBody[]): Flash | undefined {
  const named = (id: string | undefined) => pieces.find((p) => p.id === id);
  const depose = named(c.req.query('depose'));
  if (depose) return { kind: 'ok', title: 'Pièce déposée', text: `${depose.libelle} (${pagesText(depose.pages)}, ${tailleText(depose.taille)}).` };
  const existante = named(c.req.query('existante'));
  if (existante) return { kind: 'info', title: 'Déjà déposée', text: `Ce fichier figure déjà au dossier : ${existante.libelle}.` };
  const revue = c.req.query('revue');
  if (revue) {
    return {
      kind: 'info',
      title: 'Confiée à un opérateur',
      text: `Le service n'a pas pu classer ce fichier seul : un opérateur le classera (tâche ${revue}).`,
    };
  }
  return undefined;
}

async function securityHeaders(c: Context<HonoEnv>, next: () => Promise<void>) {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-content-type-options', 'nosniff');
}

/** Any error of a portal page, shown as a page in French (the API's message is its `detail`). */
async function renderError(error: Error, c: Context<HonoEnv>): Promise<Response> {
  const appError = asAppError(error, c);
  if (appError.status >= 500) c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, 'portail: ' + error.message);
  const flash: Flash = { kind: 'erreur', title: statusTitles[appError.status] ?? 'Erreur', text: `${capitalise(appError.message)}.` };
  const acteur = appError.code === 'non_authentifie' ? null : await sessionActeur(c).catch(() => null);
  if (!acteur) return c.html(<ConnexionPage flash={flash} />, appError.status);
  return c.html(<AccueilPage acteur={acteur} flash={flash} />, appError.status);
}

function asAppError(error: Error, c: Context<HonoEnv>): AppError {
  if (error instanceof AppError) return error;
  // hono/csrf refuses a form posted from another site with a 403
  if (error instanceof HTTPException && error.status === 403)
    return new AppError('requete_invalide', 'formulaire refusé : il ne vient pas du portail lui-même');
  if (error instanceof HTTPException && error.status === 413) return new AppError('taille_depassee', 'le fichier dépasse la taille admise');
  if (error instanceof HTTPException && error.status < 500) return new AppError('requete_invalide', error.message || 'requête invalide');
  return new AppError('erreur_interne', `erreur interne ; référence ${c.get('requestId')}`);
}

// ---------------------------------------------------------------------------------------------
// formatting

const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

function dateText(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function tailleText(octets: number): string {
  if (octets < 1024) return `${octets} o`;
  if (octets < 1024 * 1024) return `${Math.round(octets / 1024)} Ko`;
  return `${(octets / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

function pagesText(pages: number): string {
  return pages > 1 ? `${pages} pages` : `${pages} page`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const roleLabels: Partial<Record<Role, string>> = { guichet: 'guichet', gestionnaire: 'gestionnaire' };

// ---------------------------------------------------------------------------------------------
// pages

const css = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif;color:#1e1e1e;background:#f4f5f7}
header{background:#000091;color:#fff;padding:.7rem 1.5rem;display:flex;align-items:center;gap:1rem;flex-wrap:wrap}
header .titre{font-weight:700;font-size:1.05rem;margin-right:auto}
header .titre a{color:#fff;text-decoration:none}
header .qui{font-size:.9rem;opacity:.9}
header form{margin:0}
main{max-width:72rem;margin:1.5rem auto;padding:0 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem;color:#000091}
section{background:#fff;border:1px solid #dcdee3;border-radius:6px;padding:1.1rem 1.3rem;margin-bottom:1.2rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.aide{font-weight:400;color:#555;font-size:.85rem}
input[type=text],input[type=password],input[type=date],select{font:inherit;height:2.4rem;padding:.35rem .55rem;border:1px solid #8a8f99;border-radius:4px;background:#fff;width:100%}
input[type=file]{font:inherit}
button,.bouton{font:inherit;font-weight:600;padding:.45rem 1rem;border-radius:4px;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondaire{background:#fff;color:#000091}
header button{background:transparent;border-color:#fff;color:#fff;padding:.3rem .8rem}
.ligne{display:flex;gap:.8rem;align-items:flex-end;flex-wrap:wrap}
.ligne>div{flex:1 1 14rem}
.ligne>div.etroit{flex:0 1 11rem}
.message{border-left:5px solid;padding:.7rem 1rem;margin-bottom:1.2rem;background:#fff;border-radius:4px}
.message strong{display:block}
.message.ok{border-color:#18753c;background:#e8f5ec}
.message.info{border-color:#0063cb;background:#e8f0fb}
.message.erreur{border-color:#ce0500;background:#fdecea}
.demandeur{color:#333;margin:0}
.etat{display:inline-block;font-size:.8rem;font-weight:700;padding:.05rem .5rem;border-radius:1rem;background:#e8f5ec;color:#18753c}
.etat.radiee{background:#fdecea;color:#ce0500}
table{width:100%;border-collapse:collapse;font-size:.92rem;table-layout:fixed}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e5e6ea;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.02em;color:#555;font-weight:600}
td.nombre,th.nombre{text-align:right;white-space:nowrap}
td.actions{white-space:nowrap}
td.actions a{margin-right:.6rem}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;color:#555}
.sensible{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .45rem;border-radius:1rem;background:#fef4e6;color:#a94b00;border:1px solid #f3c78b;margin-left:.35rem}
.vide{color:#666;font-style:italic}
a{color:#000091}
.compte{font-weight:400;color:#666;font-size:.9rem}
`;

function Layout(props: { titre: string; acteur?: Acteur | undefined; children?: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.titre} — Dossier unique</title>
        {/* a constant: raw, since a <style> element does not decode entities */}
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header>
          <span class="titre">
            <a href="/portail">Dossier unique · portail des guichets</a>
          </span>
          {props.acteur && (
            <>
              <span class="qui">
                {props.acteur.nom} · {roleLabels[props.acteur.role] ?? props.acteur.role}
                {props.acteur.guichet ? ` ${props.acteur.guichet}` : ''}
              </span>
              <form method="post" action="/portail/deconnexion">
                <button type="submit">Se déconnecter</button>
              </form>
            </>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function Message(props: { flash?: Flash | undefined }) {
  if (!props.flash) return null;
  return (
    <div class={`message ${props.flash.kind}`} role={props.flash.kind === 'erreur' ? 'alert' : 'status'}>
      <strong>{props.flash.title}</strong>
      {props.flash.text}
    </div>
  );
}

function ConnexionPage(props: { flash?: Flash }) {
  return (
    <Layout titre="Connexion">
      <Message flash={props.flash} />
      <section style="max-width:34rem;margin:2rem auto">
        <h1>Connexion</h1>
        <p>Saisissez le jeton d'accès remis à votre guichet. Il reste dans ce navigateur jusqu'à la déconnexion, dix heures au plus.</p>
        <form method="post" action="/portail/connexion">
          <label for="jeton">Jeton d'accès</label>
          <input type="password" id="jeton" name="jeton" autocomplete="off" required />
          <p>
            <button type="submit">Se connecter</button>
          </p>
        </form>
      </section>
    </Layout>
  );
}

function RechercheForm(props: { saisi?: string | undefined }) {
  return (
    <form method="get" action="/portail/dossier" class="ligne">
      <div>
        <label for="nu">
          Numéro unique <span class="aide">(18 caractères, avec ou sans espaces)</span>
        </label>
        <input type="text" id="nu" name="nu" value={props.saisi ?? ''} placeholder="057 1215 073903 10691" autocomplete="off" required />
      </div>
      <div class="etroit">
        <button type="submit">Ouvrir le dossier</button>
      </div>
    </form>
  );
}

function AccueilPage(props: { acteur: Acteur; saisi?: string; flash?: Flash | undefined }) {
  return (
    <Layout titre="Ouvrir un dossier" acteur={props.acteur}>
      <Message flash={props.flash} />
      <section>
        <h1>Ouvrir un dossier</h1>
        <RechercheForm saisi={props.saisi} />
      </section>
    </Layout>
  );
}

function DossierPage(props: {
  c: Context<HonoEnv>;
  acteur: Acteur;
  demande: Demande;
  pieces: PieceBody[];
  flash?: Flash | undefined;
  saisie?: Saisie | undefined;
}) {
  const { acteur, demande, pieces } = props;
  const plan = planForApi();
  const actives = pieces.filter((p) => p.statut === 'active');
  const enQuarantaine = pieces.filter((p) => p.statut === 'quarantaine');
  const categories = plan.categories.filter((cat) => actives.some((p) => p.categorie === cat.code));
  const depot = deposants.includes(acteur.role) && demande.etat === 'active';
  return (
    <Layout titre={`Dossier ${demande.numeroUnique}`} acteur={acteur}>
      <Message flash={props.flash} />
      <section>
        <h1>Dossier {demande.numeroUnique}</h1>
        <p class="demandeur">
          {demande.prenom} {demande.nom.toLocaleUpperCase('fr-FR')}, né(e) le {dateText(demande.dateNaissance)} · guichet {demande.guichet}
          {demande.dateDepot ? ` · demande déposée le ${dateText(demande.dateDepot)}` : ''} ·{' '}
          <span class={`etat ${demande.etat}`}>{demande.etat === 'active' ? 'active' : `radiée le ${dateText(demande.dateRadiation)}`}</span>
        </p>
      </section>

      <section>
        <h2>
          Pièces du dossier <span class="compte">({actives.length})</span>
        </h2>
        {actives.length === 0 && <p class="vide">Aucune pièce dans ce dossier pour l'instant.</p>}
        {categories.map((cat) => (
          <div>
            <h3>
              {cat.libelle} <span class="code">{cat.code}</span>
            </h3>
            <PiecesTable pieces={actives.filter((p) => p.categorie === cat.code)} />
          </div>
        ))}
        {enQuarantaine.length > 0 && (
          <div>
            <h3>En quarantaine</h3>
            <PiecesTable pieces={enQuarantaine} quarantaine />
          </div>
        )}
      </section>

      {depot ? (
        <DepotForm demande={demande} plan={plan} maxBytes={props.c.get('deps').config.maxBodyBytes} saisie={props.saisie ?? {}} />
      ) : (
        <section>
          <p class="vide">
            {demande.etat !== 'active' ? 'Cette demande est radiée : elle ne reçoit plus de pièces.' : 'Le dépôt de pièces est réservé aux guichets.'}
          </p>
        </section>
      )}

      <section>
        <h2>Un autre dossier</h2>
        <RechercheForm />
      </section>
    </Layout>
  );
}

function PiecesTable(props: { pieces: PieceBody[]; quarantaine?: boolean }) {
  return (
    <table>
      <colgroup>
        <col style="width:30%" />
        <col style="width:9%" />
        <col style="width:6%" />
        <col style="width:7%" />
        <col style="width:13%" />
        <col style="width:12%" />
        <col style="width:8%" />
        <col style="width:15%" />
      </colgroup>
      <thead>
        <tr>
          <th>Pièce</th>
          <th>Type</th>
          <th class="nombre">Pages</th>
          <th class="nombre">Taille</th>
          <th>Déposée le</th>
          <th>Fin de validité</th>
          <th>{props.quarantaine ? 'Motif' : 'Canal'}</th>
          <th>PDF</th>
        </tr>
      </thead>
      <tbody>
        {props.pieces.map((p) => (
          <tr data-piece={p.id}>
            <td>
              {p.libelle}
              {p.sensible && (
                <span class="sensible" title="Pièce sensible : chaque consultation est inscrite au journal">
                  sensible
                </span>
              )}
            </td>
            <td class="code">
              {p.categorie}/{p.type}
            </td>
            <td class="nombre">{p.pages}</td>
            <td class="nombre">{tailleText(p.taille)}</td>
            <td>{instant.format(new Date(p.creeLe))}</td>
            <td>{dateText(p.dateFinValidite)}</td>
            <td>{props.quarantaine ? (p.motifQuarantaine ?? '—') : p.canal}</td>
            <td class="actions">
              <a href={`/portail/pieces/${p.id}/contenu`} target="_blank" rel="noopener">
                Voir
              </a>
              <a href={`/portail/pieces/${p.id}/contenu?telechargement`}>Télécharger</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepotForm(props: { demande: Demande; plan: PlanApi; maxBytes: number; saisie: Saisie }) {
  const { plan, saisie } = props;
  return (
    <section>
      <h2>Déposer une pièce</h2>
      <form method="post" action={`${dossierPath(props.demande.numeroUnique)}/pieces`} enctype="multipart/form-data">
        <div class="ligne">
          <div>
            <label for="file">
              Fichier <span class="aide">(PDF, JPEG, PNG ou TIFF ; {tailleText(props.maxBytes)} au plus ; un fichier = une pièce)</span>
            </label>
            <input type="file" id="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff" required />
          </div>
        </div>
        <div class="ligne" style="margin-top:.8rem">
          <div>
            <label for="type">Catégorie et type</label>
            <select id="type" name="type">
              <option value="">— laisser le service classer la pièce —</option>
              {plan.categories.map((cat) => (
                <optgroup label={`${cat.libelle} (${cat.code})`}>
                  {cat.types.map((t) => (
                    <option value={t.code} selected={t.code === saisie.type}>
                      {t.libelle}
                      {t.sensible ? ' · sensible' : ''}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div class="etroit">
            <label for="dateFinValidite">
              Fin de validité <span class="aide">(facultatif)</span>
            </label>
            <input type="date" id="dateFinValidite" name="dateFinValidite" value={saisie.dateFinValidite ?? ''} />
          </div>
          <div class="etroit">
            <label for="indicePertinence">Pertinence</label>
            <select id="indicePertinence" name="indicePertinence">
              {plan.indicesPertinence.map((i) => (
                <option value={i.code} selected={i.code === (saisie.indicePertinence ?? 'IV')}>
                  {i.code} · {i.libelle}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit">Déposer</button>
        </p>
      </form>
    </section>
  );
}
