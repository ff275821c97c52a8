import type { Channel } from '../catalog/catalog.types';
import type { ApplicantData, FamilyData, NewbornData } from './application-data';
import type { StaffRef } from './events/event';
import type { RequirementSnapshot } from './events/submission';
import type { CorrectionItem, DataIssue } from './events/verification';

/** The state of one KK application, folded from its stream by evolve (application.events.ts). */

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
