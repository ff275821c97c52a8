import { eventStoreEnv, httpUrl, logLevel, port, positiveInt, postgresUrl, z } from '@adminduk/config';
import type { EventStoreChoice } from '@adminduk/event-store';
import { rateLimitEnv, rateLimitsFrom, type RateLimitSettings } from '@adminduk/http';
import { storageConfigFromEnv, storageEnvSchema, type MinioStorageConfig } from '@adminduk/storage';
import type { ContentCheckOptions } from './upload/content-check';

export interface DocumentsConfig {
  port: number;
  databaseUrl: string;
  /** EVENT_STORE / EVENTSTOREDB_URL (postgres when absent). */
  eventStore?: EventStoreChoice;
  auth: { jwksUrl: string; issuer: string; audience: string };
  storage: MinioStorageConfig;
  /** Largest accepted scan, enforced while streaming. */
  maxUploadBytes: number;
  /** An upload taking longer is cut off (server request timeout). */
  uploadTimeoutMs: number;
  /** Pending intents older than this are swept; must exceed uploadTimeoutMs. */
  orphanMaxAgeMs: number;
  /** 0 disables the background sweeper (tests call sweepOnce). */
  sweepIntervalMs: number;
  /** Content checks of spooled uploads (a PDF must parse, an image decode): see upload/content-check.ts. */
  contentCheck: ContentCheckOptions;
  /** Throttling: the RATE_LIMIT_* variables of the validated config (libs/http rate-limit.ts). */
  rateLimits?: RateLimitSettings;
  logLevel: z.infer<ReturnType<typeof logLevel>>;
}

/** Production credentials (S3 keys, https, a database password) are checked by loadConfig (libs/config). */
export const documentsEnvSchema = storageEnvSchema
  .merge(eventStoreEnv())
  .merge(rateLimitEnv)
  .extend({
    PORT: port().default('3105'),
    DATABASE_URL: postgresUrl(),
    AUTH_JWKS_URL: httpUrl(),
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().default('adminduk'),
    DOCUMENTS_MAX_UPLOAD_BYTES: positiveInt().default(String(10 * 1024 * 1024)),
    DOCUMENTS_UPLOAD_TIMEOUT_SEC: positiveInt().default('300'),
    DOCUMENTS_ORPHAN_MAX_AGE_SEC: positiveInt().default('900'),
    DOCUMENTS_SWEEP_INTERVAL_SEC: positiveInt().default('60'),
    DOCUMENTS_MAX_IMAGE_MEGAPIXELS: positiveInt().default('25'),
    DOCUMENTS_CHECK_CONCURRENCY: positiveInt().default('2'),
    DOCUMENTS_CHECK_TIMEOUT_SEC: positiveInt().default('60'),
    LOG_LEVEL: logLevel().default('info'),
  })
  .refine((e) => e.DOCUMENTS_ORPHAN_MAX_AGE_SEC > e.DOCUMENTS_UPLOAD_TIMEOUT_SEC, {
    path: ['DOCUMENTS_ORPHAN_MAX_AGE_SEC'],
    message: 'must be greater than DOCUMENTS_UPLOAD_TIMEOUT_SEC (a live upload must never be swept)',
  });

export function documentsConfigFromEnv(env: z.infer<typeof documentsEnvSchema>): DocumentsConfig {
  return {
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    eventStore: { EVENT_STORE: env.EVENT_STORE, EVENTSTOREDB_URL: env.EVENTSTOREDB_URL },
    auth: { jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
    storage: storageConfigFromEnv(env),
    maxUploadBytes: env.DOCUMENTS_MAX_UPLOAD_BYTES,
    uploadTimeoutMs: env.DOCUMENTS_UPLOAD_TIMEOUT_SEC * 1000,
    orphanMaxAgeMs: env.DOCUMENTS_ORPHAN_MAX_AGE_SEC * 1000,
    sweepIntervalMs: env.DOCUMENTS_SWEEP_INTERVAL_SEC * 1000,
    contentCheck: {
      maxImageMegapixels: env.DOCUMENTS_MAX_IMAGE_MEGAPIXELS,
      concurrency: env.DOCUMENTS_CHECK_CONCURRENCY,
      timeoutMs: env.DOCUMENTS_CHECK_TIMEOUT_SEC * 1000,
    },
    rateLimits: rateLimitsFrom(env),
    logLevel: env.LOG_LEVEL,
  };
}
