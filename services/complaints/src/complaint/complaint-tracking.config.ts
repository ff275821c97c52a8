import { isDevelopmentOrTest, z, type AdmindukEnv } from '@adminduk/config';

/** The development key: public (it is in this repository), so refused outside development and test. */
export const DEV_COMPLAINT_TRACKING_KEY = 'ZGV2LW9ubHktY29tcGxhaW50LXRyYWNraW5nLWtleTE';

/**
 * The key of the complainants' tracking codes (docs/complaints.md, "Following a complaint"): the code
 * given at submission is HMAC-SHA256(key, complaint id), so nothing secret is stored and a retried
 * submission gets the same code. Rotating it invalidates every code given before (the complaint
 * stays; the complainant asks the petugas pengaduan instead).
 */
export const complaintTrackingEnv = z.object({
  COMPLAINT_TRACKING_KEY: z
    .string()
    .default(DEV_COMPLAINT_TRACKING_KEY)
    .refine((v) => Buffer.from(v.trim(), 'base64url').length === 32, 'must be a 32-byte key in base64url'),
});

export function complaintTrackingKeyProblems(env: AdmindukEnv, key: string): string[] {
  if (isDevelopmentOrTest(env)) return [];
  return key.trim() === DEV_COMPLAINT_TRACKING_KEY ? ['COMPLAINT_TRACKING_KEY must not be the development key in production'] : [];
}
