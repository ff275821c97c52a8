import { createHash } from 'node:crypto';

/**
 * SHA-256 of a mother's NIK: the duplicate check's key in application_view and
 * application_submissions, and its advisory lock's, so none of them carries the NIK itself.
 */
export function motherNikHash(motherNik: string): string {
  return createHash('sha256').update(`adminduk/mother-nik/${motherNik}`).digest('hex');
}
