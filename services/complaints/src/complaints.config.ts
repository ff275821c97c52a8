import { admindukEnv, httpUrl, loadConfig, positiveInt, z } from '@adminduk/config';
import { authEnv, serviceEnv } from '@adminduk/http';
import { complaintTrackingEnv } from '@adminduk/self-print-token';
import { surveyEnv } from './survey/survey.config';

/**
 * The complaints service (pengaduan, saran, apresiasi): the event store and read models
 * (serviceEnv), the identity provider that signs staff tokens, how often missed handling deadlines
 * are looked for, and where SP4N-LAPOR answers (unset: only the file import/export is available).
 */
/** With the IKM survey's settings (survey/survey.config.ts) and the tracking codes' key (libs/self-print-token). */
const sharedEnv = serviceEnv.merge(authEnv).merge(surveyEnv).merge(complaintTrackingEnv);

export const complaintsEnv = sharedEnv.extend({
  ADMINDUK_ENV: admindukEnv(),
  /** The complaint view and the holiday calendar; defaults to DATABASE_URL. */
  READ_MODEL_DATABASE_URL: z.string().optional(),
  /** How often missed verification/answer deadlines are looked for (escalation to the camat). */
  DEADLINE_SCAN_INTERVAL_MS: positiveInt().default('60000'),
  /** SP4N-LAPOR's API base URL (a stand-in in tests); unset: manual file import/export only. */
  LAPOR_API_URL: httpUrl().optional(),
});

export type ComplaintsConfig = z.infer<typeof complaintsEnv>;

export const loadComplaintsConfig = (env: NodeJS.ProcessEnv = process.env, options?: Parameters<typeof loadConfig>[2]): ComplaintsConfig =>
  loadConfig(complaintsEnv, { PORT: '3110', ...env }, options);
