import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ComplaintEvent } from '@adminduk/domain';
import { complaintsByIdPrefix, type SqlClient, type TrackedComplaint } from '@adminduk/read-models';

/**
 * How a complainant follows their complaint without an account (docs/complaints.md, "Following a
 * complaint"): a tracking number and a code, both given at submission.
 *  - the number, `ADU-XXXX-XXXX-XXXX`, is the first 48 bits of the complaint id in hex: short enough
 *    to copy, and found by a primary-key range, but guessable, so never enough on its own;
 *  - the code, `XXXX-XXXX-XXXX` (Crockford base 32, 60 bits), is HMAC-SHA256(key, complaint id):
 *    nothing secret is stored, a retried submission gets the same code, only this service can make one.
 * An unknown number and a wrong code get the same answer (the lookup is no oracle).
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

  credentialsOf(complaintId: string): { trackingNumber: string; trackingCode: string } {
    return { trackingNumber: trackingNumberOf(complaintId), trackingCode: this.codeOf(complaintId) };
  }

  matches(complaintId: string, given: string): boolean {
    const want = Buffer.from(normalizeCode(this.codeOf(complaintId)));
    const got = Buffer.from(normalizeCode(given));
    return got.length === want.length && timingSafeEqual(want, got);
  }

  /** The complaint the number and code name, or undefined (unknown number and wrong code alike). */
  async find(db: SqlClient, trackingNumber: string, code: string): Promise<TrackedComplaint | undefined> {
    const prefix = idPrefixOf(trackingNumber);
    const rows = prefix ? await complaintsByIdPrefix(db, prefix) : [];
    // The code is computed even when nothing was found, so both refusals cost about the same.
    if (rows.length === 0) this.matches('00000000-0000-0000-0000-000000000000', code);
    return rows.find((r) => this.matches(r.complaintId, code));
  }
}

/** One step as the complainant sees it: what happened and when; no staff notes, units or instructions. */
export interface PublicComplaintStep {
  type: string;
  at: string;
  outcome?: string;
}

export function publicStepsOf(events: readonly ComplaintEvent[]): PublicComplaintStep[] {
  return events.map((e) =>
    e.type === 'ComplaintVerified' ? { type: e.type, at: e.data.at, outcome: e.data.outcome } : { type: e.type, at: e.data.at },
  );
}
