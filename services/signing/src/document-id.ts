import { createHmac } from 'node:crypto';

/**
 * The KK document id for an application: an HMAC of the application id under a server secret,
 * shaped as a UUID. Deterministic, so a retried signing reuses the same id (same object key, same
 * QR code); keyed, so nobody can derive a document's public URL from an application id.
 */
export function kkDocumentId(applicationId: string, secret: string): string {
  const h = createHmac('sha256', secret).update(`kk-document:${applicationId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8 (custom)
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
