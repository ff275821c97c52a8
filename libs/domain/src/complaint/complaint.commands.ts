import type { WorkingCalendar } from '@adminduk/calendar';
import type { FieldIssue } from '../identifiers/identifier-result';
import { findKecamatan } from '../identifiers/wilayah';
import { assertNoIssues, conflict, forbidden } from '../shared/domain-error';
import type { Decider } from '../shared/decider';
import { unsafeTextProblem } from '../shared/safe-text';
import {
  COMPLAINT_CATALOG,
  isComplaintCategory,
  isComplaintChannel,
  isComplaintKind,
  isComplaintTier,
  isLaporChannel,
  isSatisfaction,
  WEB_FORM_CHANNEL,
  type ComplaintKind,
} from './complaint-catalog';
import {
  escalationKey,
  evolveComplaint,
  initialComplaintState,
  runningDeadline,
  type ComplainantIdentity,
  type ComplaintActorRef,
  type ComplaintApplicationRef,
  type ComplaintEvent,
  type ComplaintState,
  type EscalationStage,
} from './complaint.events';

/**
 * Commands on one complaint and their decisions. Order of checks: who (403), state (409), input (400).
 * Who: the petugas pengaduan handles every step; the public form (`publik`) only submits on the
 * platform's own channel; the platform (`system`) imports from SP4N-LAPOR and escalates.
 */
export interface ComplaintCommandActor {
  userId: string;
  role: 'petugas-pengaduan' | 'publik' | 'system';
}

export interface ReceiveComplaintData {
  complaintId: string;
  kind: ComplaintKind;
  category: string;
  channel: string;
  channelReference?: string;
  laporTrackingNumber?: string;
  summary: string;
  description: string;
  kecamatan?: string;
  application?: ComplaintApplicationRef;
  complainant?: ComplainantIdentity;
  reportedAt?: string;
}

export type ComplaintCommand =
  | { type: 'ReceiveComplaint'; actor: ComplaintCommandActor; data: ReceiveComplaintData }
  | {
      type: 'VerifyComplaint';
      actor: ComplaintCommandActor;
      data:
        | { outcome: 'valid'; tier: string; note?: string }
        | { outcome: 'forwarded'; forwardedTo: string; note?: string }
        | { outcome: 'needs-information'; note: string };
    }
  | { type: 'SupplyComplaintInformation'; actor: ComplaintCommandActor; data: { note: string } }
  | { type: 'DisposeComplaint'; actor: ComplaintCommandActor; data: { unit: string; note?: string } }
  | { type: 'AnswerComplaint'; actor: ComplaintCommandActor; data: { answer: string } }
  | { type: 'EscalateComplaint'; actor: ComplaintCommandActor; data: { stage: EscalationStage; dueAt: string } }
  | { type: 'CloseComplaint'; actor: ComplaintCommandActor; data: { satisfaction: string; note?: string } }
  | { type: 'ReopenComplaint'; actor: ComplaintCommandActor; data: { reason: string } };

/** Time and the working calendar in force (published holidays): the deadlines are computed here. */
export interface ComplaintContext {
  now: Date;
  calendar: WorkingCalendar;
}

const ref = (a: ComplaintCommandActor): ComplaintActorRef => ({ userId: a.userId, role: a.role });
const iso = (d: Date) => d.toISOString();
const dueAfter = (ctx: ComplaintContext, days: number) => iso(ctx.calendar.addWorkingDays(ctx.now, days));

function requireHandler(actor: ComplaintCommandActor): void {
  if (actor.role !== 'petugas-pengaduan') throw forbidden('AUTH_ROLE', 'Hanya petugas pengaduan yang dapat menangani pengaduan.');
}

function requireStatus(state: ComplaintState, allowed: ComplaintState['status'][], what: string): void {
  if (state.status === 'none') throw conflict('COMPLAINT_NOT_FOUND', 'Pengaduan tidak ditemukan.');
  if (!allowed.includes(state.status)) throw conflict('COMPLAINT_WRONG_STATUS', `Pengaduan tidak dapat ${what} pada tahap ini.`);
}

/** One text field's problem (missing, too short/long, control characters), or none. */
function textIssue(field: string, value: unknown, min: number, max: number, label: string, multiline = false): FieldIssue | undefined {
  if (typeof value !== 'string' || value.trim().length < min)
    return { field, code: 'REQUIRED', message: `${label} wajib diisi (paling sedikit ${min} karakter).` };
  if (value.length > max) return { field, code: 'TOO_LONG', message: `${label} paling banyak ${max} karakter.` };
  const unsafe = unsafeTextProblem(value, { multiline });
  return unsafe ? { field, code: 'UNSAFE_TEXT', message: `${label}: ${unsafe}` } : undefined;
}

function optionalTextIssue(field: string, value: unknown, max: number, label: string): FieldIssue | undefined {
  return value === undefined ? undefined : textIssue(field, value, 1, max, label);
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const LAPOR_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

function receiveIssues(d: ReceiveComplaintData, actor: ComplaintCommandActor): FieldIssue[] {
  const issues: (FieldIssue | undefined)[] = [
    isComplaintKind(d.kind) ? undefined : { field: 'kind', code: 'UNKNOWN', message: 'Jenis harus pengaduan, saran atau apresiasi.' },
    isComplaintCategory(d.category) ? undefined : { field: 'category', code: 'UNKNOWN', message: 'Kategori pengaduan tidak dikenal.' },
    isComplaintChannel(d.channel) ? undefined : { field: 'channel', code: 'UNKNOWN', message: 'Kanal pengaduan tidak dikenal.' },
    textIssue('summary', d.summary, 5, 200, 'Judul'),
    textIssue('description', d.description, 10, 4000, 'Uraian', true),
    optionalTextIssue('channelReference', d.channelReference, 200, 'Rujukan kanal'),
  ];
  if (
    typeof d.channel === 'string' &&
    isLaporChannel(d.channel) &&
    !(typeof d.laporTrackingNumber === 'string' && LAPOR_NUMBER.test(d.laporTrackingNumber))
  )
    issues.push({
      field: 'laporTrackingNumber',
      code: 'REQUIRED',
      message: 'Nomor pelacakan SP4N-LAPOR wajib diisi untuk kanal SP4N-LAPOR.',
    });
  if (d.laporTrackingNumber !== undefined && !isLaporChannel(String(d.channel)))
    issues.push({ field: 'laporTrackingNumber', code: 'NOT_LAPOR', message: 'Nomor pelacakan SP4N-LAPOR hanya untuk kanal SP4N-LAPOR.' });
  if (actor.role === 'publik' && d.channel !== WEB_FORM_CHANNEL)
    issues.push({ field: 'channel', code: 'PUBLIC_CHANNEL', message: 'Formulir publik hanya untuk kanal situs layanan ini.' });
  if (d.kecamatan !== undefined && !(typeof d.kecamatan === 'string' && findKecamatan(d.kecamatan)))
    issues.push({ field: 'kecamatan', code: 'UNKNOWN', message: 'Kecamatan tidak dikenal.' });
  if (d.reportedAt !== undefined && Number.isNaN(Date.parse(String(d.reportedAt))))
    issues.push({ field: 'reportedAt', code: 'FORMAT', message: 'Tanggal laporan tidak valid.' });
  const app = d.application;
  if (app !== undefined) {
    issues.push(optionalTextIssue('application.applicationId', app.applicationId, 64, 'Nomor permohonan'));
    issues.push(optionalTextIssue('application.receiptNumber', app.receiptNumber, 64, 'Nomor tanda terima'));
  }
  const c = identityOf(d.complainant);
  if (c !== undefined) {
    issues.push(optionalTextIssue('complainant.name', c.name, 120, 'Nama'));
    if (c.email !== undefined && !(typeof c.email === 'string' && EMAIL.test(c.email) && c.email.length <= 200))
      issues.push({ field: 'complainant.email', code: 'FORMAT', message: 'Alamat email tidak valid.' });
    if (c.phone !== undefined && !(typeof c.phone === 'string' && PHONE.test(c.phone)))
      issues.push({ field: 'complainant.phone', code: 'FORMAT', message: 'Nomor telepon tidak valid.' });
  }
  return issues.filter((i): i is FieldIssue => i !== undefined);
}

/** Only what was given: an identity with no field left is no identity (anonymous). */
function identityOf(c: ComplainantIdentity | undefined): ComplainantIdentity | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const given = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
  const out: ComplainantIdentity = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    const v = given(c[key]);
    if (v !== undefined && v !== '') out[key] = v as string;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function decideReceive(
  cmd: Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>,
  state: ComplaintState,
  ctx: ComplaintContext,
): ComplaintEvent[] {
  const d = cmd.data;
  if (cmd.actor.role === 'system' && !isLaporChannel(String(d.channel)))
    throw forbidden('AUTH_ROLE', 'Platform hanya mengimpor pengaduan dari SP4N-LAPOR.');
  if (state.status !== 'none') {
    // The same LAPOR report imported again: nothing new (idempotent import).
    if (d.laporTrackingNumber && state.laporTrackingNumber === d.laporTrackingNumber) return [];
    throw conflict('COMPLAINT_EXISTS', 'Pengaduan ini sudah tercatat.');
  }
  assertNoIssues(receiveIssues(d, cmd.actor));
  const complainant = identityOf(d.complainant);
  return [
    {
      type: 'ComplaintReceived',
      schemaVersion: 1,
      data: {
        complaintId: d.complaintId,
        kind: d.kind,
        category: d.category,
        channel: d.channel,
        ...(d.channelReference ? { channelReference: d.channelReference.trim() } : {}),
        ...(d.laporTrackingNumber ? { laporTrackingNumber: d.laporTrackingNumber } : {}),
        summary: d.summary.trim(),
        description: d.description.trim(),
        ...(d.kecamatan ? { kecamatan: d.kecamatan } : {}),
        ...(d.application && (d.application.applicationId || d.application.receiptNumber) ? { application: d.application } : {}),
        ...(complainant ? { complainant } : {}),
        ...(d.reportedAt ? { reportedAt: new Date(d.reportedAt).toISOString() } : {}),
        receivedBy: ref(cmd.actor),
        at: iso(ctx.now),
        verifyBy: dueAfter(ctx, COMPLAINT_CATALOG.verificationWorkingDays),
      },
    },
  ];
}

function decideVerify(
  cmd: Extract<ComplaintCommand, { type: 'VerifyComplaint' }>,
  state: ComplaintState,
  ctx: ComplaintContext,
): ComplaintEvent[] {
  requireHandler(cmd.actor);
  requireStatus(state, ['received'], 'diverifikasi');
  const d = cmd.data;
  const by = ref(cmd.actor);
  const at = iso(ctx.now);
  const note = d.note?.trim() ? { note: d.note.trim() } : {};
  switch (d.outcome) {
    case 'valid': {
      if (!isComplaintTier(d.tier))
        assertNoIssues([
          {
            field: 'tier',
            code: 'UNKNOWN',
            message: `Tingkat penanganan harus salah satu dari: ${Object.keys(COMPLAINT_CATALOG.tiers).join(', ')}.`,
          },
        ]);
      const answerBy = dueAfter(ctx, COMPLAINT_CATALOG.tiers[d.tier].workingDays);
      return [{ type: 'ComplaintVerified', schemaVersion: 1, data: { outcome: 'valid', tier: d.tier, answerBy, ...note, by, at } }];
    }
    case 'forwarded': {
      assertNoIssues([textIssue('forwardedTo', d.forwardedTo, 3, 200, 'Instansi tujuan')].filter((i): i is FieldIssue => !!i));
      return [
        { type: 'ComplaintVerified', schemaVersion: 1, data: { outcome: 'forwarded', forwardedTo: d.forwardedTo.trim(), ...note, by, at } },
      ];
    }
    case 'needs-information': {
      assertNoIssues([textIssue('note', d.note, 5, 1000, 'Informasi yang diperlukan', true)].filter((i): i is FieldIssue => !!i));
      return [{ type: 'ComplaintVerified', schemaVersion: 1, data: { outcome: 'needs-information', note: d.note.trim(), by, at } }];
    }
    default:
      assertNoIssues([{ field: 'outcome', code: 'UNKNOWN', message: 'Hasil verifikasi harus valid, forwarded atau needs-information.' }]);
      return [];
  }
}

function oneText(field: string, value: unknown, min: number, max: number, label: string): string {
  assertNoIssues([textIssue(field, value, min, max, label, true)].filter((i): i is FieldIssue => !!i));
  return (value as string).trim();
}

function decideEscalate(
  cmd: Extract<ComplaintCommand, { type: 'EscalateComplaint' }>,
  state: ComplaintState,
  ctx: ComplaintContext,
): ComplaintEvent[] {
  if (cmd.actor.role !== 'system') throw forbidden('AUTH_ROLE', 'Eskalasi dilakukan otomatis oleh platform.');
  if (state.status === 'none') throw conflict('COMPLAINT_NOT_FOUND', 'Pengaduan tidak ditemukan.');
  const running = runningDeadline(state);
  // The view the scanner read may lag the stream: the step may have been done meanwhile.
  if (!running || running.stage !== cmd.data.stage || running.dueAt !== cmd.data.dueAt || Date.parse(running.dueAt) > ctx.now.getTime())
    throw conflict('COMPLAINT_NOT_OVERDUE', 'Tenggat pengaduan ini belum lewat atau sudah dipenuhi.');
  if (state.escalations.includes(escalationKey(running.stage, running.dueAt)))
    throw conflict('COMPLAINT_ALREADY_ESCALATED', 'Pengaduan ini sudah dieskalasi kepada camat untuk tenggat ini.');
  return [
    { type: 'ComplaintEscalated', schemaVersion: 1, data: { stage: running.stage, dueAt: running.dueAt, to: 'camat', at: iso(ctx.now) } },
  ];
}

export function decideComplaint(cmd: ComplaintCommand, state: ComplaintState, ctx: ComplaintContext): ComplaintEvent[] {
  const at = iso(ctx.now);
  switch (cmd.type) {
    case 'ReceiveComplaint':
      return decideReceive(cmd, state, ctx);
    case 'VerifyComplaint':
      return decideVerify(cmd, state, ctx);
    case 'SupplyComplaintInformation': {
      requireHandler(cmd.actor);
      requireStatus(state, ['needs-information'], 'dilengkapi');
      const note = oneText('note', cmd.data?.note, 5, 4000, 'Informasi tambahan');
      const verifyBy = dueAfter(ctx, COMPLAINT_CATALOG.verificationWorkingDays);
      return [{ type: 'ComplaintInformationSupplied', schemaVersion: 1, data: { note, by: ref(cmd.actor), at, verifyBy } }];
    }
    case 'DisposeComplaint': {
      requireHandler(cmd.actor);
      requireStatus(state, ['verified', 'disposed'], 'didisposisikan');
      const unit = oneText('unit', cmd.data?.unit, 3, 200, 'Unit tujuan disposisi');
      const note = cmd.data.note?.trim() ? { note: cmd.data.note.trim() } : {};
      return [{ type: 'ComplaintDisposed', schemaVersion: 1, data: { unit, ...note, by: ref(cmd.actor), at } }];
    }
    case 'AnswerComplaint': {
      requireHandler(cmd.actor);
      requireStatus(state, ['verified', 'disposed'], 'dijawab');
      const answer = oneText('answer', cmd.data?.answer, 10, 4000, 'Jawaban');
      return [{ type: 'ComplaintAnswered', schemaVersion: 1, data: { answer, by: ref(cmd.actor), at } }];
    }
    case 'EscalateComplaint':
      return decideEscalate(cmd, state, ctx);
    case 'CloseComplaint': {
      requireHandler(cmd.actor);
      requireStatus(state, ['answered', 'forwarded'], 'ditutup');
      if (!isSatisfaction(cmd.data?.satisfaction))
        assertNoIssues([
          {
            field: 'satisfaction',
            code: 'UNKNOWN',
            message: `Kepuasan pelapor harus salah satu dari: ${Object.keys(COMPLAINT_CATALOG.satisfaction).join(', ')}.`,
          },
        ]);
      const note = cmd.data.note?.trim() ? { note: cmd.data.note.trim() } : {};
      return [
        { type: 'ComplaintClosed', schemaVersion: 1, data: { satisfaction: cmd.data.satisfaction, ...note, by: ref(cmd.actor), at } },
      ];
    }
    case 'ReopenComplaint': {
      requireHandler(cmd.actor);
      requireStatus(state, ['closed', 'answered', 'forwarded'], 'dibuka kembali');
      const reason = oneText('reason', cmd.data?.reason, 5, 1000, 'Alasan membuka kembali');
      const verifyBy = dueAfter(ctx, COMPLAINT_CATALOG.verificationWorkingDays);
      return [{ type: 'ComplaintReopened', schemaVersion: 1, data: { reason, by: ref(cmd.actor), at, verifyBy } }];
    }
    default:
      throw conflict('COMPLAINT_UNKNOWN_COMMAND', 'Perintah tidak dikenal.');
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintState, ComplaintEvent, ComplaintContext> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};
