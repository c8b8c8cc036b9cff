import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Acteur, Role } from '../../storage/schema/index.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import { AppError } from '../app-error.ts';
import type { HonoEnv } from '../http/env.ts';

const cookieName = 'portail_jeton';
const sessionSeconds = 10 * 60 * 60; // a working day at the desk
// the same profiles as the API: guichets read and upload, gestionnaires read
export const lecteurs: Role[] = ['guichet', 'gestionnaire'];
export const deposants: Role[] = ['guichet'];

/** Keeps the bearer token in an HttpOnly cookie sent to the portal's pages only. */
export function openSession(c: Context<HonoEnv>, jeton: string): void {
  setCookie(c, cookieName, jeton, { path: '/portail', httpOnly: true, sameSite: 'Strict', secure: isHttps(c), maxAge: sessionSeconds });
}

export function closeSession(c: Context<HonoEnv>): void {
  deleteCookie(c, cookieName, { path: '/portail', secure: isHttps(c) });
}

/** The actor of the session's token, or null (and the cookie dropped) when it no longer opens the portal. */
export async function sessionActeur(c: Context<HonoEnv>): Promise<Acteur | null> {
  const jeton = getCookie(c, cookieName);
  if (!jeton) return null;
  const acteur = await findActeurByToken(c.get('deps').db, jeton);
  if (!acteur || !lecteurs.includes(acteur.role)) {
    closeSession(c);
    return null;
  }
  return acteur;
}

export async function requireActeur(c: Context<HonoEnv>): Promise<Acteur> {
  const acteur = await sessionActeur(c);
  if (!acteur) throw new AppError('non_authentifie', 'votre session a expiré ou votre jeton a été révoqué : reconnectez-vous');
  return acteur;
}

function isHttps(c: Context<HonoEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
