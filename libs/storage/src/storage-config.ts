import { z } from 'zod';
import type { MinioStorageConfig } from './minio-object-storage';

/** Environment for any service that stores objects (docs/storage.md). */
export const storageEnvSchema = z.object({
  S3_ENDPOINT: z.string().url('must be an http(s):// URL').default('http://127.0.0.1:9000'),
  S3_ACCESS_KEY: z.string().default('S3RVER'),
  S3_SECRET_KEY: z.string().default('S3RVER'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .default('adminduk-documents'),
  S3_REGION: z.string().default('us-east-1'),
  S3_SSE_KMS_KEY_ID: z.string().optional(),
  S3_SPOOL_DIR: z.string().optional(),
});

export type StorageEnv = z.infer<typeof storageEnvSchema>;

export function storageConfigFromEnv(env: StorageEnv): MinioStorageConfig {
  return {
    endpoint: env.S3_ENDPOINT,
    accessKey: env.S3_ACCESS_KEY,
    secretKey: env.S3_SECRET_KEY,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    sseKmsKeyId: env.S3_SSE_KMS_KEY_ID,
    spoolDir: env.S3_SPOOL_DIR,
  };
}
