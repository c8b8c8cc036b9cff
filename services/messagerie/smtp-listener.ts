import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAuthenticationResponse, type SMTPServerSession } from 'smtp-server';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { AppError } from '../app-error.ts';
import { authenticateGuichet, estAdresseDuGuichet, type ExpediteurMessagerie } from './guichets-messagerie.ts';
import { lireEntetes } from './lire-entetes.ts';
import { receiveMessage } from './receive-message.ts';
import type { TlsPair } from './tls-certificate.ts';

export type SmtpOptions = { host: string; port: number; maxBytes: number; tls: TlsPair; maxClients?: number };

/** An error smtp-server answers with this reply code. */
function refus(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function expediteurDe(session: SMTPServerSession): ExpediteurMessagerie {
  return session.user as unknown as ExpediteurMessagerie;
}

/**
 * The guichets' secure e-mail entrance. Mail is accepted only over TLS (STARTTLS), from a
 * registered guichet authenticated by its code and password, whose envelope sender and From
 * header are both its addresses. Every refusal is given in the dialogue with the code that tells
 * the sending system what to do: 530 (no TLS, no authentication), 535 (bad credentials), 550
 * (sender not allowed), 552 (too large), 451 (database or S3 out of reach: retry later). An
 * accepted message is stored and recorded as a lot before the 250; it is processed afterwards.
 */
export async function startSmtpListener(
  deps: { db: Database; objects: ObjectStore; logger: Logger },
  options: SmtpOptions,
  onMessageReceived: () => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const { db, logger } = deps;
  const server = new SMTPServer({
    name: options.host,
    banner: 'dossier unique : réception des pièces par courriel sécurisé',
    key: options.tls.key,
    cert: options.tls.cert,
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    allowInsecureAuth: false,
    authRequiredMessage: 'STARTTLS puis authentification requis (utilisateur : code guichet)',
    size: options.maxBytes,
    // a message is held in memory until stored (SMTP_MAX_BYTES at most): this bounds the listener's memory;
    // a client over the limit is told 421 and retries
    maxClients: options.maxClients ?? 20,
    hideSTARTTLS: false,
    logger: false,
    onAuth(auth, _session, callback) {
      authenticateGuichet(db, auth.username ?? '', auth.password ?? '').then(
        (expediteur) => {
          if (!expediteur) return callback(refus(535, 'identifiants refusés (utilisateur : code guichet, mot de passe de `cli guichets add`)'));
          callback(null, { user: expediteur } as unknown as SMTPServerAuthenticationResponse);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'SMTP : authentification impossible, base injoignable');
          callback(refus(454, 'authentification momentanément impossible, réessayez plus tard'));
        },
      );
    },
    onMailFrom(address, session, callback) {
      if (!session.secure) return callback(refus(530, 'STARTTLS requis avant MAIL FROM : le courrier n’est jamais accepté en clair'));
      const { guichet } = expediteurDe(session);
      if (!estAdresseDuGuichet(guichet, address.address)) {
        return callback(refus(550, `expéditeur ${address.address} non autorisé pour le guichet ${guichet.code}`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let taille = 0;
      stream.on('data', (chunk: Buffer) => {
        taille += chunk.length;
        // past the limit nothing more is kept: the reply refuses the message anyway
        if (taille <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(refus(552, `message trop volumineux : ${options.maxBytes} octets au plus (SMTP_MAX_BYTES)`));
        accept(Buffer.concat(chunks), expediteurDe(session)).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      });
    },
  });

  async function accept(raw: Buffer, { guichet, acteur }: ExpediteurMessagerie): Promise<string> {
    const entetes = await lireEntetes(raw).catch(() => null);
    if (!entetes) throw refus(550, 'en-têtes du message illisibles');
    if (!estAdresseDuGuichet(guichet, entetes.from ?? undefined)) {
      throw refus(550, `en-tête From ${entetes.from ?? '(absent)'} non autorisé pour le guichet ${guichet.code}`);
    }
    try {
      const { lot, existant } = await receiveMessage(deps, { raw, entetes, acteur });
      if (!existant) onMessageReceived();
      logger.info({ lot: lot.id, guichet: guichet.code, messageId: entetes.messageId, octets: raw.length, existant }, 'courriel reçu');
      return existant ? `message déjà reçu : lot ${lot.id}` : `message reçu : lot ${lot.id}`;
    } catch (error) {
      if (error instanceof AppError) throw refus(550, error.message);
      logger.error({ err: error, guichet: guichet.code }, 'SMTP : message non enregistré, base ou S3 injoignable');
      throw refus(451, 'enregistrement momentanément impossible, réessayez plus tard');
    }
  }

  server.on('error', (error) => logger.error({ err: error }, 'SMTP : erreur de connexion'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
