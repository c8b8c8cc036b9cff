import { createRoute, z } from '@hono/zod-openapi';
import { statutsLot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { allow } from '../http/authenticate.ts';
import { limitBody } from '../http/limit-body.ts';
import { openApiApp } from '../http/openapi-app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { estAdresseDuGuichet, findGuichetMessagerie } from '../messagerie/guichets-messagerie.ts';
import { lireEntetes } from '../messagerie/lire-entetes.ts';
import { receiveMessage } from '../messagerie/receive-message.ts';

const messageRecu = z.object({ id: z.string(), statut: z.enum(statutsLot) }).openapi('CourrielRecu');
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/**
 * A raw message posted as the SMTP entrance would receive it: for systems that cannot speak SMTP,
 * and for an operator replaying a message they fixed. A guichet posts only mail from its own
 * registered addresses (the acknowledgement goes to the From address); an operator may replay any.
 */
export function courrielsRoutes(options: { onMessageReceived: () => void }) {
  const app = openApiApp();
  const route = createRoute({
    method: 'post',
    path: '/courriels',
    summary: 'Dépose un courriel brut (RFC 822) : traité comme un courriel reçu en SMTP',
    description:
      "Corps message/rfc822. Le numéro unique est pris dans l'objet, sinon le texte, sinon les noms des pièces jointes ; chaque pièce jointe est classée comme une pièce ; un accusé de réception part vers l'adresse From. Le même Message-ID ou les mêmes octets renvoyés retrouvent le même lot.",
    security: [{ bearer: [] }],
    responses: {
      200: { description: 'message déjà reçu : son lot', content: { 'application/json': { schema: messageRecu } } },
      202: { description: 'message reçu et conservé, traité en arrière-plan', content: { 'application/json': { schema: messageRecu } } },
      403: problem("expéditeur (From) qui n'est pas une adresse du guichet"),
      413: problem('message trop volumineux'),
      415: problem('corps qui n’est pas un message'),
    },
  });
  app.use(route.path, async (c, next) => limitBody(Math.min(c.get('deps').config.smtpMaxBytes, c.get('deps').config.maxBodyBytes))(c, next));
  app.openapi({ ...route, middleware: [allow('guichet', 'operateur')] }, async (c) => {
    const deps = c.get('deps');
    const acteur = c.get('acteur');
    const type = c.req.header('content-type') ?? '';
    if (!/^message\/rfc822\b/i.test(type)) throw new AppError('format_non_supporte', 'corps message/rfc822 attendu : le courriel brut, en-têtes compris');
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length === 0) throw new AppError('fichier_vide', 'message vide');
    const entetes = await lireEntetes(raw).catch(() => {
      throw new AppError('requete_invalide', 'en-têtes du message illisibles');
    });
    if (acteur.role === 'guichet') {
      const messagerie = acteur.guichet ? await findGuichetMessagerie(deps.db, acteur.guichet) : null;
      if (!messagerie || !estAdresseDuGuichet(messagerie.guichet, entetes.from ?? undefined)) {
        throw new AppError(
          'expediteur_non_autorise',
          `l'expéditeur ${entetes.from ?? '(From absent)'} n'est pas une adresse du guichet ${acteur.guichet} (cli guichets add ${acteur.guichet} ADRESSE...)`,
        );
      }
    }
    const { lot, existant } = await receiveMessage(deps, { raw, entetes, acteur });
    if (!existant) options.onMessageReceived();
    return c.json({ id: lot.id, statut: lot.statut }, existant ? 200 : 202);
  });
  return app;
}
