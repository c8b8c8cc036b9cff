import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../services/config.ts';
import { createLogger, type Deps } from '../../services/deps.ts';
import { createPageServices } from '../../services/page-services.ts';
import { openDatabase, type Database, type DatabaseHandle } from '../../storage/database.ts';
import { startEmbeddedS3 } from '../../storage/embedded-s3.ts';
import { buckets, createObjectStore, type Bucket, type ObjectStore, type ObjectStoreOptions } from '../../storage/object-store.ts';

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

/**
 * Fresh backends for a server process (`startServer(backends.env)`) that the test reaches too: the
 * S3 buckets the server writes, read over HTTP through `objects`, and its database, which the test
 * opens only while the server is stopped (PGlite admits one process). The S3 server is the test's
 * own, so that it keeps its port and objects across a restart of the server.
 */
export async function serverBackends(prefix: string) {
  const dataDir = await tempDir(prefix);
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  const s3 = await testObjectStore();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    S3_ENDPOINT: s3.options.endpoint,
    S3_REGION: s3.options.region,
    S3_ACCESS_KEY_ID: s3.options.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.options.secretAccessKey,
    S3_BUCKET_PREFIX: s3.options.bucketPrefix,
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
  return {
    env,
    dataDir,
    objects: s3.store,
    /** Runs `change` on the server's database; with PGlite, only while no server holds it. */
    async withDatabase<T>(change: (db: Database) => Promise<T>): Promise<T> {
      if (database) return change(database.db);
      const handle = await openDatabase({ dataDir });
      try {
        return await change(handle.db);
      } finally {
        await handle.close();
      }
    },
    async close() {
      await database?.close();
      await s3.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServerBackends = Awaited<ReturnType<typeof serverBackends>>;

/** Every object, in every bucket, holding the bytes of a piece (its size and SHA-256 as the API shows them). */
export async function objectsOf(store: ObjectStore, piece: { taille: number; sha256: string }): Promise<{ bucket: Bucket; key: string }[]> {
  const found: { bucket: Bucket; key: string }[] = [];
  for (const bucket of buckets) {
    for await (const object of store.list(bucket)) {
      if (object.size !== piece.taille) continue;
      if ((await store.head(bucket, object.key))?.sha256 === piece.sha256) found.push({ bucket, key: object.key });
    }
  }
  return found;
}
