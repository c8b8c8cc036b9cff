import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../app-error.ts';

/** How long a refused body is read on, unkept, before the refusal is sent anyway. */
const discardMs = 10_000;

/**
 * Refuses a body over `maxBytes` before it is kept (Content-Length, then while streaming). The
 * refusal closes the connection, which must not carry the rest of the body into the client's next
 * request; before it, the rest is read and dropped, up to as much again as `maxBytes`, so that a
 * client still sending (fetch does not read an answer before its body is sent) gets the 413, not
 * EPIPE. Past that bound the connection is closed under the client.
 */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      // set here, not only by the API's error handler: the portal answers this refusal with a page of its own
      c.header('connection', 'close');
      await discardBody(c.req.raw, maxBytes);
      throw new AppError('taille_depassee', `le corps de la requête dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo`, {
        tailleMax: maxBytes,
      });
    },
  });
}

/** Reads a body to its end and drops it, within twice `maxBytes` and `discardMs`. A body already being read is left alone. */
async function discardBody(request: Request, maxBytes: number): Promise<void> {
  // a chunked body is refused while bodyLimit itself reads it: that reader is not ours to go on with
  if (!request.body || request.body.locked) return;
  const reader = request.body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), discardMs);
  try {
    // the whole body is read here (none of it was before): the limit, then as much again
    for (let read = 0; read <= 2 * maxBytes; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing more to read
  } finally {
    clearTimeout(timer);
  }
}
