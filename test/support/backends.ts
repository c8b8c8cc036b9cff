import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../services/config.ts';
import { createLogger, type Deps } from '../../services/deps.ts';
import { createPageServices } from '../../services/page-services.ts';
import { openDatabase, type DatabaseHandle } from '../../storage/database.ts';
import { startEmbeddedS3 } from '../../storage/embedded-s3.ts';
import { createObjectStore, type ObjectStore, type ObjectStoreOptions } from '../../storage/object-store.ts';

/**
 * The backends the suite runs against: PGlite and the embedded S3 server by default, or the
 * PostgreSQL server and S3 endpoint named by DATABASE_URL / S3_ENDPOINT (the CI's second pass).
 * Each call gets its own database and its own buckets, so suites never share state.
 */
export const backendNames = {
  database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  s3: process.env.S3_ENDPOINT ? 's3-endpoint' : 'embedded-s3',
};

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function tempDir(prefix = 'du-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A fresh, migrated database: a new database on the PostgreSQL server, else an in-memory PGlite. */
export async function testDatabase(): Promise<DatabaseHandle & { url: string | undefined }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { ...(await openDatabase({})), url: undefined };
  const name = uniqueName('t_');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** S3 settings for a test: the configured endpoint with fresh buckets, or a new embedded server. */
export async function testS3(): Promise<{ options: ObjectStoreOptions; close(): Promise<void> }> {
  const bucketPrefix = uniqueName('t-');
  if (process.env.S3_ENDPOINT) {
    return {
      options: {
        endpoint: process.env.S3_ENDPOINT,
        region: process.env.S3_REGION ?? 'us-east-1',
        accessKeyId: process.env.S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? '',
        bucketPrefix,
      },
      close: async () => {},
    };
  }
  const dir = await tempDir('du-s3-');
  const server = await startEmbeddedS3(dir);
  return {
    options: { ...server, region: 'us-east-1', bucketPrefix },
    async close() {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function testObjectStore(): Promise<{ store: ObjectStore; options: ObjectStoreOptions; close(): Promise<void> }> {
  const s3 = await testS3();
  const store = createObjectStore(s3.options);
  await store.ensureBuckets();
  return { store, options: s3.options, close: s3.close };
}

/** The service's dependencies over fresh test backends, as `buildDeps` would make them. */
export async function testDeps(): Promise<Deps> {
  const database = await testDatabase();
  const s3 = await testObjectStore();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: await tempDir(), OCR_WORKERS: '1' });
  const pages = createPageServices(config);
  return {
    config,
    logger: createLogger(config),
    database,
    db: database.db,
    objects: s3.store,
    pages,
    async close() {
      await pages.close();
      await database.close();
      await s3.close();
      await fs.rm(config.dataDir, { recursive: true, force: true });
    },
  };
}
