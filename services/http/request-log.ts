import { createMiddleware } from 'hono/factory';
import type { HonoEnv } from './env.ts';

/** One JSON log line per request, with its id, status, duration and actor. */
export function requestLog() {
  return createMiddleware<HonoEnv>(async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const acteur = c.get('acteur');
    c.get('deps').logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        acteur: acteur?.id,
      },
      'request',
    );
  });
}
