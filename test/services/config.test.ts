import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../services/config.ts';

test('defaults: embedded database and S3 under ./data, port 8080', () => {
  const config = loadConfig({});
  assert.is(config.port, 8080);
  assert.is(config.dataDir, path.resolve('./data'));
  assert.is(config.databaseUrl, undefined);
  assert.is(config.s3, undefined);
  assert.ok(config.ocrWorkers >= 1);
});

test('empty variables count as unset', () => {
  const config = loadConfig({ DATABASE_URL: '', S3_ENDPOINT: ' ' });
  assert.is(config.databaseUrl, undefined);
  assert.is(config.s3, undefined);
});

test('a real backend is configured by URL', () => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/du',
    S3_ENDPOINT: 'http://127.0.0.1:7480',
    S3_ACCESS_KEY_ID: 'a',
    S3_SECRET_ACCESS_KEY: 'b',
  });
  assert.is(config.databaseUrl, 'postgres://u:p@127.0.0.1:5432/du');
  assert.equal(config.s3, { endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 'b' });
});

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  assert.unreachable('loadConfig should have thrown');
  return '';
}

test('a wrong value names its variable', () => {
  assert.match(configError({ PORT: 'huit' }), 'PORT');
  assert.match(configError({ PORT: '70000' }), 'PORT');
  assert.match(configError({ DATABASE_URL: 'mysql://x' }), 'DATABASE_URL');
  assert.match(configError({ LOG_LEVEL: 'loud' }), 'LOG_LEVEL');
  assert.match(configError({ OCR_WORKERS: '0' }), 'OCR_WORKERS');
  assert.match(configError({ S3_BUCKET_PREFIX: 'Bad_Prefix' }), 'S3_BUCKET_PREFIX');
});

test('the lot lease: two minutes unless set, in whole seconds', () => {
  assert.is(loadConfig({}).lotLeaseSeconds, 120);
  assert.is(loadConfig({ LOT_LEASE_SECONDS: '3' }).lotLeaseSeconds, 3);
  assert.match(configError({ LOT_LEASE_SECONDS: '0' }), 'LOT_LEASE_SECONDS');
  assert.match(configError({ LOT_LEASE_SECONDS: '1.5' }), 'LOT_LEASE_SECONDS');
});

test('a lot is taken three times unless set, then set aside', () => {
  assert.is(loadConfig({}).lotMaxAttempts, 3);
  assert.is(loadConfig({ LOT_MAX_ATTEMPTS: '1' }).lotMaxAttempts, 1);
  assert.match(configError({ LOT_MAX_ATTEMPTS: '0' }), 'LOT_MAX_ATTEMPTS');
  assert.match(configError({ LOT_MAX_ATTEMPTS: 'trois' }), 'LOT_MAX_ATTEMPTS');
});

test('every wrong variable is named at once', () => {
  const message = configError({ PORT: 'x', LOG_LEVEL: 'y' });
  assert.match(message, 'PORT');
  assert.match(message, 'LOG_LEVEL');
});

test('an S3 endpoint without credentials is refused', () => {
  assert.match(configError({ S3_ENDPOINT: 'http://127.0.0.1:9000' }), 'S3_ACCESS_KEY_ID');
});

test.run();
