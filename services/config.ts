import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'une URL postgres://… est attendue' }).optional()),
  S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'une URL http(s)://… est attendue' }).optional()),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_BUCKET_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,30}$/, 'lettres minuscules, chiffres et tirets, 31 caractères au plus')
    .default('du'),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  SMTP_TLS_CERT: optionalText,
  SMTP_TLS_KEY: optionalText,
  SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(30 * 1024 * 1024),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'une URL smtp://… est attendue' }).optional()),
  MAIL_FROM: z.email({ error: 'une adresse e-mail est attendue' }).default('ne-pas-repondre@dossier-unique.invalid'),
  INBOX_DIR: optionalText,
  OCR_WORKERS: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  MAX_LOT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024 * 1024),
  LOT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  LOT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
});

export type Config = {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string } | undefined;
  bucketPrefix: string;
  /** The guichets' mail entrance (off when unset), on `smtpHost`. */
  smtpPort: number | undefined;
  smtpHost: string;
  /** STARTTLS certificate and key files; both unset: a self-signed pair kept in DATA_DIR. */
  smtpTlsCert: string | undefined;
  smtpTlsKey: string | undefined;
  smtpMaxBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  inboxDir: string | undefined;
  ocrWorkers: number;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  maxBodyBytes: number;
  maxLotBytes: number;
  /** How long a worker holds a lot without renewing: a crashed worker's lot is taken over after it. */
  lotLeaseSeconds: number;
  /** How many times a worker takes a lot before setting it aside (`echec`) for an operator. */
  lotMaxAttempts: number;
};

/** Raised when the environment is wrong; the message names every faulty variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once into a typed configuration, or throws a ConfigError naming the variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`configuration invalide :\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.SMTP_TLS_CERT) !== Boolean(e.SMTP_TLS_KEY)) {
    throw new ConfigError('configuration invalide :\n  SMTP_TLS_CERT, SMTP_TLS_KEY: les deux ensemble, ou aucun (certificat auto-signé)');
  }
  let s3: Config['s3'];
  if (e.S3_ENDPOINT) {
    if (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
      throw new ConfigError('configuration invalide :\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: requis quand S3_ENDPOINT est défini');
    }
    s3 = { endpoint: e.S3_ENDPOINT, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY };
  }
  return {
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    s3,
    bucketPrefix: e.S3_BUCKET_PREFIX,
    smtpPort: e.SMTP_PORT,
    smtpHost: e.SMTP_HOST,
    smtpTlsCert: e.SMTP_TLS_CERT ? path.resolve(e.SMTP_TLS_CERT) : undefined,
    smtpTlsKey: e.SMTP_TLS_KEY ? path.resolve(e.SMTP_TLS_KEY) : undefined,
    smtpMaxBytes: e.SMTP_MAX_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    inboxDir: e.INBOX_DIR ? path.resolve(e.INBOX_DIR) : undefined,
    ocrWorkers: e.OCR_WORKERS,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxLotBytes: e.MAX_LOT_BYTES,
    lotLeaseSeconds: e.LOT_LEASE_SECONDS,
    lotMaxAttempts: e.LOT_MAX_ATTEMPTS,
  };
}
