import { readFileSync } from 'node:fs';
import { loadConfig, port, z } from '@adminduk/config';
import { authEnv, rateLimitsFrom, runService, serviceEnv } from '@adminduk/http';
import { storageConfigFromEnv, storageEnvSchema } from '@adminduk/storage';
import { createSigningApp } from './signing-app';
import { loadSignerConfig } from './signing.config';
import { signerFromConfig } from './signer-from-config';

const env = loadConfig(
  serviceEnv
    .merge(authEnv)
    .merge(storageEnvSchema)
    .extend({ PORT: port().default('3107'), READ_MODEL_DATABASE_URL: z.string().optional() }),
);
const signerConfig = loadSignerConfig();

void runService(
  'signing',
  env.PORT,
  async (logger) => {
    if (signerConfig.SIGNING_AUTO)
      logger.warn('SIGNING_AUTO is on: every application is signed as soon as its newborn NIK is assigned (development only)');
    const signing = await createSigningApp({
      databaseUrl: env.DATABASE_URL,
      eventStore: env,
      rateLimits: rateLimitsFrom(env),
      readModelUrl: env.READ_MODEL_DATABASE_URL,
      auth: { jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
      storage: storageConfigFromEnv(env),
      signer: signerFromConfig(signerConfig),
      trustedCertificates: signerConfig.TRUSTED_CA_FILES.map((f) => readFileSync(f, 'utf8')),
      office: {
        publicBaseUrl: signerConfig.PUBLIC_BASE_URL,
        kepalaDinas: {
          nama: signerConfig.KEPALA_DINAS_NAMA,
          nip: signerConfig.KEPALA_DINAS_NIP,
          jabatan: signerConfig.KEPALA_DINAS_JABATAN,
        },
        kabupatenKota: signerConfig.KK_KABUPATEN_KOTA,
        provinsi: signerConfig.KK_PROVINSI,
      },
      documentIdSecret: signerConfig.DOCUMENT_ID_SECRET,
      autoSign: signerConfig.SIGNING_AUTO ? { env, concurrency: signerConfig.SIGNING_AUTO_CONCURRENCY } : undefined,
      logger,
    });
    return signing.app;
  },
  env.LOG_LEVEL,
);
