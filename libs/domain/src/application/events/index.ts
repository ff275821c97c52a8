import type { ApplicationRejected, ApplicationWithdrawn } from './closing';
import type { KkCollected, KkPrinted, KkReprinted, KkSelfPrinted, SelfPrintLinkIssued } from './delivery';
import type { KkRevoked, KkSigned, KkSigningFailed, NewbornNikAssigned, SignatureRequested } from './signing';
import type { ApplicationSubmitted, DocumentAttached, FileCompleted, PossibleDuplicateFlagged } from './submission';
import type {
  ApplicationVerified,
  CorrectionRequested,
  CorrectionSubmitted,
  DataRejected,
  DataVerified,
  FileReturned,
  ReceiptIssued,
  RequirementAccepted,
  RequirementRejected,
} from './verification';

export type { StaffRef } from './event';
export * from './submission';
export * from './verification';
export * from './signing';
export * from './delivery';
export * from './closing';

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
