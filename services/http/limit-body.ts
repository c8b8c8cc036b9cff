import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../app-error.ts';

/** Refuses a body over `maxBytes` before it is read whole (Content-Length, then while streaming). */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('taille_depassee', `le corps de la requête dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo`, {
        tailleMax: maxBytes,
      });
    },
  });
}
