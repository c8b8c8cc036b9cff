import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export const buckets = ['originaux', 'pieces', 'pieces-sensibles', 'quarantaine'] as const;

/** Why the store refused a read: the object is not there, or its bytes no longer match their SHA-256. */
export type StorageErrorCode = 'introuvable' | 'integrite_compromise';

/** The object store's one error: the service maps its code onto its own errors (`asAppError`). */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: StorageErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.details = details;
  }
}
export type Bucket = (typeof buckets)[number];

export type ObjectInfo = { size: number; sha256: string; contentType: string | undefined };
export type ObjectBody = Buffer | { path: string };

export type ObjectStore = {
  ensureBuckets(): Promise<void>;
  ping(): Promise<void>;
  /** Stores an object with the SHA-256 the service computed; returns it. */
  put(bucket: Bucket, key: string, body: ObjectBody, options?: { contentType?: string }): Promise<ObjectInfo>;
  /** A stream that fails at its end if the bytes do not match the stored SHA-256. */
  get(bucket: Bucket, key: string, range?: { start: number; end: number }): Promise<ObjectInfo & { body: Readable }>;
  /** The whole object, verified against its stored SHA-256. */
  getBuffer(bucket: Bucket, key: string): Promise<Buffer>;
  head(bucket: Bucket, key: string): Promise<(ObjectInfo & { lastModified: Date | undefined }) | null>;
  copy(from: { bucket: Bucket; key: string }, to: { bucket: Bucket; key: string }): Promise<void>;
  delete(bucket: Bucket, key: string): Promise<void>;
  list(bucket: Bucket, prefix?: string): AsyncGenerator<{ key: string; size: number; lastModified: Date | undefined }>;
  presignGet(bucket: Bucket, key: string, expiresInSeconds: number, options?: { filename?: string }): Promise<string>;
};

export type ObjectStoreOptions = {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucketPrefix: string;
};

const shaMetadataKey = 'sha256';

async function sha256Of(body: ObjectBody): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  if (Buffer.isBuffer(body)) return { sha256: hash.update(body).digest('hex'), size: body.length };
  let size = 0;
  for await (const chunk of fs.createReadStream(body.path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

function verifying(expected: string, where: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      if (actual === expected) return callback();
      callback(new StorageError('integrite_compromise', `l'objet ${where} ne correspond plus à son empreinte SHA-256`, { expected, actual }));
    },
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound');
}

/** The S3 object store, over any S3 endpoint (path-style): the embedded server, MinIO, Ceph RGW, AWS. */
export function createObjectStore(options: ObjectStoreOptions): ObjectStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    forcePathStyle: true,
    // The SDK's default streaming checksums are stored as chunk framing by some servers and refused
    // by others (FIELD-NOTES): the service computes and verifies SHA-256 itself.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const name = (bucket: Bucket) => `${options.bucketPrefix}-${bucket}`;

  async function head(bucket: Bucket, key: string) {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: name(bucket), Key: key }));
      const sha256 = out.Metadata?.[shaMetadataKey];
      if (!sha256) throw new StorageError('integrite_compromise', `l'objet ${bucket}/${key} n'a pas d'empreinte SHA-256`);
      return { size: out.ContentLength ?? 0, sha256, contentType: out.ContentType, lastModified: out.LastModified };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function get(bucket: Bucket, key: string, range?: { start: number; end: number }) {
    let out;
    try {
      out = await client.send(new GetObjectCommand({ Bucket: name(bucket), Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
    } catch (error) {
      if (isNotFound(error)) throw new StorageError('introuvable', `objet ${bucket}/${key} absent du stockage`);
      throw error;
    }
    const sha256 = out.Metadata?.[shaMetadataKey];
    if (!sha256) throw new StorageError('integrite_compromise', `l'objet ${bucket}/${key} n'a pas d'empreinte SHA-256`);
    const raw = out.Body as Readable;
    // A range cannot be checked against the whole object's hash; whole reads always are.
    const body = range ? raw : raw.pipe(verifying(sha256, `${bucket}/${key}`));
    if (!range) raw.on('error', (error) => body.destroy(error));
    return { body, size: out.ContentLength ?? 0, sha256, contentType: out.ContentType };
  }

  return {
    async ensureBuckets() {
      for (const bucket of buckets) {
        try {
          await client.send(new HeadBucketCommand({ Bucket: name(bucket) }));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          await client.send(new CreateBucketCommand({ Bucket: name(bucket) }));
        }
      }
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: name('pieces') }));
    },

    async put(bucket, key, body, putOptions) {
      const { sha256, size } = await sha256Of(body);
      await client.send(
        new PutObjectCommand({
          Bucket: name(bucket),
          Key: key,
          Body: Buffer.isBuffer(body) ? body : fs.createReadStream(body.path),
          ContentLength: size,
          ContentType: putOptions?.contentType ?? 'application/octet-stream',
          Metadata: { [shaMetadataKey]: sha256 },
        }),
      );
      return { sha256, size, contentType: putOptions?.contentType };
    },

    get,

    async getBuffer(bucket, key) {
      const { body } = await get(bucket, key);
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },

    head,

    async copy(from, to) {
      await client.send(
        new CopyObjectCommand({
          Bucket: name(to.bucket),
          Key: to.key,
          CopySource: `${name(from.bucket)}/${encodeURIComponent(from.key)}`,
          MetadataDirective: 'COPY',
        }),
      );
    },

    async delete(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: name(bucket), Key: key }));
    },

    async *list(bucket, prefix) {
      let token: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket: name(bucket), Prefix: prefix, ContinuationToken: token }));
        for (const item of out.Contents ?? []) {
          if (item.Key) yield { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified };
        }
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    },

    async presignGet(bucket, key, expiresInSeconds, presignOptions) {
      const command = new GetObjectCommand({
        Bucket: name(bucket),
        Key: key,
        ResponseContentDisposition: presignOptions?.filename ? `attachment; filename="${presignOptions.filename}"` : undefined,
      });
      return getSignedUrl(client, command, { expiresIn: Math.min(expiresInSeconds, 300) });
    },
  };
}
