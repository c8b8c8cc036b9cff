import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, asAppError } from '../app-error.ts';
import type { HonoEnv } from './env.ts';

const titles: Record<string, string> = {
  400: 'Requête invalide',
  401: 'Non authentifié',
  404: 'Introuvable',
  409: 'Conflit',
  413: 'Trop volumineux',
  415: 'Format non supporté',
  422: 'Contenu inexploitable',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

/** Writes an RFC 9457 problem+json answer with the stable code other systems act on. */
export function problem(c: Context<HonoEnv>, error: AppError): Response {
  const status = error.status;
  const body = {
    type: `urn:dossier-unique:probleme:${error.code}`,
    title: titles[status] ?? 'Erreur',
    status,
    detail: error.message,
    code: error.code,
    requestId: c.get('requestId'),
    ...error.details,
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}

/** The app's one error handler: known errors keep their code, anything else is logged and hidden. */
export function onError(thrown: Error, c: Context<HonoEnv>): Response {
  const error = asAppError(thrown) ?? thrown;
  // a body refused for its size is left unread past its limit (limitBody, a lot's streamed upload):
  // its connection is closed rather than kept alive with the rest of the body still on it
  if ((error instanceof AppError || error instanceof HTTPException) && error.status === 413) c.header('connection', 'close');
  if (error instanceof AppError) {
    if (error.status >= 500) c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, error.message);
    return problem(c, error);
  }
  if (error instanceof HTTPException && error.status === 413) {
    return problem(c, new AppError('taille_depassee', 'le corps de la requête dépasse la taille admise'));
  }
  if (error instanceof HTTPException && error.status === 415) {
    const received = c.req.header('content-type') ?? 'aucun';
    return problem(c, new AppError('format_non_supporte', `type de contenu « ${received} » non accepté par ${c.req.method} ${c.req.path}`));
  }
  if (error instanceof HTTPException && error.status < 500) {
    return problem(c, new AppError('requete_invalide', error.message || 'requête invalide'));
  }
  c.get('deps').logger.error({ err: error, requestId: c.get('requestId') }, 'unexpected error');
  return problem(c, new AppError('erreur_interne', `erreur interne ; référence ${c.get('requestId')}`));
}
