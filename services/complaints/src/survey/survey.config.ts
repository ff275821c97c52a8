import { isDevelopmentOrTest, positiveInt, z, type AdmindukEnv } from '@adminduk/config';
import { selfPrintVerifierEnv } from '@adminduk/self-print-token';

/**
 * The development guard key: public (it is in this repository), so refused outside development and
 * test, like the development link key.
 */
export const DEV_SURVEY_RESPONSE_KEY = 'ZGV2LW9ubHktc3VydmV5LXJlc3BvbnNlLWtleS0wMDE';
/** The development seed of the survey links this service mints on the tracking page: public too, refused likewise. */
export const DEV_SURVEY_LINK_SEED = 'ZGV2LW9ubHktc3VydmV5LWxpbmstc2VlZC0wMDAwMDE';

/**
 * The IKM survey's settings in the complaints service: the public keys its links are checked with
 * (the platform's link key, SELF_PRINT_PUBLIC_KEYS: the token's purpose byte keeps a survey link from
 * opening anything else), the key of the one-per-application guard, and how long an invitation works.
 */
export const surveyEnv = selfPrintVerifierEnv.pick({ SELF_PRINT_PUBLIC_KEYS: true }).extend({
  /** 32 bytes, base64url: HMAC key of the response guard (decision 0020). Losing it only reopens the guard. */
  SURVEY_RESPONSE_KEY: z
    .string()
    .default(DEV_SURVEY_RESPONSE_KEY)
    .refine((v) => Buffer.from(v.trim(), 'base64url').length === 32, 'must be a 32-byte key in base64url'),
  /**
   * 32-byte Ed25519 seed, base64url: the key the survey links offered on the tracking page (/lacak)
   * are signed with. Only this service trusts its public key (printing does not), so a token it signs
   * opens a survey here and nothing anywhere else (decision 0020, addendum).
   */
  SURVEY_LINK_SIGNING_SEED: z
    .string()
    .default(DEV_SURVEY_LINK_SEED)
    .refine((v) => Buffer.from(v.trim(), 'base64url').length === 32, 'must be a 32-byte seed in base64url'),
  /** Days an invitation can be answered: a month leaves time to use the KK before judging the service. */
  SURVEY_LINK_VALIDITY_DAYS: positiveInt().default('30'),
});

export type SurveyConfig = z.infer<typeof surveyEnv>;

export function surveyKeyProblems(env: AdmindukEnv, c: SurveyConfig): string[] {
  if (isDevelopmentOrTest(env)) return [];
  return [
    ...(c.SURVEY_RESPONSE_KEY.trim() === DEV_SURVEY_RESPONSE_KEY
      ? ['SURVEY_RESPONSE_KEY must not be the development key in production']
      : []),
    ...(c.SURVEY_LINK_SIGNING_SEED.trim() === DEV_SURVEY_LINK_SEED
      ? ['SURVEY_LINK_SIGNING_SEED must not be the development seed in production']
      : []),
  ];
}
