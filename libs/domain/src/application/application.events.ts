import type { Channel } from '../catalog/catalog.types';
import type { FieldIssue } from '../identifiers/identifier-result';
import type { Role } from './actor';
import type { ApplicantData, FamilyData, NewbornData } from './application-data';
import type { ReprintReason } from './decide/printing';

/**
 * Events of a KK application stream (one stream per application), its state and evolve.
 * Every event data carries `at` (ISO-8601 UTC): the domain never reads a clock, so time that matters
 * to the rules (deadlines, the SLA clock) must be in the events themselves.
 * docs/event-catalog.md describes each event and who emits it.
 */

type Event<Type extends string, Data, Version extends number = 1> = { type: Type; schemaVersion: Version; data: Data };

export interface StaffRef {
  userId: string;
  role: Role;
}

export interface RequirementSnapshot {
  id: string;
  kind: 'document' | 'data';
  label: string;
  condition?: string;
  /** False for a conditional requirement the applicant did not declare (e.g. no ijazah yet). */
  applicable: boolean;
}

export interface CorrectionItem {
  /** A requirement id, or "data" for the typed data. */
  requirementId: string;
  field?: string;
  reason: string;
}

export interface DataIssue {
  field: string;
  reason: string;
}

export type ReturnReasonCode = 'incomplete-at-counter' | 'invalid-at-counter' | 'correction-deadline-missed';

export type ApplicationSubmitted = Event<
  'ApplicationSubmitted',
  {
    applicationId: string;
    serviceType: string;
    catalogVersionId: string;
    channel: Channel;
    kecamatan: string;
    desa: string;
    submittedBy: StaffRef;
    applicant: ApplicantData;
    family: FamilyData;
    newborn: NewbornData;
    memilikiIjazah: boolean;
    requirements: RequirementSnapshot[];
    /** Counter only: requirements the applicant handed in. */
    presentedRequirementIds?: string[];
    slaWorkingDays: number;
    /** Non-blocking findings (e.g. a region code missing from today's list). */
    warnings: FieldIssue[];
    at: string;
  }
>;
export type PossibleDuplicateFlagged = Event<
  'PossibleDuplicateFlagged',
  { duplicateOfApplicationId: string; similarity: number; at: string }
>;
export type DocumentAttached = Event<
  'DocumentAttached',
  {
    documentId: string;
    requirementId: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    attachedBy: StaffRef;
    at: string;
  }
>;
export type FileCompleted = Event<'FileCompleted', { at: string }>;
export type RequirementAccepted = Event<'RequirementAccepted', { requirementId: string; verifiedBy: StaffRef; at: string }>;
export type RequirementRejected = Event<'RequirementRejected', { requirementId: string; reason: string; verifiedBy: StaffRef; at: string }>;
export type DataVerified = Event<'DataVerified', { verifiedBy: StaffRef; at: string }>;
export type DataRejected = Event<'DataRejected', { issues: DataIssue[]; verifiedBy: StaffRef; at: string }>;
export type CorrectionRequested = Event<
  'CorrectionRequested',
  { items: CorrectionItem[]; requestedBy: StaffRef; dueAt: string; at: string }
>;
export type CorrectionSubmitted = Event<
  'CorrectionSubmitted',
  {
    submittedBy: StaffRef;
    changes: { applicant?: Partial<Pick<ApplicantData, 'telepon' | 'email'>>; newborn?: Partial<NewbornData> };
    at: string;
  }
>;
export type FileReturned = Event<
  'FileReturned',
  { reasonCode: ReturnReasonCode; reason: string; items: CorrectionItem[]; returnedBy: StaffRef; at: string }
>;
export type ApplicationVerified = Event<'ApplicationVerified', { verifiedBy: StaffRef; at: string }>;
export type ReceiptIssued = Event<'ReceiptIssued', { receiptNumber: string; at: string }>;
export type SignatureRequested = Event<'SignatureRequested', { at: string }>;
export type NewbornNikAssigned = Event<'NewbornNikAssigned', { nik: string; at: string }>;
/**
 * v2 adds what the signature itself says (certificate serial, signer subject, claimed signing time).
 * v1 events (before the signer port existed) are upcast on read with those fields null: the facts
 * were not recorded and an upcaster must not invent them (see upcastApplicationEvent).
 */
export type KkSigned = Event<
  'KkSigned',
  {
    documentId: string;
    sha256: string;
    /** Serial number of the signer certificate, upper-case hex; null only for upcast v1 events. */
    certificateSerial: string | null;
    /** The signer certificate's subject DN; null only for upcast v1 events. */
    signerSubject: string | null;
    /** Signing time claimed in the signature (ISO-8601 UTC); `at` for upcast v1 events. */
    signingTime: string;
    signedBy: StaffRef;
    at: string;
  },
  2
>;
/** A signing attempt failed (signer unreachable, bad passphrase...); the application still awaits signature. */
export type KkSigningFailed = Event<
  'KkSigningFailed',
  {
    /** Machine code of the failure, e.g. SIGNER_UNREACHABLE, BAD_PASSPHRASE (docs/signing.md). */
    reasonCode: string;
    /** Indonesian explanation for staff. Never contains the passphrase, a NIK or document content. */
    reason: string;
    /** True when trying again later may succeed without anyone changing anything. */
    retryable: boolean;
    attemptedBy: StaffRef;
    at: string;
  }
>;
/** v2 adds the workstation it was printed at; v1 events (before workstations) are upcast with it null. */
export type KkPrinted = Event<'KkPrinted', { printedBy: StaffRef; workstation: string | null; at: string }, 2>;
/** Printed again (damaged paper, printer fault, misprint, other with a note): its own event, so reprints are counted. */
export type KkReprinted = Event<
  'KkReprinted',
  { reprintedBy: StaffRef; workstation: string; reasonCode: ReprintReason; note?: string; at: string }
>;
/** `documentId`: the signed KK the link opens (absent on links issued before it was recorded). */
export type SelfPrintLinkIssued = Event<'SelfPrintLinkIssued', { linkId: string; documentId?: string; expiresAt: string; at: string }>;
/** One download through the link: the first closes the application as self-printed, later ones are recorded too. */
export type KkSelfPrinted = Event<'KkSelfPrinted', { linkId: string; downloadId?: string; documentId?: string; at: string }>;
export type KkCollected = Event<
  'KkCollected',
  { collectorNik: string; collectorIs: 'applicant' | 'family-member'; handedOverBy: StaffRef; at: string }
>;
/**
 * The penandatangan revoked the signed KK (e.g. issued in error): it is no longer valid, whatever
 * happened to the printed card. `reason` is internal (staff only); the public verification never
 * shows it. Possible after collection or self-print too: the only event after a terminal one.
 */
export type KkRevoked = Event<'KkRevoked', { documentId: string; reason: string; revokedBy: StaffRef; at: string }>;
export type ApplicationWithdrawn = Event<'ApplicationWithdrawn', { reason?: string; withdrawnBy: StaffRef; at: string }>;
export type ApplicationRejected = Event<'ApplicationRejected', { reason: string; rejectedBy: StaffRef; at: string }>;

export type ApplicationEvent =
  | ApplicationSubmitted
  | PossibleDuplicateFlagged
  | DocumentAttached
  | FileCompleted
  | RequirementAccepted
  | RequirementRejected
  | DataVerified
  | DataRejected
  | CorrectionRequested
  | CorrectionSubmitted
  | FileReturned
  | ApplicationVerified
  | ReceiptIssued
  | SignatureRequested
  | NewbornNikAssigned
  | KkSigned
  | KkSigningFailed
  | KkPrinted
  | KkReprinted
  | SelfPrintLinkIssued
  | KkSelfPrinted
  | KkCollected
  | KkRevoked
  | ApplicationWithdrawn
  | ApplicationRejected;

export type ApplicationEventType = ApplicationEvent['type'];

/** Current schema version of every event type; bump here (and upcast old data on read) when data changes. */
export const EVENT_SCHEMA_VERSIONS: Record<ApplicationEventType, number> = {
  ApplicationSubmitted: 1,
  PossibleDuplicateFlagged: 1,
  DocumentAttached: 1,
  FileCompleted: 1,
  RequirementAccepted: 1,
  RequirementRejected: 1,
  DataVerified: 1,
  DataRejected: 1,
  CorrectionRequested: 1,
  CorrectionSubmitted: 1,
  FileReturned: 1,
  ApplicationVerified: 1,
  ReceiptIssued: 1,
  SignatureRequested: 1,
  NewbornNikAssigned: 1,
  KkSigned: 2,
  KkSigningFailed: 1,
  KkPrinted: 2,
  KkReprinted: 1,
  SelfPrintLinkIssued: 1,
  KkSelfPrinted: 1,
  KkCollected: 1,
  KkRevoked: 1,
  ApplicationWithdrawn: 1,
  ApplicationRejected: 1,
};

/** A KkSigned as stored at schema version 1. */
interface KkSignedV1Data {
  documentId: string;
  sha256: string;
  signedBy: StaffRef;
  at: string;
}

/**
 * Brings an event stored at an older schema version to the current shape. Stored events are never
 * rewritten; every reader (evolve, projections) goes through here. Current events pass unchanged.
 */
export function upcastApplicationEvent(e: ApplicationEvent): ApplicationEvent {
  if (e.type === 'KkPrinted' && (e.schemaVersion as number) < 2) {
    const v1 = e.data as unknown as { printedBy: StaffRef; at: string };
    return { type: 'KkPrinted', schemaVersion: 2, data: { printedBy: v1.printedBy, workstation: null, at: v1.at } };
  }
  if (e.type === 'KkSigned' && (e.schemaVersion as number) < 2) {
    const v1 = e.data as unknown as KkSignedV1Data;
    return {
      type: 'KkSigned',
      schemaVersion: 2,
      data: {
        documentId: v1.documentId,
        sha256: v1.sha256,
        certificateSerial: null,
        signerSubject: null,
        signingTime: v1.at,
        signedBy: v1.signedBy,
        at: v1.at,
      },
    };
  }
  return e;
}

/** Builds an event with its current schema version. */
export function event<E extends ApplicationEvent>(type: E['type'], data: E['data']): E {
  return { type, schemaVersion: EVENT_SCHEMA_VERSIONS[type], data } as E;
}

// ---------------------------------------------------------------------------------------------
// State

export type ApplicationStatus =
  | 'none'
  | 'submitted'
  | 'correction-requested'
  | 'awaiting-signature'
  | 'signed'
  | 'collected'
  | 'self-printed'
  | 'returned'
  | 'withdrawn'
  | 'rejected';

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = ['collected', 'self-printed', 'returned', 'withdrawn', 'rejected'];

export interface AttachedDocumentRef {
  documentId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  at: string;
}

export interface RequirementState extends RequirementSnapshot {
  /** Counter: handed in. Online: at least one document uploaded. Data: typed in at submission. */
  presented: boolean;
  documents: AttachedDocumentRef[];
  decision: 'pending' | 'accepted' | 'rejected';
  reason?: string;
}

export interface ApplicationState {
  status: ApplicationStatus;
  /** Number of events folded; the stream revision + 1. */
  version: number;
  applicationId?: string;
  serviceType?: string;
  catalogVersionId?: string;
  channel?: Channel;
  kecamatan?: string;
  desa?: string;
  submittedBy?: StaffRef;
  submittedAt?: string;
  applicant?: ApplicantData;
  family?: FamilyData;
  newborn?: NewbornData;
  memilikiIjazah: boolean;
  slaWorkingDays: number;
  requirements: RequirementState[];
  dataVerification: { decision: 'pending' | 'accepted' | 'rejected'; issues: DataIssue[] };
  duplicateOf?: { applicationId: string; similarity: number };
  fileCompletedAt?: string;
  correction?: { requestedAt: string; dueAt: string; items: CorrectionItem[] };
  correctionRounds: number;
  /** Intervals during which the SLA clock was paused (a correction awaited); the last may be open. */
  pauses: { from: string; to?: string }[];
  verifiedAt?: string;
  receiptNumber?: string;
  signatureRequestedAt?: string;
  newbornNik?: string;
  signedAt?: string;
  signedDocument?: { documentId: string; sha256: string };
  /** Failed signing attempts so far; signing may be tried again while awaiting signature. */
  signingFailures: number;
  lastSigningFailure?: { reasonCode: string; reason: string; retryable: boolean; at: string };
  printedAt?: string;
  /** In issue order: only the last one works (a newer link replaces the older ones). */
  selfPrintLinks: { linkId: string; expiresAt: string; documentId: string | undefined }[];
  /** Set once the signed KK is revoked; the status stays what it was (signed, collected, self-printed). */
  revokedAt?: string;
  revocation?: { documentId: string; reason: string; revokedBy: StaffRef };
  closedAt?: string;
  closure?: { status: ApplicationStatus; reasonCode?: string; reason?: string; items?: CorrectionItem[] };
}

/**
 * Every key is present from the start (undefined where unknown) so that all states share one object
 * shape: V8 then copies them on its fast path, which keeps a 50-event fold in microseconds.
 */
export const initialState = (): ApplicationState => ({
  status: 'none',
  version: 0,
  applicationId: undefined,
  serviceType: undefined,
  catalogVersionId: undefined,
  channel: undefined,
  kecamatan: undefined,
  desa: undefined,
  submittedBy: undefined,
  submittedAt: undefined,
  applicant: undefined,
  family: undefined,
  newborn: undefined,
  memilikiIjazah: false,
  slaWorkingDays: 3,
  requirements: [],
  dataVerification: { decision: 'pending', issues: [] },
  duplicateOf: undefined,
  fileCompletedAt: undefined,
  correction: undefined,
  correctionRounds: 0,
  pauses: [],
  verifiedAt: undefined,
  receiptNumber: undefined,
  signatureRequestedAt: undefined,
  newbornNik: undefined,
  signedAt: undefined,
  signedDocument: undefined,
  signingFailures: 0,
  lastSigningFailure: undefined,
  printedAt: undefined,
  selfPrintLinks: [],
  revokedAt: undefined,
  revocation: undefined,
  closedAt: undefined,
  closure: undefined,
});

export const isTerminal = (s: ApplicationState): boolean => TERMINAL_STATUSES.includes(s.status);

// ---------------------------------------------------------------------------------------------
// Evolve

export function evolve(state: ApplicationState, e: ApplicationEvent): ApplicationState {
  // One shallow copy per event; the copy keeps the state's object shape (see initialState).
  const next: ApplicationState = { ...state };
  Object.assign(next, apply(state, upcastApplicationEvent(e)));
  next.version = state.version + 1;
  return next;
}

/** What one event changes. Returns only the changed keys; evolve makes the single copy. */
function apply(s: ApplicationState, e: ApplicationEvent): Partial<ApplicationState> {
  switch (e.type) {
    case 'ApplicationSubmitted': {
      const d = e.data;
      const presented = new Set(d.presentedRequirementIds ?? []);
      return {
        status: 'submitted',
        applicationId: d.applicationId,
        serviceType: d.serviceType,
        catalogVersionId: d.catalogVersionId,
        channel: d.channel,
        kecamatan: d.kecamatan,
        desa: d.desa,
        submittedBy: d.submittedBy,
        submittedAt: d.at,
        applicant: d.applicant,
        family: d.family,
        newborn: d.newborn,
        memilikiIjazah: d.memilikiIjazah,
        slaWorkingDays: d.slaWorkingDays,
        // Same keys in the same order for every requirement: one object shape, cheap copies.
        requirements: d.requirements.map((r): RequirementState => ({
          id: r.id,
          kind: r.kind,
          label: r.label,
          condition: r.condition,
          applicable: r.applicable,
          presented: r.kind === 'data' || presented.has(r.id),
          documents: [],
          decision: 'pending',
          reason: undefined,
        })),
      };
    }
    case 'PossibleDuplicateFlagged':
      return { duplicateOf: { applicationId: e.data.duplicateOfApplicationId, similarity: e.data.similarity } };
    case 'DocumentAttached': {
      const { documentId, mediaType, sizeBytes, sha256, at } = e.data;
      return mapRequirement(s, e.data.requirementId, (r) => ({
        ...r,
        applicable: true,
        presented: true,
        documents: [...r.documents, { documentId, mediaType, sizeBytes, sha256, at }],
      }));
    }
    case 'FileCompleted':
      return { fileCompletedAt: e.data.at };
    case 'RequirementAccepted':
      return mapRequirement(s, e.data.requirementId, (r) => ({ ...r, decision: 'accepted', reason: undefined }));
    case 'RequirementRejected':
      return mapRequirement(s, e.data.requirementId, (r) => ({ ...r, decision: 'rejected', reason: e.data.reason }));
    case 'DataVerified':
      return { dataVerification: { decision: 'accepted', issues: [] } };
    case 'DataRejected':
      return { dataVerification: { decision: 'rejected', issues: e.data.issues } };
    case 'CorrectionRequested':
      return {
        status: 'correction-requested',
        correction: { requestedAt: e.data.at, dueAt: e.data.dueAt, items: e.data.items },
        pauses: [...s.pauses, { from: e.data.at }],
      };
    case 'CorrectionSubmitted': {
      const { applicant, newborn } = e.data.changes;
      return {
        pauses: closedPauses(s, e.data.at),
        status: 'submitted',
        correction: undefined,
        correctionRounds: s.correctionRounds + 1,
        applicant: applicant && s.applicant ? { ...s.applicant, ...applicant } : s.applicant,
        newborn: newborn && s.newborn ? { ...s.newborn, ...newborn } : s.newborn,
        // What was flagged is judged again; what was accepted stays accepted.
        requirements: s.requirements.map((r) => (r.decision === 'rejected' ? { ...r, decision: 'pending', reason: undefined } : r)),
        dataVerification: s.dataVerification.decision === 'rejected' ? { decision: 'pending', issues: [] } : s.dataVerification,
      };
    }
    case 'FileReturned':
      return close(s, e.data.at, { status: 'returned', reasonCode: e.data.reasonCode, reason: e.data.reason, items: e.data.items });
    case 'ApplicationVerified':
      return { status: 'awaiting-signature', verifiedAt: e.data.at };
    case 'ReceiptIssued':
      return { receiptNumber: e.data.receiptNumber };
    case 'SignatureRequested':
      return { signatureRequestedAt: e.data.at };
    case 'NewbornNikAssigned':
      return { newbornNik: e.data.nik };
    case 'KkSigned':
      return {
        status: 'signed',
        signedAt: e.data.at,
        signedDocument: { documentId: e.data.documentId, sha256: e.data.sha256 },
        lastSigningFailure: undefined,
      };
    case 'KkSigningFailed': {
      const { reasonCode, reason, retryable, at } = e.data;
      return { signingFailures: s.signingFailures + 1, lastSigningFailure: { reasonCode, reason, retryable, at } };
    }
    case 'KkPrinted':
      return { printedAt: e.data.at };
    case 'KkReprinted':
      return {}; // still printed, still to hand over; the counts are the read model's (kk_print_view)
    case 'SelfPrintLinkIssued':
      return {
        selfPrintLinks: [...s.selfPrintLinks, { linkId: e.data.linkId, expiresAt: e.data.expiresAt, documentId: e.data.documentId }],
      };
    case 'KkSelfPrinted':
      // A later download changes nothing: the application closed at the first.
      return s.status === 'self-printed' ? {} : close(s, e.data.at, { status: 'self-printed' });
    case 'KkCollected':
      return close(s, e.data.at, { status: 'collected' });
    case 'KkRevoked': {
      const { documentId, reason, revokedBy, at } = e.data;
      return { revokedAt: at, revocation: { documentId, reason, revokedBy } };
    }
    case 'ApplicationWithdrawn':
      return close(s, e.data.at, { status: 'withdrawn', reason: e.data.reason });
    case 'ApplicationRejected':
      return close(s, e.data.at, { status: 'rejected', reason: e.data.reason });
    default:
      // An event type this version does not know (written by a newer one): skip it, do not fail the fold.
      return {};
  }
}

function mapRequirement(s: ApplicationState, id: string, f: (r: RequirementState) => RequirementState): Partial<ApplicationState> {
  return { requirements: s.requirements.map((r) => (r.id === id ? f(r) : r)) };
}

/** The pauses with the open one (if any) closed at `at`. */
function closedPauses(s: ApplicationState, at: string): ApplicationState['pauses'] {
  const last = s.pauses[s.pauses.length - 1];
  if (!last || last.to) return s.pauses;
  return [...s.pauses.slice(0, -1), { from: last.from, to: at }];
}

function close(s: ApplicationState, at: string, closure: NonNullable<ApplicationState['closure']>): Partial<ApplicationState> {
  return { pauses: closedPauses(s, at), status: closure.status, closedAt: at, closure, correction: undefined };
}
