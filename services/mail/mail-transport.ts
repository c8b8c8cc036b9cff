import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export type OutgoingMail = { from: string; to: string; subject: string; text: string; inReplyTo?: string; references?: string };
export type MailTransport = { send(mail: OutgoingMail): Promise<void>; close(): void };

/** SMTP when a URL is configured; otherwise each message is written as an .eml file in `outboxDir`. */
export function createMailTransport(options: { smtpUrl: string | undefined; outboxDir: string }): MailTransport {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      send: async (mail) => void (await transport.sendMail(mail)),
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail(mail);
      await fs.mkdir(options.outboxDir, { recursive: true });
      const file = path.join(options.outboxDir, `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID()}.eml`);
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file); // a reader never sees half a message
    },
    close: () => transport.close(),
  };
}
