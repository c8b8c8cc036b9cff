import { createMiddleware } from 'hono/factory';
import { AppError } from '../app-error.ts';
import { findActeurByToken } from '../acteurs/find-acteur-by-token.ts';
import type { Role } from '../../storage/schema/index.ts';
import type { HonoEnv } from './env.ts';

/** Puts the bearer token's actor on the context, or answers 401 `non_authentifie`. */
export function authenticate() {
  return createMiddleware<HonoEnv>(async function authenticate(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('non_authentifie', 'jeton absent : en-tête « Authorization: Bearer <jeton> » attendu');
    const acteur = await findActeurByToken(c.get('deps').db, match[1]!);
    if (!acteur) throw new AppError('non_authentifie', 'jeton inconnu ou révoqué');
    c.set('acteur', acteur);
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
