import type { RequestIdVariables } from 'hono/request-id';
import type { Acteur } from '../../storage/schema/index.ts';
import type { Deps } from '../deps.ts';

/** The one Hono environment: services built once, the authenticated actor, the request id. */
export type HonoEnv = {
  Variables: RequestIdVariables & {
    deps: Deps;
    acteur: Acteur;
  };
};
