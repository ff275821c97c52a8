import type { ComplaintKind } from './complaint-catalog';

/**
 * Events of one complaint stream (`complaint-<id>`: a pengaduan, saran or apresiasi), its state and
 * evolve. Deadlines are computed by decide (working days, WIB) and stored in the events, so the
 * deadline scanner, the read model and a restart all see the same due times. Every event's `at` is
 * ISO-8601 UTC. docs/event-catalog.md describes each event; docs/complaints.md the flow.
 */

/** Who left the complaint. Absent on the event: anonymous, and it stays so (no later event adds it). */
export interface ComplainantIdentity {
  name?: string;
  email?: string;
  phone?: string;
}

/** Staff or platform reference on an event: ids and roles only. */
export interface ComplaintActorRef {
  userId: string;
  role: string;
}

export interface ComplaintApplicationRef {
  applicationId?: string;
  receiptNumber?: string;
}

export type VerificationOutcome = 'valid' | 'forwarded' | 'needs-information';
export type EscalationStage = 'verification' | 'answer';

export type ComplaintReceived = {
  type: 'ComplaintReceived';
  schemaVersion: 1;
  data: {
    complaintId: string;
    kind: ComplaintKind;
    category: string;
    channel: string;
    /** The channel's own reference (letter number, e-mail subject, post URL); LAPOR: its tracking number. */
    channelReference?: string;
    laporTrackingNumber?: string;
    summary: string;
    description: string;
    /** The kecamatan the complaint is about (Kemendagri code), when it names one. */
    kecamatan?: string;
    application?: ComplaintApplicationRef;
    complainant?: ComplainantIdentity;
    /** When the complainant reported it on the original channel (LAPOR's date), if known. */
    reportedAt?: string;
    receivedBy: ComplaintActorRef;
    at: string;
    /** Verification due: the catalog's working days after `at`. */
    verifyBy: string;
  };
};

export type ComplaintVerified = {
  type: 'ComplaintVerified';
  schemaVersion: 1;
  data:
    | { outcome: 'valid'; tier: string; answerBy: string; note?: string; by: ComplaintActorRef; at: string }
    | { outcome: 'forwarded'; forwardedTo: string; note?: string; by: ComplaintActorRef; at: string }
    | { outcome: 'needs-information'; note: string; by: ComplaintActorRef; at: string };
};

export type ComplaintInformationSupplied = {
  type: 'ComplaintInformationSupplied';
  schemaVersion: 1;
  data: { note: string; by: ComplaintActorRef; at: string; verifyBy: string };
};

export type ComplaintDisposed = {
  type: 'ComplaintDisposed';
  schemaVersion: 1;
  data: { unit: string; note?: string; by: ComplaintActorRef; at: string };
};

export type ComplaintAnswered = {
  type: 'ComplaintAnswered';
  schemaVersion: 1;
  data: { answer: string; by: ComplaintActorRef; at: string };
};

/** A deadline passed: the complaint goes up to the camat. Derived from the stream by the deadline scanner. */
export type ComplaintEscalated = {
  type: 'ComplaintEscalated';
  schemaVersion: 1;
  data: { stage: EscalationStage; dueAt: string; to: 'camat'; at: string };
};

/**
 * The camat of the complaint's kecamatan tells the handling staff what to do about an escalated
 * complaint (a follow-up instruction). It changes no status and no deadline: the petugas pengaduan
 * still answers; the instruction is on the record, for the petugas and for the audit.
 */
export type ComplaintFollowUpInstructed = {
  type: 'ComplaintFollowUpInstructed';
  schemaVersion: 1;
  data: { instruction: string; by: ComplaintActorRef; at: string };
};

export type ComplaintClosed = {
  type: 'ComplaintClosed';
  schemaVersion: 1;
  data: { satisfaction: string; note?: string; by: ComplaintActorRef; at: string };
};

export type ComplaintReopened = {
  type: 'ComplaintReopened';
  schemaVersion: 1;
  /** Back to verification (a new verifyBy): the handling starts over with what the complainant said. */
  data: { reason: string; by: ComplaintActorRef; at: string; verifyBy: string };
};

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintVerified
  | ComplaintInformationSupplied
  | ComplaintDisposed
  | ComplaintAnswered
  | ComplaintEscalated
  | ComplaintFollowUpInstructed
  | ComplaintClosed
  | ComplaintReopened;

export type ComplaintStatus = 'none' | 'received' | 'needs-information' | 'forwarded' | 'verified' | 'disposed' | 'answered' | 'closed';

export interface ComplaintState {
  status: ComplaintStatus;
  complaintId?: string;
  kind?: ComplaintKind;
  category?: string;
  channel?: string;
  laporTrackingNumber?: string;
  kecamatan?: string;
  complainant?: ComplainantIdentity;
  receivedAt?: string;
  verifyBy?: string;
  tier?: string;
  answerBy?: string;
  unit?: string;
  forwardedTo?: string;
  answeredAt?: string;
  closedAt?: string;
  satisfaction?: string;
  /** `<stage>:<dueAt>` of every escalation so far: one escalation per missed due time. */
  escalations: string[];
  reopenings: number;
  /** Follow-up instructions of the camat so far. */
  instructions?: number;
}

export const initialComplaintState = (): ComplaintState => ({ status: 'none', escalations: [], reopenings: 0 });

export const escalationKey = (stage: EscalationStage, dueAt: string): string => `${stage}:${dueAt}`;

export function evolveComplaint(state: ComplaintState, e: ComplaintEvent): ComplaintState {
  switch (e.type) {
    case 'ComplaintReceived': {
      const d = e.data;
      return {
        ...state,
        status: 'received',
        complaintId: d.complaintId,
        kind: d.kind,
        category: d.category,
        channel: d.channel,
        laporTrackingNumber: d.laporTrackingNumber,
        kecamatan: d.kecamatan,
        complainant: d.complainant,
        receivedAt: d.at,
        verifyBy: d.verifyBy,
      };
    }
    case 'ComplaintVerified': {
      const d = e.data;
      if (d.outcome === 'valid') return { ...state, status: 'verified', tier: d.tier, answerBy: d.answerBy };
      if (d.outcome === 'forwarded') return { ...state, status: 'forwarded', forwardedTo: d.forwardedTo };
      return { ...state, status: 'needs-information' };
    }
    case 'ComplaintInformationSupplied':
      return { ...state, status: 'received', verifyBy: e.data.verifyBy };
    case 'ComplaintDisposed':
      return { ...state, status: 'disposed', unit: e.data.unit };
    case 'ComplaintAnswered':
      return { ...state, status: 'answered', answeredAt: e.data.at };
    case 'ComplaintEscalated':
      return { ...state, escalations: [...state.escalations, escalationKey(e.data.stage, e.data.dueAt)] };
    case 'ComplaintFollowUpInstructed':
      return { ...state, instructions: (state.instructions ?? 0) + 1 };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', closedAt: e.data.at, satisfaction: e.data.satisfaction };
    case 'ComplaintReopened':
      return {
        ...state,
        status: 'received',
        verifyBy: e.data.verifyBy,
        answerBy: undefined,
        answeredAt: undefined,
        closedAt: undefined,
        satisfaction: undefined,
        reopenings: state.reopenings + 1,
      };
    default:
      return state;
  }
}

/**
 * The due time running now and what it is for: verification while received, the answer while
 * verified or disposed; none otherwise (waiting for the complainant, forwarded, answered, closed).
 */
export function runningDeadline(state: ComplaintState): { stage: EscalationStage; dueAt: string } | undefined {
  if (state.status === 'received' && state.verifyBy) return { stage: 'verification', dueAt: state.verifyBy };
  if ((state.status === 'verified' || state.status === 'disposed') && state.answerBy) return { stage: 'answer', dueAt: state.answerBy };
  return undefined;
}
