import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export type EmbeddedS3 = {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
};

/**
 * Starts an S3 server on loopback over a folder, so that the embedded set-up speaks the real S3
 * protocol through the same client code as MinIO, Ceph RGW or AWS. It does not check checksums:
 * the object store verifies SHA-256 itself.
 */
export async function startEmbeddedS3(directory: string, port = 0): Promise<EmbeddedS3> {
  await fs.mkdir(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, vhostBuckets: false });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    // s3rver's fixed credentials: the server only listens on loopback
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    close: () => server.close(),
  };
}
