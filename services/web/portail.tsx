/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: the page renders the same whatever tsconfig the runner finds, e.g. started from another directory)
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { stream } from 'hono/streaming';
import { parseNumeroUnique } from '../../classification/numero-unique.ts';
import type { Acteur, Demande } from '../../storage/schema/index.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import { AppError } from '../app-error.ts';
import { getDemande } from '../demandes/get-demande.ts';
import type { HonoEnv } from '../http/env.ts';
import { limitUpload, readUpload, submitUpload } from '../http/read-upload.ts';
import { findVisiblePiece } from '../pieces/find-piece.ts';
import { listPieces } from '../pieces/list-pieces.ts';
import { bucketOf, type PieceBody, toPieceBody } from '../pieces/piece-body.ts';
import { recordConsultation } from '../pieces/record-consultation.ts';
import { DossierPage, dossierPath, type Saisie } from './dossier-page.tsx';
import { capitalise, pagesText, tailleText } from './format.ts';
import { AccueilPage, ConnexionPage, type Flash, statusTitles } from './portail-pages.tsx';
import { closeSession, deposants, lecteurs, openSession, requireActeur, sessionActeur } from './portail-session.ts';
import { renderError } from './render-error.tsx';

/**
 * The guichets' web page (/portail): sign in with a bearer token kept in an HttpOnly cookie, open a
 * dossier by its numéro unique, list, upload and download its pieces. Server-rendered, plain HTML
 * forms, no script; every action calls the same verbs as the /v1 API with the token's actor.
 */
export function portailRoutes() {
  const app = new Hono<HonoEnv>();
  const limit = limitUpload();
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
    openSession(c, jeton);
    return c.redirect('/portail', 303);
  });

  app.post('/portail/deconnexion', (c) => {
    closeSession(c);
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
    const maxBytes = c.get('deps').config.maxBodyBytes;
    return c.html(<DossierPage acteur={acteur} demande={demande} pieces={pieces} flash={flashFromQuery(c, pieces)} maxBytes={maxBytes} />);
  });

  // the size limit runs before the body is read; its refusal is shown on the dossier page too
  app.post('/portail/dossiers/:nu/pieces', async (c, next) => {
    await requireActeur(c);
    try {
      return await limit(c, next);
    } catch (error) {
      if (error instanceof AppError) return dossierRefusal(c, error);
      throw error;
    }
  });
  app.post('/portail/dossiers/:nu/pieces', async (c) => {
    const acteur = await requireActeur(c);
    if (!deposants.includes(acteur.role)) return dossierRefusal(c, new AppError('introuvable', 'le dépôt de pièces est réservé aux guichets'));
    const demande = await getDemande({ db: c.get('deps').db, numeroUnique: numeroUniqueParam(c.req.param('nu')) });
    const { file, fields } = await readUpload(c, 'formulaire de dépôt illisible');
    const saisie: Saisie = { type: fields.type, dateFinValidite: fields.dateFinValidite, indicePertinence: fields.indicePertinence };
    if (!file || file.size === 0)
      return dossierRefusal(c, new AppError('requete_invalide', 'choisissez un fichier à déposer (PDF, JPEG, PNG ou TIFF)'), saisie);
    let result;
    try {
      result = await submitUpload(c, { acteur, demande, file, fields: saisie });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return dossierRefusal(c, error, saisie, file.name);
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

/** The canonical numéro unique of the page's path (the API's rule, without its URL decoding). */
function numeroUniqueParam(value: string): string {
  const parsed = parseNumeroUnique(value);
  if (!parsed.ok) throw new AppError('numero_unique_invalide', `numéro unique « ${value} » invalide : ${parsed.reason}`);
  return parsed.canonical;
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
  const maxBytes = c.get('deps').config.maxBodyBytes;
  return c.html(<DossierPage acteur={acteur} demande={demande} pieces={pieces} flash={flash} saisie={saisie} maxBytes={maxBytes} />, error.status);
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
