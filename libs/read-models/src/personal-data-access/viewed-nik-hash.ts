import { createHash } from 'node:crypto';

/**
 * SHA-256 of a NIK whose data was viewed: the key of the personal-data access log
 * (personal_data_access.subject_nik_hashes), so the log answers "who saw this person's data"
 * without holding the NIK itself. Prefixed per purpose like motherNikHash, so the two keys of one
 * NIK differ and one table's hashes cannot be joined with the other's.
 */
export function viewedNikHash(nik: string): string {
  return createHash('sha256').update(`adminduk/viewed-nik/${nik}`).digest('hex');
}
