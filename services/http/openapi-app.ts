import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../app-error.ts';
import type { HonoEnv } from './env.ts';

/** A route module's sub-app: zod validation failures become `requete_invalide` with every issue listed. */
export function openApiApp() {
  return new OpenAPIHono<HonoEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const erreurs = result.error.issues.map((issue) => ({ champ: issue.path.join('.'), motif: issue.message }));
      throw new AppError('requete_invalide', erreurs.map((e) => `${e.champ || 'corps'} : ${e.motif}`).join(' ; '), { erreurs });
    },
  });
}
