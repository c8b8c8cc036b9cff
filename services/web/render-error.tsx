/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// (pragmas: see portail.tsx)
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../app-error.ts';
import type { HonoEnv } from '../http/env.ts';
import { capitalise } from './format.ts';
import { AccueilPage, ConnexionPage, type Flash, statusTitles } from './portail-pages.tsx';
import { sessionActeur } from './portail-session.ts';

/** Any error of a portal page, shown as a page in French (the API's message is its `detail`). */
export async function renderError(error: Error, c: Context<HonoEnv>): Promise<Response> {
  const appError = asAppError(error, c);
  if (appError.status >= 500) c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, `portail: ${error.message}`);
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
