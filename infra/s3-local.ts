/**
 * Local S3-compatible server for development and CI (npm `s3rver`, no Docker, no binary download).
 *   node -r @swc-node/register infra/s3-local.ts
 * Listens on S3_LOCAL_HOST:S3_LOCAL_PORT (127.0.0.1:9000); data under .local/s3 (git-ignored).
 * It does not check signatures: never use it to test authorization.
 */
import { join } from 'node:path';
import { startLocalS3 } from '@adminduk/storage';

async function main(): Promise<void> {
  const server = await startLocalS3({
    host: process.env.S3_LOCAL_HOST ?? '127.0.0.1',
    port: Number(process.env.S3_LOCAL_PORT ?? 9000),
    directory: process.env.S3_LOCAL_DIR ?? join(__dirname, '..', '.local', 's3'),
  });
  process.stdout.write(`local S3 listening on ${server.endpoint} (access key ${server.accessKey})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`local S3 failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
