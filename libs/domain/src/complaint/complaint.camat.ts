import type { FieldIssue } from '../identifiers/identifier-result';
import { assertNoIssues, conflict, forbidden } from '../shared/domain-error';
import { unsafeTextProblem } from '../shared/safe-text';
import { PUNGUTAN_LIAR } from './complaint-catalog';
import type { ComplaintCommandActor } from './complaint.commands';
import { escalationKey, runningDeadline, type ComplaintEvent, type ComplaintState, type EscalationStage } from './complaint.events';

/**
 * Escalation to the camat and the camat's step on it. The platform (`system`) escalates when the
 * running due time has passed (`ComplaintEscalated`, once per due time); then the camat's step on an escalated complaint: a follow-up instruction to the handling staff
 * (`ComplaintFollowUpInstructed`). Order of checks as every complaint command: who (403), state
 * (409), input (400).
 *  - who: a camat, for a complaint about their own kecamatan, and never a pungutan-liar report (it
 *    accuses the staff of that kecamatan, the camat's own office; those go to the Inspektorat);
 *  - state: escalated at least once (a missed deadline sent it up) and not closed;
 *  - input: the instruction, 10-2000 characters of safe text (several lines allowed).
 */
const NOT_FOUND = () => conflict('COMPLAINT_NOT_FOUND', 'Pengaduan tidak ditemukan.');

export interface InstructFollowUpCommand {
  type: 'InstructComplaintFollowUp';
  actor: ComplaintCommandActor;
  data: { instruction: string };
}

export interface EscalateCommand {
  type: 'EscalateComplaint';
  actor: ComplaintCommandActor;
  data: { stage: EscalationStage; dueAt: string };
}

export function decideEscalate(cmd: EscalateCommand, state: ComplaintState, now: Date): ComplaintEvent[] {
  if (cmd.actor.role !== 'system') throw forbidden('AUTH_ROLE', 'Eskalasi dilakukan otomatis oleh platform.');
  if (state.status === 'none') throw NOT_FOUND();
  const running = runningDeadline(state);
  // The view the scanner read may lag the stream: the step may have been done meanwhile.
  if (!running || running.stage !== cmd.data.stage || running.dueAt !== cmd.data.dueAt || Date.parse(running.dueAt) > now.getTime())
    throw conflict('COMPLAINT_NOT_OVERDUE', 'Tenggat pengaduan ini belum lewat atau sudah dipenuhi.');
  if (state.escalations.includes(escalationKey(running.stage, running.dueAt)))
    throw conflict('COMPLAINT_ALREADY_ESCALATED', 'Pengaduan ini sudah dieskalasi kepada camat untuk tenggat ini.');
  return [
    {
      type: 'ComplaintEscalated',
      schemaVersion: 1,
      data: { stage: running.stage, dueAt: running.dueAt, to: 'camat', at: now.toISOString() },
    },
  ];
}

function instructionIssue(value: unknown): FieldIssue | undefined {
  const label = 'Instruksi tindak lanjut';
  if (typeof value !== 'string' || value.trim().length < 10)
    return { field: 'instruction', code: 'REQUIRED', message: `${label} wajib diisi (paling sedikit 10 karakter).` };
  if (value.length > 2000) return { field: 'instruction', code: 'TOO_LONG', message: `${label} paling banyak 2000 karakter.` };
  const unsafe = unsafeTextProblem(value, { multiline: true });
  return unsafe ? { field: 'instruction', code: 'UNSAFE_TEXT', message: `${label}: ${unsafe}` } : undefined;
}

/** Whether this camat may see and act on the complaint at all (the read model's camat scope says the same in SQL). */
export function camatMayActOn(state: ComplaintState, kecamatan: string | undefined): boolean {
  return !!kecamatan && state.kecamatan === kecamatan && state.category !== PUNGUTAN_LIAR;
}

export function decideFollowUpInstruction(cmd: InstructFollowUpCommand, state: ComplaintState, now: Date): ComplaintEvent[] {
  if (cmd.actor.role !== 'camat') throw forbidden('AUTH_ROLE', 'Hanya camat yang dapat memberi instruksi tindak lanjut.');
  if (state.status === 'none') throw NOT_FOUND();
  if (!camatMayActOn(state, cmd.actor.kecamatan))
    throw forbidden('COMPLAINT_OUTSIDE_KECAMATAN', 'Pengaduan ini bukan wewenang camat kecamatan Anda.');
  if (state.escalations.length === 0)
    throw conflict('COMPLAINT_NOT_ESCALATED', 'Pengaduan ini belum dieskalasi kepada camat: tenggatnya belum terlewati.');
  if (state.status === 'closed') throw conflict('COMPLAINT_WRONG_STATUS', 'Pengaduan ini sudah ditutup.');
  const issue = instructionIssue(cmd.data?.instruction);
  if (issue) assertNoIssues([issue]);
  return [
    {
      type: 'ComplaintFollowUpInstructed',
      schemaVersion: 1,
      data: {
        instruction: cmd.data.instruction.trim(),
        by: { userId: cmd.actor.userId, role: cmd.actor.role },
        at: now.toISOString(),
      },
    },
  ];
}
