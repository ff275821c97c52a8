import { conflict } from '../../shared/domain-error';
import type { DecideContext, RejectApplication, WithdrawApplication } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState } from '../application.events';
import { iso, optionalText, requireOpen, requireOperatorOf, requireStatus, requireSubmitterSide, requireText, staffRef } from '../guards';

/** Withdrawal by the applicant (or the staff who took the file, on the applicant's written request) before signing. */
export function decideWithdrawal(cmd: WithdrawApplication, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireSubmitterSide(cmd.actor, state);
  requireOpen(state);
  if (state.status === 'signed') throw conflict('WITHDRAW_AFTER_SIGNING', 'Permohonan tidak dapat dibatalkan setelah KK ditandatangani.');
  requireStatus(
    state,
    ['submitted', 'correction-requested', 'awaiting-signature'],
    'withdraw.not-possible',
    'Permohonan tidak dapat dibatalkan',
  );
  const reason = optionalText(cmd.data?.reason, 'reason', 'Alasan pembatalan');
  return [event('ApplicationWithdrawn', { ...(reason ? { reason } : {}), withdrawnBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}

/** Rejection by the kecamatan operator, with a reason, before signing. */
export function decideRejection(cmd: RejectApplication, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireOpen(state);
  if (state.status === 'signed') throw conflict('REJECT_AFTER_SIGNING', 'Permohonan tidak dapat ditolak setelah KK ditandatangani.');
  requireStatus(
    state,
    ['submitted', 'correction-requested', 'awaiting-signature'],
    'reject.not-possible',
    'Permohonan tidak dapat ditolak',
  );
  const reason = requireText(cmd.data?.reason, 'reason', 'Alasan penolakan');
  return [event('ApplicationRejected', { reason, rejectedBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}
