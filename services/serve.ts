import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve as listen } from '@hono/node-server';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { listenControlSocket } from './control/control-socket.ts';
import { buildDeps, createLogger, processDeps } from './deps.ts';
import { startLotWorker } from './lots/lot-worker.ts';
import { receiveLot } from './lots/receive-lot.ts';
import { watchInbox } from './lots/watch-inbox.ts';
import { createMailTransport } from './mail/mail-transport.ts';
import { startMailWorker } from './mail/mail-worker.ts';
import { processMessage, type MessageDeps } from './messagerie/process-message.ts';
import { startSmtpListener } from './messagerie/smtp-listener.ts';
import { tlsCertificate } from './messagerie/tls-certificate.ts';
import { recordPageTotal } from './lot-state/record-page-total.ts';
import { purge } from './retention/purge.ts';

/** Starts the API on PORT and the control socket in DATA_DIR; resolves with a stop function. */
export async function serve(config: Config) {
  const logger = createLogger(config);
  const deps = await buildDeps(config, logger);
  const worker = startLotWorker(deps.db, () => processDeps(deps), logger, { leaseSeconds: config.lotLeaseSeconds, maxAttempts: config.lotMaxAttempts });
  // guichets' messages have their own worker: a long scan lot never delays a guichet's acknowledgement
  const messages = startLotWorker<MessageDeps>(
    deps.db,
    () => ({ ...processDeps(deps), convert: deps.pages.convertPiece, classify: deps.pages.classify }),
    logger,
    {
      leaseSeconds: config.lotLeaseSeconds,
      maxAttempts: config.lotMaxAttempts,
      canal: 'mel',
      process: processMessage,
    },
  );
  let control;
  try {
    control = await listenControlSocket(config.dataDir, { ...deps, onLotReceived: worker.nudge });
  } catch (error) {
    await worker.stop();
    await deps.close();
    throw error;
  }
  const mail = startMailWorker(
    deps.db,
    createMailTransport({ smtpUrl: config.smtpUrl, outboxDir: path.join(config.dataDir, 'outbox') }),
    config.mailFrom,
    logger,
  );
  const inbox = config.inboxDir
    ? watchInbox(
        config.inboxDir,
        async (fichier) => {
          const { lot, existant } = await receiveLot(deps, { fichiers: [fichier], acteur: null });
          if (!existant) {
            // counted while the file is still in the inbox: its progress reads n/N from the start
            await recordPageTotal(deps.db, lot.id, [fichier.chemin]);
            worker.nudge();
          }
          return lot;
        },
        logger,
      )
    : null;
  const smtp =
    config.smtpPort === undefined
      ? null
      : await startSmtpListener(
          deps,
          { host: config.smtpHost, port: config.smtpPort, maxBytes: config.smtpMaxBytes, tls: await tlsCertificate(config, logger) },
          messages.nudge,
        );
  if (smtp) logger.info({ port: smtp.port, host: config.smtpHost }, `réception des courriels sur smtp://${config.smtpHost}:${smtp.port} (STARTTLS)`);
  const app = createApp(deps, { onLotReceived: worker.nudge, onMessageReceived: messages.nudge });
  // the retention job, daily (CNIL: radiées erased after a year; quarantine expires after 30 days)
  const retention = setInterval(
    () => {
      purge(deps, { now: new Date(), quarantaineJours: 30, dryRun: false }).then(
        (report) => logger.info({ demandes: report.demandesEffacees.length, quarantaine: report.piecesQuarantaineExpirees.length }, 'purge de rétention'),
        (error: unknown) => logger.error({ err: error }, 'purge de rétention interrompue, nouvel essai demain'),
      );
    },
    24 * 3600 * 1000,
  );
  retention.unref();
  const server = listen({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, dataDir: config.dataDir }, `service prêt sur http://127.0.0.1:${port}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('arrêt en cours');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await smtp?.close();
      clearInterval(retention);
      await inbox?.stop();
      await worker.stop();
      await messages.stop();
      await mail.stop();
      await control.close();
      await deps.close();
      logger.info('arrêté');
    })());
  return { port, smtpPort: smtp?.port, stop };
}
