import type { FieldIssue } from '../../identifiers/identifier-result';
import { assertNoIssues, conflict, invalid } from '../../shared/domain-error';
import type {
  AcceptRequirement,
  CompleteVerification,
  DecideContext,
  RejectData,
  RejectRequirement,
  RequestCorrection,
  ReturnFileAtCounter,
  VerifyData,
} from '../application.commands';
import { event, type ApplicationEvent, type ApplicationState, type RequirementState } from '../application.events';
import { iso, optionalText, requireOperatorOf, requireStatus, requireText, staffRef } from '../guards';
import { checkKnownKeys, checkText, DATA_FIELD_MESSAGE, isDataField, KK_TEXT_RULES } from '../kk-field-rules';
import { receiptNumber } from '../receipt-number';
import { correctionDueAt, rulesOf, takesCorrections } from './catalog-rules';
import { findRequirement, openFindings } from './requirements';

/** Verification by the kecamatan operator: each requirement, the data, then the outcome. */

function requireVerifiable(state: ApplicationState): void {
  requireStatus(
    state,
    ['submitted'],
    'VERIFICATION_NOT_POSSIBLE',
    'Verifikasi hanya dapat dilakukan pada permohonan yang menunggu verifikasi',
  );
  if (!state.fileCompletedAt) throw conflict('FILE_INCOMPLETE', 'Berkas belum lengkap: masih ada persyaratan yang belum diunggah.');
}

function requirementToJudge(state: ApplicationState, requirementId: string): RequirementState {
  const r = findRequirement(state, requirementId);
  if (!r) {
    throw invalid('VALIDATION_FAILED', 'Persyaratan tidak dikenal.', [
      { field: 'requirementId', code: 'REQUIREMENT_UNKNOWN', message: 'Persyaratan tidak dikenal untuk permohonan ini.' },
    ]);
  }
  if (!r.applicable) throw conflict('REQUIREMENT_NOT_APPLICABLE', `Persyaratan "${r.label}" tidak berlaku untuk permohonan ini.`);
  return r;
}

export function decideAcceptRequirement(cmd: AcceptRequirement, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  const r = requirementToJudge(state, cmd.data.requirementId);
  if (r.decision === 'accepted') return [];
  return [event('RequirementAccepted', { requirementId: r.id, verifiedBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}

export function decideRejectRequirement(cmd: RejectRequirement, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  const r = requirementToJudge(state, cmd.data.requirementId);
  const reason = requireText(cmd.data.reason, 'reason', 'Alasan penolakan persyaratan');
  if (r.decision === 'rejected' && r.reason === reason) return [];
  return [event('RequirementRejected', { requirementId: r.id, reason, verifiedBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}

export function decideVerifyData(cmd: VerifyData, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  if (state.dataVerification.decision === 'accepted') return [];
  return [event('DataVerified', { verifiedBy: staffRef(cmd.actor), at: iso(ctx.now) })];
}

/** At most this many data issues in one RejectData. */
export const MAX_DATA_ISSUES = 30;

export function decideRejectData(cmd: RejectData, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  const issues: unknown[] = Array.isArray(cmd.data.issues) ? cmd.data.issues : [];
  const members = state.family?.anggota?.length ?? 0;
  const problems: FieldIssue[] = [];
  issues.forEach((i, n) => {
    const issue = (i ?? {}) as { field?: unknown; reason?: unknown };
    checkKnownKeys(problems, issue, ['field', 'reason'], `issues[${n}]`);
    if (typeof issue.field !== 'string' || !issue.field.trim())
      problems.push({ field: `issues[${n}].field`, code: 'REQUIRED', message: 'Kolom data yang salah wajib disebutkan.' });
    else if (!isDataField(issue.field, members))
      problems.push({ field: `issues[${n}].field`, code: 'DATA_FIELD_UNKNOWN', message: DATA_FIELD_MESSAGE });
    checkText(problems, issue.reason, KK_TEXT_RULES.reason, `issues[${n}].reason`, 'Alasan');
  });
  if (issues.length === 0 || issues.length > MAX_DATA_ISSUES) {
    problems.push({
      field: 'issues',
      code: 'REQUIRED',
      message: `Sebutkan paling sedikit satu dan paling banyak ${MAX_DATA_ISSUES} data yang tidak sesuai.`,
    });
  }
  assertNoIssues(problems);
  const valid = issues as { field: string; reason: string }[];
  return [
    event('DataRejected', {
      issues: valid.map((i) => ({ field: i.field, reason: i.reason.trim() })),
      verifiedBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}

/**
 * What does not conform is reported and must be fixed by the catalog's deadline ("paling lambat pukul
 * 12.00 WIB keesokan harinya"), on the channels the catalog lists; elsewhere the file is returned.
 */
export function decideRequestCorrection(cmd: RequestCorrection, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  const rules = rulesOf(state, ctx);
  if (!takesCorrections(rules, state.channel)) {
    if (state.channel === 'tatap-muka') {
      throw conflict(
        'CORRECTION_COUNTER',
        'Berkas tatap muka yang kurang lengkap atau tidak valid dikembalikan langsung kepada pemohon, bukan dimintakan perbaikan.',
      );
    }
    throw conflict('CORRECTION_CHANNEL', 'Perbaikan berkas tidak tersedia untuk kanal permohonan ini.');
  }
  const items = openFindings(state);
  if (items.length === 0) throw conflict('CORRECTION_NOTHING_TO_FIX', 'Tidak ada persyaratan atau data yang dinyatakan tidak sesuai.');
  return [
    event('CorrectionRequested', { items, requestedBy: staffRef(cmd.actor), dueAt: correctionDueAt(rules, ctx.now), at: iso(ctx.now) }),
  ];
}

/** Counter: an invalid file is returned to the applicant at once. */
export function decideReturnAtCounter(cmd: ReturnFileAtCounter, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireStatus(state, ['submitted'], 'return.not-possible', 'Berkas hanya dapat dikembalikan saat verifikasi');
  if (state.channel !== 'tatap-muka') {
    throw conflict('RETURN_ONLINE', 'Permohonan daring tidak dikembalikan langsung: mintakan perbaikan kepada pemohon.');
  }
  const items = openFindings(state);
  if (items.length === 0) throw conflict('RETURN_NOTHING_WRONG', 'Tidak ada persyaratan atau data yang dinyatakan tidak sesuai.');
  const reason = optionalText(cmd.data?.reason, 'reason', 'Alasan pengembalian');
  const extra = reason ? ` ${reason}` : '';
  return [
    event('FileReturned', {
      reasonCode: 'invalid-at-counter',
      reason: `Berkas tidak valid: ${items.map((i) => i.reason).join('; ')}.${extra}`,
      items,
      returnedBy: staffRef(cmd.actor),
      at: iso(ctx.now),
    }),
  ];
}

/** Verified complete: the TTE of the KK is requested. At the counter the receipt is given now ("tanda terima pengambilan KK"). */
export function decideCompleteVerification(cmd: CompleteVerification, state: ApplicationState, ctx: DecideContext): ApplicationEvent[] {
  requireOperatorOf(cmd.actor, state);
  requireVerifiable(state);
  const notAccepted = state.requirements.filter((r) => r.applicable && r.decision !== 'accepted');
  const pending = [...notAccepted.map((r) => r.label), ...(state.dataVerification.decision === 'accepted' ? [] : ['Data permohonan'])];
  if (pending.length > 0)
    throw conflict('VERIFICATION_INCOMPLETE', `Verifikasi belum selesai atau ada yang tidak sesuai: ${pending.join('; ')}.`);
  const at = iso(ctx.now);
  const events: ApplicationEvent[] = [event('ApplicationVerified', { verifiedBy: staffRef(cmd.actor), at })];
  if (state.channel === 'tatap-muka') {
    if (ctx.receiptSequence === undefined) throw new TypeError('decide(CompleteVerification) at the counter needs context.receiptSequence');
    events.push(event('ReceiptIssued', { receiptNumber: receiptNumber(state.kecamatan as string, ctx.now, ctx.receiptSequence), at }));
  }
  events.push(event('SignatureRequested', { at }));
  return events;
}
