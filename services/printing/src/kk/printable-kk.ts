import type { Principal } from '@adminduk/auth';
import type { ApplicationState } from '@adminduk/domain';
import { ApiError } from '@adminduk/http';

/**
 * Who may read an application's printed products at the counter: the operators of the kecamatan
 * the application was filed at, nobody else (the KK and the receipt carry the family's personal
 * data). The same answer for every route of this service; commands are judged by the domain.
 */
export function requireCounterOperatorOf(principal: Principal, state: ApplicationState): void {
  if (state.status === 'none' || !state.kecamatan) throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
  if (principal.role !== 'operator-kecamatan' || principal.kecamatan !== state.kecamatan)
    throw ApiError.forbidden('Hanya operator kecamatan tempat permohonan diajukan yang dapat mencetaknya', 'PRINT_FORBIDDEN');
}

/** The signed KK an operator may print now: signed, not revoked, not handed over yet. */
export function printableKk(principal: Principal, state: ApplicationState): { documentId: string; sha256: string } {
  requireCounterOperatorOf(principal, state);
  if (state.revokedAt) throw ApiError.conflict('KK ini sudah dicabut dan tidak berlaku; tidak dapat dicetak', 'KK_REVOKED');
  if (state.status !== 'signed' || !state.signedDocument)
    throw ApiError.conflict('KK belum ditandatangani atau sudah diserahkan; tidak ada yang dapat dicetak', 'PRINT_NOT_SIGNED');
  return state.signedDocument;
}
