import type { Principal } from '@adminduk/auth';
import { ApiError } from '@adminduk/http';
import type { PrintableKkRow } from '@adminduk/read-models';

/** The queue buckets of a signed KK that may still be printed: not revoked, not handed over. */
const PRINTABLE_BUCKETS = new Set(['to-print', 'ready-for-pickup']);

/**
 * Who may read an application's printed products at the counter: the operators of the kecamatan
 * the application was filed at, nobody else (the KK and the receipt carry the family's personal
 * data). The same answer for every route of this service; commands are judged by the domain.
 */
export function requireCounterOperatorOf(principal: Principal, kecamatan: string | undefined): void {
  if (!kecamatan) throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
  if (principal.role !== 'operator-kecamatan' || principal.kecamatan !== kecamatan)
    throw ApiError.forbidden('Hanya operator kecamatan tempat permohonan diajukan yang dapat mencetaknya', 'PRINT_FORBIDDEN');
}

/** The signed KK an operator may print now (from the read models): signed, not revoked, not handed over yet. */
export function printableKk(principal: Principal, row: PrintableKkRow | null): { documentId: string; sha256: string } {
  requireCounterOperatorOf(principal, row?.kecamatan);
  if (row?.documentStatus === 'revoked')
    throw ApiError.conflict('KK ini sudah dicabut dan tidak berlaku; tidak dapat dicetak', 'KK_REVOKED');
  if (!row?.documentId || !row.sha256 || !PRINTABLE_BUCKETS.has(row.bucket))
    throw ApiError.conflict('KK belum ditandatangani atau sudah diserahkan; tidak ada yang dapat dicetak', 'PRINT_NOT_SIGNED');
  return { documentId: row.documentId, sha256: row.sha256 };
}
