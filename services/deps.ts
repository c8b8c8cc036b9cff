import path from 'node:path';
import pino, { type Logger } from 'pino';
import { openDatabase, type Database, type DatabaseHandle } from '../storage/database.ts';
import { startEmbeddedS3 } from '../storage/embedded-s3.ts';
import { createObjectStore, type ObjectStore } from '../storage/object-store.ts';
import type { Config } from './config.ts';
import type { ProcessDeps } from './lots/process-lot.ts';
import { createPageServices, type PageServices } from './page-services.ts';
import { today } from './today.ts';

/** Everything a request or a job needs, built once at start and passed in. */
export type Deps = {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  objects: ObjectStore;
  pages: PageServices;
  close(): Promise<void>;
};

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'dossier-unique' } });
}

/** Opens the database (migrated) and the object store (buckets created), embedded unless configured. */
export async function openStorage(config: Config) {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const embedded = config.s3 ? undefined : await startEmbeddedS3(path.join(config.dataDir, 's3'));
  const s3 = config.s3 ?? { ...embedded!, region: 'us-east-1' };
  const objects = createObjectStore({ ...s3, bucketPrefix: config.bucketPrefix });
  const close = async () => {
    await embedded?.close();
    await database.close();
  };
  try {
    await objects.ensureBuckets();
  } catch (error) {
    await close();
    throw error;
  }
  return { database, db: database.db, objects, s3Endpoint: s3.endpoint, close };
}

/** Everything the service runs on, built once. */
export async function buildDeps(config: Config, logger = createLogger(config)): Promise<Deps> {
  const storage = await openStorage(config);
  logger.info({ database: storage.database.kind, s3: config.s3 ? storage.s3Endpoint : `embedded ${storage.s3Endpoint}` }, 'backends ready');
  const pages = createPageServices(config);
  return {
    config,
    logger,
    database: storage.database,
    db: storage.db,
    objects: storage.objects,
    pages,
    async close() {
      await pages.close();
      await storage.close();
    },
  };
}

/** What the scan pipeline runs on; the OCR pool starts on the first call. */
export function processDeps(deps: Deps): ProcessDeps {
  return {
    db: deps.db,
    objects: deps.objects,
    images: deps.pages.images,
    ocr: deps.pages.ocr(),
    // one page more than OCR workers: it is normalised while they read, so no core waits
    concurrency: deps.config.ocrWorkers + 1,
    logger: deps.logger,
    today: () => today(),
  };
}
