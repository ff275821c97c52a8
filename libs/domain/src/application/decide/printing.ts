import reprintReasons from '../../../data/reprint-reasons.json';
import { conflict, invalid } from '../../shared/domain-error';
import type { FieldIssue } from '../../identifiers/identifier-result';
import type { DecideContext, RecordPrint, RecordReprint } from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState } from '../application.events';
import { iso, optionalText, requireOperatorOf, requireStatus, staffRef } from '../guards';
import { requireNotRevoked } from './revocation';

/**
 * Why a KK is printed again (code -> Indonesian label, libs/domain/data/reprint-reasons.json, which the
 * web app's reprint form reads too): a fixed list, so the counts an auditor reads add up per reason;
 * `lainnya` needs a note saying what happened.
 */
export const REPRINT_REASONS: Readonly<typeof reprintReasons> = reprintReasons;
export type ReprintReason = keyof typeof REPRINT_REASONS;
export const isReprintReason = (v: unknown): v is ReprintReason => typeof v === 'string' && Object.hasOwn(REPRINT_REASONS, v);

/** A counter workstation's name as the office labels it ("LOKET-1", "pc-pelayanan.2"). */
export const WORKSTATION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function requireWorkstation(value: unknown): string {
  if (typeof value === 'string' && WORKSTATION_PATTERN.test(value)) return value;
  const message = 'Nama komputer/loket pencetak wajib diisi (huruf, angka, titik, - atau _; paling banyak 64 karakter).';
  throw invalid('VALIDATION_FAILED', message, [{ field: 'workstation', code: 'PRINT_WORKSTATION', message }]);
}

/** Printing is for the signed, unrevoked KK of the operator's own kecamatan. */
function requirePrintable(cmd: RecordPrint | RecordReprint, state: ApplicationState): void {
  requireOperatorOf(cmd.actor, state);
  requireStatus(state, ['signed'], 'PRINT_NOT_SIGNED', 'KK belum dapat dicetak sebelum ditandatangani');
  requireNotRevoked(state);
}

/** The first print of the signed KK at the counter, by an operator of its kecamatan, at a named workstation. */
export function decidePrint(cmd: RecordPrint, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requirePrintable(cmd, state);
  if (state.printedAt)
    throw conflict('PRINT_ALREADY_PRINTED', 'KK sudah dicetak; untuk mencetak lagi gunakan cetak ulang dengan alasannya.');
  const workstation = requireWorkstation(cmd.data?.workstation);
  return [event('KkPrinted', { printedBy: staffRef(cmd.actor), workstation, at: iso(ctx.now) })];
}

/** Printing again after a first print, with a reason from the fixed list (and a note for `lainnya`). */
export function decideReprint(cmd: RecordReprint, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requirePrintable(cmd, state);
  if (!state.printedAt) throw conflict('REPRINT_NOT_PRINTED', 'KK belum pernah dicetak; gunakan cetak, bukan cetak ulang.');
  const workstation = requireWorkstation(cmd.data?.workstation);
  const reasonCode: unknown = cmd.data?.reasonCode;
  const issues: FieldIssue[] = [];
  if (!isReprintReason(reasonCode)) {
    issues.push({
      field: 'reasonCode',
      code: 'REPRINT_REASON',
      message: `Alasan cetak ulang wajib dipilih: ${Object.values(REPRINT_REASONS).join(', ')}.`,
    });
  }
  const note = optionalText(cmd.data?.note, 'note', 'Keterangan cetak ulang');
  if (reasonCode === 'lainnya' && !note) {
    issues.push({ field: 'note', code: 'REPRINT_NOTE', message: 'Keterangan wajib diisi bila alasan cetak ulang "Lainnya".' });
  }
  if (issues.length > 0) throw invalid('VALIDATION_FAILED', issues[0].message, issues);
  return [
    event('KkReprinted', {
      reprintedBy: staffRef(cmd.actor),
      workstation,
      reasonCode: reasonCode as ReprintReason,
      ...(note ? { note } : {}),
      at: iso(ctx.now),
    }),
  ];
}
