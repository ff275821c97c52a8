import path from 'node:path';
import { admindukEnv, booleanFlag, httpUrl, isDevelopmentOrTest, loadConfig, positiveInt, z } from '@adminduk/config';

/** Where infra/dev-pki.sh writes the development CA and signer: never used in production. */
export const DEV_PKI_DIR = '.local/pki/';
const isDevPki = (file: string) => `/${path.normalize(file)}`.includes(`/${DEV_PKI_DIR}`);

/**
 * Signer settings of the signing service. Merged into the service's full environment (NATS,
 * PostgreSQL, storage) when the event wiring lands.
 */
export const signerEnv = z
  .object({
    ADMINDUK_ENV: admindukEnv(),
    SIGNER_KIND: z.enum(['pkcs12', 'remote-tte']).default('pkcs12'),
    /** Local signer: PKCS#12 written by infra/dev-pki.sh, and the file holding its passphrase. */
    SIGNER_P12_PATH: z.string().default('.local/pki/signer.p12'),
    SIGNER_P12_PASSPHRASE_FILE: z.string().default('.local/pki/signer.passphrase'),
    /** Remote TTE provider (BSrE-style). */
    TTE_BASE_URL: httpUrl().optional(),
    TTE_CLIENT_ID: z.string().optional(),
    TTE_CLIENT_SECRET: z.string().optional(),
    TTE_MODE: z.enum(['pdf', 'hash']).default('hash'),
    TTE_TIMEOUT_MS: positiveInt().default('30000'),
    /** PEM files of the CAs a signature must chain to, comma-separated (signing checks and public verification). */
    TRUSTED_CA_FILES: z
      .string()
      .default('.local/pki/ca.crt.pem')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Base of the public verification URL in the QR code. */
    PUBLIC_BASE_URL: httpUrl(),
    /** Key for document ids (kkDocumentId); keep it stable, or QR links of re-signed KKs change. */
    DOCUMENT_ID_SECRET: z.string().min(16, 'must be at least 16 characters'),
    /** Development only: sign as soon as an application awaits signature. */
    SIGNING_AUTO: booleanFlag().default('false'),
    /**
     * Auto-sign: applications signed at once. Each waits mostly on PostgreSQL and the storage (load,
     * list, put, append), not on the ~10 ms of CPU the KK takes: one at a time, a loaded machine signed
     * fewer than 1 KK/s.
     */
    SIGNING_AUTO_CONCURRENCY: positiveInt().default('8'),
    KEPALA_DINAS_NAMA: z.string().min(1),
    KEPALA_DINAS_NIP: z.string().regex(/^\d{18}$/, 'must be an 18-digit NIP'),
    KEPALA_DINAS_JABATAN: z.string().optional(),
    KK_KABUPATEN_KOTA: z.string().default('SIDOARJO'),
    KK_PROVINSI: z.string().default('JAWA TIMUR'),
  })
  .superRefine((c, ctx) => {
    if (c.SIGNER_KIND === 'remote-tte') {
      for (const key of ['TTE_BASE_URL', 'TTE_CLIENT_ID', 'TTE_CLIENT_SECRET'] as const) {
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SIGNER_KIND=remote-tte' });
      }
    }
    if (c.SIGNING_AUTO && !isDevelopmentOrTest(c.ADMINDUK_ENV)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SIGNING_AUTO'],
        message: 'is for development and test only; a penandatangan must approve in production',
      });
    }
    if (!isDevelopmentOrTest(c.ADMINDUK_ENV)) {
      const files = {
        TRUSTED_CA_FILES: c.TRUSTED_CA_FILES,
        ...(c.SIGNER_KIND === 'pkcs12'
          ? { SIGNER_P12_PATH: [c.SIGNER_P12_PATH], SIGNER_P12_PASSPHRASE_FILE: [c.SIGNER_P12_PASSPHRASE_FILE] }
          : {}),
      };
      for (const [key, list] of Object.entries(files)) {
        if (list.some(isDevPki))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `must not be the development PKI (${DEV_PKI_DIR}, infra/dev-pki.sh) in production`,
          });
      }
    }
    if (c.SIGNING_AUTO && c.SIGNER_KIND !== 'pkcs12') {
      ctx.addIssue({
        code: 'custom',
        path: ['SIGNING_AUTO'],
        message: 'needs SIGNER_KIND=pkcs12 (a remote signer needs the signer’s passphrase)',
      });
    }
  });

export type SignerConfig = z.infer<typeof signerEnv>;

export const loadSignerConfig = (env: NodeJS.ProcessEnv = process.env, options?: Parameters<typeof loadConfig>[2]): SignerConfig =>
  loadConfig(signerEnv, env, options);
