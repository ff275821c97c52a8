import { loadConfig, positiveInt, z } from '@adminduk/config';
import { commandReceiverEnv, serviceEnv } from '@adminduk/http';

export const verificationEnv = serviceEnv.merge(commandReceiverEnv).extend({
  READ_MODEL_DATABASE_URL: z.string().optional(),
  /** How often missed correction deadlines are looked for; the standard's 12:00 WIB is met within a minute. */
  DEADLINE_SCAN_INTERVAL_MS: positiveInt().default('15000'),
});
export type VerificationConfig = z.infer<typeof verificationEnv>;

export const loadVerificationConfig = (env: NodeJS.ProcessEnv = process.env): VerificationConfig =>
  loadConfig(verificationEnv, { PORT: '3106', ...env });
