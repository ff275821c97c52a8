import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLocalS3 } from '../local-s3-server';

export interface TestS3 {
  kind: 'env' | 'minio-container' | 's3rver';
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** Why a stronger server was not used (printed once), or null. */
  note: string | null;
  close(): Promise<void>;
}

/**
 * An S3 server for one test suite, strongest first:
 *   1. S3_TEST_ENDPOINT (+ S3_TEST_ACCESS_KEY / S3_TEST_SECRET_KEY): a real MinIO in CI;
 *   2. MinIO through testcontainers where a Docker engine has the MinIO image locally (nothing is
 *      pulled: these machines reach no image registry) and `testcontainers` is installed;
 *   3. s3rver on a random port with a throw-away directory.
 * Each suite should still use its own bucket so suites can share a server.
 */
export async function startTestS3(): Promise<TestS3> {
  const env = process.env.S3_TEST_ENDPOINT;
  if (env) {
    return {
      kind: 'env',
      endpoint: env,
      accessKey: process.env.S3_TEST_ACCESS_KEY ?? 'minioadmin',
      secretKey: process.env.S3_TEST_SECRET_KEY ?? 'minioadmin',
      note: null,
      close: async () => undefined,
    };
  }
  let note: string | null;
  if (await dockerHasImage(MINIO_IMAGE)) {
    const container = await startMinioContainer();
    if ('endpoint' in container) return container;
    note = container.reason;
  } else {
    note = `no Docker engine with ${MINIO_IMAGE} present locally: real MinIO skipped, using s3rver`;
  }
  const dir = join(tmpdir(), `adminduk-s3-${randomBytes(4).toString('hex')}`);
  const server = await startLocalS3({ port: 0, directory: dir, resetOnClose: true });
  return { kind: 's3rver', note, ...server };
}

/** False without an engine too. An engine may run here (the container smoke test) but can pull nothing. */
function dockerHasImage(image: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('docker', ['image', 'inspect', image], { timeout: 5000 }, (err) => resolve(!err));
  });
}

const MINIO_IMAGE = 'minio/minio:RELEASE.2025-04-22T22-12-26Z';

/** Untested here (these machines have no Docker); kept small and loud on failure. */
async function startMinioContainer(): Promise<TestS3 | { reason: string }> {
  let tc: { GenericContainer: new (image: string) => MinioContainerBuilder };
  try {
    // Optional dependency: only installed where Docker exists (the string keeps tsc from resolving it).
    const name = 'testcontainers';
    tc = (await import(name)) as typeof tc;
  } catch {
    return { reason: 'Docker engine found but the `testcontainers` package is not installed: using s3rver' };
  }
  const started = await new tc.GenericContainer(MINIO_IMAGE)
    .withEnvironment({ MINIO_ROOT_USER: 'minioadmin', MINIO_ROOT_PASSWORD: 'minioadmin' })
    .withCommand(['server', '/data'])
    .withExposedPorts(9000)
    .start();
  return {
    kind: 'minio-container',
    endpoint: `http://${started.getHost()}:${started.getMappedPort(9000)}`,
    accessKey: 'minioadmin',
    secretKey: 'minioadmin',
    note: null,
    close: async () => {
      await started.stop();
    },
  };
}

interface MinioContainerBuilder {
  withEnvironment(env: Record<string, string>): MinioContainerBuilder;
  withCommand(cmd: string[]): MinioContainerBuilder;
  withExposedPorts(...ports: number[]): MinioContainerBuilder;
  start(): Promise<{ getHost(): string; getMappedPort(p: number): number; stop(): Promise<unknown> }>;
}
