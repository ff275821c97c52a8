import { admindukEnv, httpUrl, loadConfig, z } from '@adminduk/config';
import { authEnv, serviceEnv } from '@adminduk/http';
import { selfPrintVerifierEnv } from '@adminduk/self-print-token';
import { storageEnvSchema } from '@adminduk/storage';

/**
 * The printing service: the event store and read models (serviceEnv), the identity provider that
 * signs operators' tokens, the object storage holding signed KKs (the signing service's bucket), and
 * the public base URL the tanda terima's QR code points at.
 */
export const printingEnv = serviceEnv.merge(authEnv).merge(storageEnvSchema).merge(selfPrintVerifierEnv).extend({
  ADMINDUK_ENV: admindukEnv(),
  /** Print queue, counts and the holiday calendar; defaults to DATABASE_URL. */
  READ_MODEL_DATABASE_URL: z.string().optional(),
  /** Public site: the receipt's QR code opens `${PUBLIC_BASE_URL}/lacak?nomor=<receipt number>`. */
  PUBLIC_BASE_URL: httpUrl(),
});

export type PrintingConfig = z.infer<typeof printingEnv>;

export const loadPrintingConfig = (env: NodeJS.ProcessEnv = process.env, options?: Parameters<typeof loadConfig>[2]): PrintingConfig =>
  loadConfig(printingEnv, { PORT: '3108', ...env }, options);
