import { createMiddleware } from 'hono/factory';
import { AppError } from '../app-error.ts';
import { hashToken } from '../acteurs/create-token.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import type { Acteur, Role } from '../../storage/schema/index.ts';
import type { HonoEnv } from './env.ts';

export type AuthenticateOptions = {
  /**
   * How long a token's actor is remembered, in ms (default 5 s): the lookup was a third of a
   * metadata list's time. A token revoked in the database keeps working at most this long.
   */
  rememberMs?: number;
};

/** Tokens remembered at most: beyond, the memory starts again (a flood of tokens costs lookups, not memory). */
const maxRemembered = 10_000;

/** Puts the bearer token's actor on the context, or answers 401 `non_authentifie`. */
export function authenticate(options: AuthenticateOptions = {}) {
  const rememberMs = options.rememberMs ?? 5_000;
  // keyed by the token's hash, as stored: no secret kept in memory longer than its request
  const remembered = new Map<string, { acteur: Acteur; until: number }>();
  return createMiddleware<HonoEnv>(async function authenticate(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('non_authentifie', 'jeton absent : en-tête « Authorization: Bearer <jeton> » attendu');
    const key = hashToken(match[1]!);
    const now = Date.now();
    let known = remembered.get(key);
    if (!known || known.until <= now) {
      // unknown tokens are never remembered: a token created a moment ago works at once
      const acteur = await findActeurByToken(c.get('deps').db, match[1]!);
      if (!acteur) {
        remembered.delete(key);
        throw new AppError('non_authentifie', 'jeton inconnu ou révoqué');
      }
      if (remembered.size >= maxRemembered) remembered.clear();
      known = { acteur, until: now + rememberMs };
      remembered.set(key, known);
    }
    c.set('acteur', known.acteur);
    await next();
  });
}

/** Lets through only the listed roles; to anyone else the resource does not exist (404). */
export function allow(...allowed: Role[]) {
  return createMiddleware<HonoEnv>(async function allow(c, next) {
    if (!allowed.includes(c.get('acteur').role)) throw new AppError('introuvable', 'ressource introuvable');
    await next();
  });
}
