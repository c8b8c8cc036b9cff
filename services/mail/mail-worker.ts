import type { Logger } from 'pino';
import type { Database } from '../../storage/database.ts';
import type { MailTransport } from './mail-transport.ts';
import { sendOutbox } from './send-outbox.ts';

/** Sends the outbox every few seconds in the serving process, until stopped. */
export function startMailWorker(db: Database, transport: MailTransport, from: string, logger: Logger, intervalMs = 5000) {
  let running: Promise<void> = Promise.resolve();
  const round = () =>
    (running = running.then(async () => {
      try {
        const { envoyes, echecs } = await sendOutbox(db, transport, from);
        if (envoyes || echecs) logger.info({ envoyes, echecs }, 'courriels de confirmation');
      } catch (error) {
        logger.error({ err: error }, 'envoi des courriels interrompu, nouvel essai au prochain tour');
      }
    }));
  const timer = setInterval(round, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
