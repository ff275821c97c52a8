import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApplicationState } from '@adminduk/domain';

/**
 * The public status lookup's second factor (GET /api/public/lacak): the applicant's date of birth
 * and the last four digits of their NIK, kept only as a SHA-256 bound to the application, so the
 * view holds neither value for this purpose and a key matches one application only.
 */
export function trackingKey(applicationId: string, birthDate: string, nikLastFour: string): string {
  return createHash('sha256').update(`adminduk/tracking/${applicationId}/${birthDate}/${nikLastFour}`).digest('hex');
}

/** The key of an application's applicant (a member of the KK, so their row has the birth date); null if unknown. */
export function trackingKeyOf(applicationId: string, state: ApplicationState): string | null {
  const nik = state.applicant?.nik;
  const birthDate = state.family?.anggota.find((m) => m.nik === nik)?.tanggalLahir;
  if (typeof nik !== 'string' || nik.length !== 16 || typeof birthDate !== 'string') return null;
  return trackingKey(applicationId, birthDate, nik.slice(-4));
}

/** Constant-time comparison of two keys (hex SHA-256). */
export function trackingKeysMatch(stored: string | null, given: string): boolean {
  if (stored === null || stored.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(given));
}
