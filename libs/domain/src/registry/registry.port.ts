import type { JenisKelamin } from '../identifiers/jenis-kelamin';

/**
 * The population registry that issues a newborn's NIK (SIAK in production). The family keeps its
 * No. KK; only the card is re-issued. Implementations must be idempotent per application: asking
 * twice for the same application returns the same NIK.
 */
export interface NikRequest {
  applicationId: string;
  /** Kecamatan where the newborn is first registered: the NIK's region prefix. */
  kecamatan: string;
  tanggalLahir: string; // YYYY-MM-DD
  jenisKelamin: JenisKelamin;
}

export interface NikRegistry {
  assignNewbornNik(request: NikRequest): Promise<string>;
}

/** A source of serial numbers per key (e.g. a PostgreSQL sequence table); numbers are never reused. */
export interface SequenceSource {
  next(key: string): Promise<number>;
}
