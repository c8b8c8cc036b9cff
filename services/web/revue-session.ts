import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Acteur, Role } from '../../storage/schema/index.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import { AppError } from '../app-error.ts';
import type { HonoEnv } from '../http/env.ts';

const cookieName = 'revue_jeton';
const sessionSeconds = 10 * 60 * 60; // a working day at the station
// the same profiles as the API's review queue: operators decide, gestionnaires follow
export const revueLecteurs: Role[] = ['operateur', 'gestionnaire'];

/** Keeps the bearer token in an HttpOnly cookie sent to the station's pages only. */
export function openRevueSession(c: Context<HonoEnv>, jeton: string): void {
  setCookie(c, cookieName, jeton, { path: '/revue', httpOnly: true, sameSite: 'Strict', secure: isHttps(c), maxAge: sessionSeconds });
}

export function closeRevueSession(c: Context<HonoEnv>): void {
  deleteCookie(c, cookieName, { path: '/revue', secure: isHttps(c) });
}

/** The session's token, for the station's calls to the API on the operator's behalf. */
export function revueToken(c: Context<HonoEnv>): string | undefined {
  return getCookie(c, cookieName);
}

/** The actor of the session's token, or null (and the cookie dropped) when it no longer opens the station. */
export async function revueActeur(c: Context<HonoEnv>): Promise<Acteur | null> {
  const jeton = revueToken(c);
  if (!jeton) return null;
  const acteur = await findActeurByToken(c.get('deps').db, jeton);
  if (!acteur || !revueLecteurs.includes(acteur.role)) {
    closeRevueSession(c);
    return null;
  }
  return acteur;
}

export async function requireRevueActeur(c: Context<HonoEnv>): Promise<Acteur> {
  const acteur = await revueActeur(c);
  if (!acteur) throw new AppError('non_authentifie', 'votre session a expiré ou votre jeton a été révoqué : reconnectez-vous');
  return acteur;
}

function isHttps(c: Context<HonoEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
