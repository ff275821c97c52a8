import type { ApplicantData, NewbornData } from '../application-data';
import type { Event, StaffRef } from './event';

/** Events of the verification step: requirements and data judged, corrections, return, approval. */

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
