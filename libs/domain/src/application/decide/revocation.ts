import { conflict, invalid } from '../../shared/domain-error';
import type { DecideContext, RevokeSignedKk } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState, type ApplicationStatus } from '../application.events';
import { unsafeTextProblem } from '../../shared/safe-text';
import { iso, requireRole, staffRef } from '../guards';
import { statusLabel } from '../status';

/** A signed KK stays revocable after it left the office: printed, collected or self-printed. */
const REVOCABLE: readonly ApplicationStatus[] = ['signed', 'collected', 'self-printed'];
export const REVOCATION_REASON_MIN = 3;
export const REVOCATION_REASON_MAX = 500;
/** 16 digits in a row: a NIK or a No. KK. The reason is shown to staff and kept for good, so none goes in. */
const NIK_OR_KK = /\d{16}/;

/**
 * The penandatangan revokes a signed KK (issued in error, on a court order...). The only command a
 * closed application still takes: a card already handed over can still be wrong. Revoked once; the
 * status stays, `revokedAt` marks it, and printing or handing it over is refused from then on.
 */
export function decideRevocation(cmd: RevokeSignedKk, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireRole(cmd.actor, ['penandatangan'], 'Hanya pejabat penandatangan (TTE) yang dapat mencabut KK.');
  if (state.revokedAt) throw conflict('REVOKE_ALREADY_REVOKED', 'KK ini sudah dicabut.');
  if (!REVOCABLE.includes(state.status) || !state.signedDocument) {
    throw conflict('REVOKE_NOT_SIGNED', `Hanya KK yang sudah ditandatangani yang dapat dicabut (status: ${statusLabel(state.status)}).`);
  }
  const raw: unknown = cmd.data?.reason;
  const reason = typeof raw === 'string' ? raw.trim() : '';
  const message = `Alasan pencabutan wajib diisi (${REVOCATION_REASON_MIN}-${REVOCATION_REASON_MAX} karakter).`;
  if (reason.length < REVOCATION_REASON_MIN || reason.length > REVOCATION_REASON_MAX) {
    throw invalid('VALIDATION_FAILED', message, [{ field: 'reason', code: 'REVOKE_REASON', message }]);
  }
  const unsafe = typeof raw === 'string' ? unsafeTextProblem(raw, { multiline: true }) : undefined;
  if (unsafe)
    throw invalid('VALIDATION_FAILED', `Alasan pencabutan: ${unsafe}`, [{ field: 'reason', code: 'TEXT_UNSAFE', message: unsafe }]);
  if (NIK_OR_KK.test(reason)) {
    const personal = 'Alasan pencabutan tidak boleh memuat NIK atau nomor KK.';
    throw invalid('VALIDATION_FAILED', personal, [{ field: 'reason', code: 'REVOKE_REASON_PERSONAL', message: personal }]);
  }
  return [event('KkRevoked', { documentId: state.signedDocument.documentId, reason, revokedBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}

/** Printing, self-print links and hand-over are refused once the KK is revoked. */
export function requireNotRevoked(state: ApplicationState): void {
  if (state.revokedAt) throw conflict('KK_REVOKED', 'KK ini sudah dicabut dan tidak berlaku; tidak dapat dicetak atau diserahkan.');
}
