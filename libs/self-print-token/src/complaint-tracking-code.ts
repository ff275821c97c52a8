import { createHmac, timingSafeEqual } from 'node:crypto';
import { isDevelopmentOrTest, z, type AdmindukEnv } from '@adminduk/config';

/**
 * How a complainant follows their complaint without an account (docs/complaints.md, "Following a
 * complaint"): a tracking number and a code, both given at submission (the public form's answer and
 * the "diterima" mail, decision 0019).
 *  - the number, `ADU-XXXX-XXXX-XXXX`, is the first 48 bits of the complaint id in hex: short enough
 *    to copy, and found by a primary-key range, but guessable, so never enough on its own;
 *  - the code, `XXXX-XXXX-XXXX` (Crockford base 32, 60 bits), is HMAC-SHA256(key, complaint id):
 *    nothing secret is stored, a retried submission gets the same code, and only a holder of
 *    `COMPLAINT_TRACKING_KEY` (the complaints service, which checks it, and the notifications
 *    service, which mails it) can make one.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_NUMBER = /^ADU-?[0-9A-F]{4}-?[0-9A-F]{4}-?[0-9A-F]{4}$/;
export const TRACKING_CODE = /^[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}$/;

const groups = (s: string) => s.match(/.{4}/g)!.join('-');

export function trackingNumberOf(complaintId: string): string {
  return `ADU-${groups(complaintId.replace(/-/g, '').slice(0, 12).toUpperCase())}`;
}

/** The id prefix a tracking number names (lower-case hex), or undefined when it is not one. */
export function idPrefixOf(trackingNumber: string): string | undefined {
  const n = trackingNumber.trim().toUpperCase();
  return TRACKING_NUMBER.test(n) ? n.slice(3).replace(/-/g, '').toLowerCase() : undefined;
}

/** As typed: upper case, no separators, the letters people confuse with digits read as those digits. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface ComplaintCredentials {
  trackingNumber: string;
  trackingCode: string;
}

export class ComplaintTrackingCodes {
  constructor(private readonly key: Buffer) {}

  codeOf(complaintId: string): string {
    const mac = createHmac('sha256', this.key).update(`complaint-tracking:${complaintId}`).digest();
    let bits = 0n;
    for (const byte of mac.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
    let out = '';
    for (let i = 0; i < 12; i++) out += ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
    return groups(out);
  }

  credentialsOf(complaintId: string): ComplaintCredentials {
    return { trackingNumber: trackingNumberOf(complaintId), trackingCode: this.codeOf(complaintId) };
  }

  matches(complaintId: string, given: string): boolean {
    const want = Buffer.from(normalizeCode(this.codeOf(complaintId)));
    const got = Buffer.from(normalizeCode(given));
    return got.length === want.length && timingSafeEqual(want, got);
  }
}

/** The development key: public (it is in this repository), so refused outside development and test. */
export const DEV_COMPLAINT_TRACKING_KEY = 'ZGV2LW9ubHktY29tcGxhaW50LXRyYWNraW5nLWtleTE';

/**
 * The key of the complainants' tracking codes, held by the complaints and the notifications service
 * (the same value: one Secret). Rotating it invalidates every code given before (the complaint stays;
 * the complainant asks the petugas pengaduan instead).
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

/** The codes of a validated configuration; a development key in production is a configuration error. */
export function complaintTrackingCodes(env: AdmindukEnv, key: string): ComplaintTrackingCodes {
  const problems = complaintTrackingKeyProblems(env, key);
  if (problems.length > 0) throw new Error(`config error: ${problems.join('; ')}`);
  return new ComplaintTrackingCodes(Buffer.from(key.trim(), 'base64url'));
}
