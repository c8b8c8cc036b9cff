import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../app-error.ts';

/**
 * Refuses a body over `maxBytes` before it is read whole (Content-Length, then while streaming).
 * The refusal closes the connection: the rest of the body is left unread, and a connection kept
 * alive would carry it into the client's next request, or be dropped under it.
 */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // set here, not only by the API's error handler: the portal answers this refusal with a page of its own
      c.header('connection', 'close');
      throw new AppError('taille_depassee', `le corps de la requête dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo`, {
        tailleMax: maxBytes,
      });
    },
  });
}
