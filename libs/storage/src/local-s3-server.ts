// s3rver ships no types; the reference makes its declaration part of every project that builds this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./s3rver.d.ts" />
import { mkdir } from 'node:fs/promises';
import { replaceS3rverListing } from './local-s3-prefix-listing';

export interface LocalS3Server {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  close(): Promise<void>;
}

export interface LocalS3Options {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  directory: string;
  /** Wipe the data directory on close (tests). */
  resetOnClose?: boolean;
}

/**
 * S3-compatible server from the npm `s3rver` package, for development and CI where no MinIO runs.
 * It does NOT verify request signatures: fine for storage behaviour, never for authorization tests.
 */
export async function startLocalS3(o: LocalS3Options): Promise<LocalS3Server> {
  await mkdir(o.directory, { recursive: true });
  // Loaded lazily: services import this lib but only dev tools and tests start a server.
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({
    address: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    directory: o.directory,
    silent: true,
    resetOnClose: o.resetOnClose ?? false,
  });
  const { default: S3Object } = await import('s3rver/lib/models/object');
  replaceS3rverListing(server.store, (bucket, key, metadata) => new S3Object(bucket, key, null, metadata));
  const address = await server.run();
  return {
    endpoint: `http://${address.address}:${address.port}`,
    // s3rver's fixed credentials; it accepts any signature anyway.
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    close: () => server.close(),
  };
}
