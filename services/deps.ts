import path from 'node:path';
import pino, { type Logger } from 'pino';
import { openDatabase, type Database, type DatabaseHandle } from '../storage/database.ts';
import { startEmbeddedS3 } from '../storage/embedded-s3.ts';
import { createObjectStore, type ObjectStore } from '../storage/object-store.ts';
import type { Config } from './config.ts';

/** Everything a request or a job needs, built once at start and passed in. */
export type Deps = {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  objects: ObjectStore;
  close(): Promise<void>;
};

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'dossier-unique' } });
}

/** Opens the database (migrated) and the object store (buckets created), embedded unless configured. */
export async function buildDeps(config: Config, logger = createLogger(config)): Promise<Deps> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const embedded = config.s3 ? undefined : await startEmbeddedS3(path.join(config.dataDir, 's3'));
  const s3 = config.s3 ?? { ...embedded!, region: 'us-east-1' };
  const objects = createObjectStore({ ...s3, bucketPrefix: config.bucketPrefix });
  try {
    await objects.ensureBuckets();
  } catch (error) {
    await embedded?.close();
    await database.close();
    throw error;
  }
  logger.info({ database: database.kind, s3: config.s3 ? config.s3.endpoint : `embedded ${s3.endpoint}` }, 'backends ready');
  return {
    config,
    logger,
    database,
    db: database.db,
    objects,
    async close() {
      await embedded?.close();
      await database.close();
    },
  };
}
