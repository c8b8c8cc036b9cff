import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { generate } from 'selfsigned';

export type TlsPair = { cert: string; key: string };

/**
 * The certificate STARTTLS offers: the configured pair, else a self-signed pair kept in DATA_DIR
 * (generated at first start, the same afterwards, so that a sending system that pinned it keeps
 * trusting it). A self-signed pair encrypts but proves nothing: the log says so.
 */
export async function tlsCertificate(
  config: { dataDir: string; smtpTlsCert: string | undefined; smtpTlsKey: string | undefined; smtpHost: string },
  logger: Logger,
): Promise<TlsPair> {
  if (config.smtpTlsCert && config.smtpTlsKey) {
    return { cert: await fs.readFile(config.smtpTlsCert, 'utf8'), key: await fs.readFile(config.smtpTlsKey, 'utf8') };
  }
  const dir = path.join(config.dataDir, 'smtp-tls');
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  const kept = await Promise.all([fs.readFile(certPath, 'utf8'), fs.readFile(keyPath, 'utf8')]).catch(() => null);
  if (kept) {
    logger.warn({ cert: certPath }, 'SMTP : certificat auto-signé (SMTP_TLS_CERT et SMTP_TLS_KEY non définis)');
    return { cert: kept[0], key: kept[1] };
  }
  const pems = await generate([{ name: 'commonName', value: config.smtpHost }], { keySize: 2048, algorithm: 'sha256' });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.writeFile(keyPath, pems.private, { mode: 0o600 });
  await fs.writeFile(certPath, pems.cert);
  logger.warn({ cert: certPath }, 'SMTP : certificat auto-signé généré (SMTP_TLS_CERT et SMTP_TLS_KEY non définis) ; à remplacer en production');
  return { cert: pems.cert, key: pems.private };
}
