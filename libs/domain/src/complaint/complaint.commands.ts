import type { WorkingCalendar } from '@adminduk/calendar';
import type { FieldIssue } from '../identifiers/identifier-result';
import { assertNoIssues, conflict, forbidden } from '../shared/domain-error';
import type { Decider } from '../shared/decider';
import { COMPLAINT_CATALOG, isComplaintTier, isLaporChannel, isSatisfaction, type ComplaintKind } from './complaint-catalog';
import {
  evolveComplaint,
  initialComplaintState,
  type ComplainantIdentity,
  type ComplaintActorRef,
  type ComplaintApplicationRef,
  type ComplaintEvent,
  type ComplaintState,
} from './complaint.events';
import { identityOf, receiveIssues, textIssue } from './complaint.input-rules';
import { decideEscalate, decideFollowUpInstruction, type EscalateCommand, type InstructFollowUpCommand } from './complaint.camat';

/**
 * Commands on one complaint and their decisions. Order of checks: who (403), state (409), input (400).
 * Who: the petugas pengaduan handles every step; the public form (`publik`) only submits on the
 * platform's own channel; the platform (`system`) imports from SP4N-LAPOR and escalates; the camat
 * of the complaint's kecamatan instructs a follow-up once it was escalated (complaint.camat.ts).
 */
export interface ComplaintCommandActor {
  userId: string;
  role: 'petugas-pengaduan' | 'publik' | 'system' | 'camat';
  /** The camat's kecamatan (Kemendagri code): the only complaints they may act on. */
  kecamatan?: string;
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
  | EscalateCommand
  | { type: 'CloseComplaint'; actor: ComplaintCommandActor; data: { satisfaction: string; note?: string } }
  | { type: 'ReopenComplaint'; actor: ComplaintCommandActor; data: { reason: string } }
  | InstructFollowUpCommand;

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
      return decideEscalate(cmd, state, ctx.now);
    case 'InstructComplaintFollowUp':
      return decideFollowUpInstruction(cmd, state, ctx.now);
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
