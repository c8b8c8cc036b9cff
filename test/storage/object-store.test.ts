import fs from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StorageError, type ObjectStore, type ObjectStoreOptions } from '../../storage/object-store.ts';
import { backendNames, tempDir, testObjectStore } from '../support/backends.ts';

const store = suite<{ store: ObjectStore; options: ObjectStoreOptions; close(): Promise<void> }>(`object store over HTTP (${backendNames.s3})`);

store.before(async (context) => {
  Object.assign(context, await testObjectStore());
});
store.after(async (context) => context.close());

const pdfBytes = Buffer.from('%PDF-1.7\n% pièce justificative\n'.repeat(2000));

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

store('put then get returns the same bytes and their SHA-256', async ({ store }) => {
  const put = await store.put('pieces', 'a1', pdfBytes, { contentType: 'application/pdf' });
  assert.is(put.size, pdfBytes.length);
  const got = await store.get('pieces', 'a1');
  assert.is(got.sha256, put.sha256);
  assert.is(got.contentType, 'application/pdf');
  assert.ok((await text(got.body)).equals(pdfBytes));
});

store('a file is streamed from disk with its exact length', async ({ store }) => {
  const dir = await tempDir();
  const file = path.join(dir, 'lot.pdf');
  const big = Buffer.alloc(6 * 1024 * 1024, 7);
  await fs.writeFile(file, big);
  const put = await store.put('originaux', 'lot-1', { path: file });
  assert.is(put.size, big.length);
  const head = await store.head('originaux', 'lot-1');
  assert.is(head?.size, big.length);
  assert.is(head?.sha256, put.sha256);
  assert.ok((await store.getBuffer('originaux', 'lot-1')).equals(big));
  await fs.rm(dir, { recursive: true });
});

store('head of a missing object is null, get is introuvable', async ({ store }) => {
  assert.is(await store.head('pieces', 'absent'), null);
  try {
    await store.get('pieces', 'absent');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, StorageError);
    assert.is((error as StorageError).code, 'introuvable');
  }
});

store('copy to another bucket keeps bytes and hash; delete removes', async ({ store }) => {
  await store.put('pieces', 'c1', pdfBytes);
  await store.copy({ bucket: 'pieces', key: 'c1' }, { bucket: 'quarantaine', key: 'c1' });
  assert.ok((await store.getBuffer('quarantaine', 'c1')).equals(pdfBytes));
  await store.delete('pieces', 'c1');
  assert.is(await store.head('pieces', 'c1'), null);
  const keys: string[] = [];
  for await (const item of store.list('quarantaine')) keys.push(item.key);
  assert.ok(keys.includes('c1'));
});

store('a range read returns the slice', async ({ store }) => {
  await store.put('pieces', 'r1', pdfBytes);
  const got = await store.get('pieces', 'r1', { start: 0, end: 7 });
  assert.is((await text(got.body)).toString(), '%PDF-1.7');
});

store('a presigned GET fetches the object over HTTP without credentials', async ({ store }) => {
  await store.put('pieces-sensibles', 'p1', pdfBytes, { contentType: 'application/pdf' });
  const url = await store.presignGet('pieces-sensibles', 'p1', 60);
  const response = await fetch(url);
  assert.is(response.status, 200);
  assert.ok(Buffer.from(await response.arrayBuffer()).equals(pdfBytes));
  // s3rver serves unsigned reads; a real S3 server must refuse them
  if (backendNames.s3 !== 'embedded-s3') {
    const unsigned = await fetch(url.split('?')[0]!);
    assert.is.not(unsigned.status, 200);
  }
});

store('bytes altered behind the service are detected on read', async ({ store, options }) => {
  const put = await store.put('pieces', 't1', pdfBytes);
  // Overwrite the content while keeping the recorded hash, as a faulty disk or a rogue writer would.
  const raw = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const tampered = Buffer.from(pdfBytes);
  tampered[100] = 0x41;
  await raw.send(new PutObjectCommand({ Bucket: `${options.bucketPrefix}-pieces`, Key: 't1', Body: tampered, Metadata: { sha256: put.sha256 } }));
  try {
    await store.getBuffer('pieces', 't1');
    assert.unreachable('tampered bytes were returned');
  } catch (error) {
    assert.instance(error, StorageError);
    assert.is((error as StorageError).code, 'integrite_compromise');
  }
});

store.run();
