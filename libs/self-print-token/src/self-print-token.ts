import { sign, verify } from 'node:crypto';
import type { SelfPrintSigningKey, SelfPrintVerifyKey } from './self-print-key';

/**
 * The platform's signed link token: which link of which application, for what, until when, signed.
 * Binary and short, so the link fits an SMS: version (1) | purpose (1) | key id (8) | application id
 * (16) | link id (16) | expiry in Unix seconds (4) | Ed25519 signature (64), base64url: 147 characters.
 *
 * Single-purpose: the purpose byte (LINK_PURPOSES) and a context string in the signed message mean a
 * token minted for one purpose (the KK self-print link, the IKM survey invitation) never passes as
 * another: every verifier names the one purpose it accepts.
 * Ed25519 signatures are deterministic, so one grant always gives the same URL: the e-mail can be
 * rendered again (a redelivery) and says the same.
 */
export interface SelfPrintGrant {
  applicationId: string;
  /** The SelfPrintLinkIssued's linkId: the decider knows whether it is still the current link. */
  linkId: string;
  expiresAt: Date;
}

export type SelfPrintTokenCheck =
  | { status: 'valid'; grant: SelfPrintGrant }
  /** Signed by us but past its expiry: the applicant should ask for a new link. */
  | { status: 'expired'; grant: SelfPrintGrant }
  /** Not a token we signed (altered, truncated, unknown key, another purpose). */
  | { status: 'invalid' };

const VERSION = 1;
/** The purposes a link can be signed for, and their byte (never reuse a byte for another purpose). */
export const LINK_PURPOSES = { 'kk-self-print': 1, 'ikm-survey': 2 } as const;
export type LinkPurpose = keyof typeof LINK_PURPOSES;
const CONTEXT = Buffer.from('adminduk/self-print-token/v1\0');
const PAYLOAD_BYTES = 1 + 1 + 8 + 16 + 16 + 4;
const SIGNATURE_BYTES = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest token we would ever accept; anything longer is not parsed at all. */
export const SELF_PRINT_TOKEN_MAX_LENGTH = 200;

function uuidBytes(id: string, what: string): Buffer {
  if (!UUID.test(id)) throw new RangeError(`${what} must be a UUID`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function signSelfPrintToken(grant: SelfPrintGrant, key: SelfPrintSigningKey): string {
  return signLinkToken('kk-self-print', grant, key);
}

export function verifySelfPrintToken(token: unknown, keys: readonly SelfPrintVerifyKey[], now: Date): SelfPrintTokenCheck {
  return verifyLinkToken('kk-self-print', token, keys, now);
}

/** Signs a grant for one purpose; the grant's linkId is the id of whatever the purpose's stream issued. */
export function signLinkToken(purpose: LinkPurpose, grant: SelfPrintGrant, key: SelfPrintSigningKey): string {
  const seconds = Math.floor(grant.expiresAt.getTime() / 1000);
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > 0xffffffff) throw new RangeError('expiresAt out of range');
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload[0] = VERSION;
  payload[1] = LINK_PURPOSES[purpose];
  key.keyId.copy(payload, 2);
  uuidBytes(grant.applicationId, 'applicationId').copy(payload, 10);
  uuidBytes(grant.linkId, 'linkId').copy(payload, 26);
  payload.writeUInt32BE(seconds, 42);
  const signature = sign(null, Buffer.concat([CONTEXT, payload]), key.privateKey);
  return Buffer.concat([payload, signature]).toString('base64url');
}

/**
 * Checks a token of one purpose against the configured public keys (several during a key rotation) and the clock.
 * Never throws on bad input: whatever a visitor typed is just `invalid`.
 */
export function verifyLinkToken(purpose: LinkPurpose, token: unknown, keys: readonly SelfPrintVerifyKey[], now: Date): SelfPrintTokenCheck {
  if (typeof token !== 'string' || token.length > SELF_PRINT_TOKEN_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) {
    return { status: 'invalid' };
  }
  const bytes = Buffer.from(token, 'base64url');
  // Exact length and canonical encoding: an appended or changed character is never ignored.
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes.toString('base64url') !== token) return { status: 'invalid' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (payload[0] !== VERSION || payload[1] !== LINK_PURPOSES[purpose]) return { status: 'invalid' };
  const key = keys.find((k) => k.keyId.equals(payload.subarray(2, 10)));
  if (!key || !verify(null, Buffer.concat([CONTEXT, payload]), key.publicKey, bytes.subarray(PAYLOAD_BYTES))) {
    return { status: 'invalid' };
  }
  const grant: SelfPrintGrant = {
    applicationId: uuidOf(payload.subarray(10, 26)),
    linkId: uuidOf(payload.subarray(26, 42)),
    expiresAt: new Date(payload.readUInt32BE(42) * 1000),
  };
  return grant.expiresAt.getTime() <= now.getTime() ? { status: 'expired', grant } : { status: 'valid', grant };
}

/** The project's own route for a token: `<base>/cetak/<token>` (services/printing serves it). */
export function selfPrintUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/cetak/${token}`;
}

/** The survey page of an invitation token: `<base>/survei/<token>` (the web app's public survey page). */
export function surveyUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/survei/${token}`;
}
