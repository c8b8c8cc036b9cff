import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { asAppError } from '../app-error.ts';
import { isCommandName, runCommand, type CommandDeps, type CommandName } from './commands.ts';

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, 'control.sock');
}

type Reply = { ok: true; result: unknown } | { ok: false; code: string; message: string; details?: unknown };

/**
 * Serves the administration commands on a Unix socket in DATA_DIR, reachable only by users who
 * may read DATA_DIR (mode 0600): the CLI uses it while the server holds the embedded database.
 */
export async function listenControlSocket(dataDir: string, deps: CommandDeps): Promise<{ close(): Promise<void> }> {
  const socketPath = controlSocketPath(dataDir);
  if (
    await sendCommandIfServerRuns(dataDir, 'ping', {}).then(
      (r) => r !== undefined,
      () => true,
    )
  ) {
    throw new Error(`un autre serveur utilise déjà ${dataDir} (socket ${socketPath})`);
  }
  await fs.rm(socketPath, { force: true });

  const app = new Hono();
  app.post('/commandes/:name', async (c) => {
    const name = c.req.param('name').replaceAll('-', ' ');
    if (name === 'ping') return c.json({ ok: true, result: 'pong' } satisfies Reply);
    if (!isCommandName(name)) return c.json({ ok: false, code: 'introuvable', message: `commande inconnue : ${name}` } satisfies Reply);
    try {
      return c.json({ ok: true, result: await runCommand(name, deps, await c.req.json()) } satisfies Reply);
    } catch (error) {
      const refus = asAppError(error);
      if (refus) return c.json({ ok: false, code: refus.code, message: refus.message, details: refus.details } satisfies Reply);
      return c.json({ ok: false, code: 'erreur_interne', message: String(error) } satisfies Reply);
    }
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await fs.chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as http.Server).closeAllConnections?.();
      }).then(() => fs.rm(socketPath, { force: true })),
  };
}

/**
 * Hands a command to the server running on this DATA_DIR, if any. Resolves undefined when no
 * server listens there (no socket, or a stale one left by a killed process).
 */
export async function sendCommandIfServerRuns(dataDir: string, name: CommandName | 'ping', input: unknown): Promise<Reply | undefined> {
  const socketPath = controlSocketPath(dataDir);
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath,
        method: 'POST',
        path: `/commandes/${name.replaceAll(' ', '-')}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply);
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    request.end(body);
  });
}
