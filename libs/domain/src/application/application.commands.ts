import type { Channel } from '../catalog/catalog.types';
import type { ServiceCatalog } from '../catalog/service-catalog';
import { notFound } from '../shared/domain-error';
import type { CommandActor } from './actor';
import type { ApplicantData, FamilyData, NewbornData } from './application-data';
import type { ApplicationEvent, ApplicationState, DataIssue } from './application.events';
import { decideWithdrawal, decideRejection } from './decide/closing';
import { decideAttachDocument, decideMissedDeadline, decideSubmitCorrection } from './decide/correction';
import { decideAssignNik, decideCollection, decideSignature, decideSigningFailure } from './decide/delivery';
import { decidePrint, decideReprint, type ReprintReason } from './decide/printing';
import { decideRevocation } from './decide/revocation';
import { decideSelfPrint, decideSelfPrintLink } from './decide/self-print';
import { decideSubmit } from './decide/submit';
import {
  decideAcceptRequirement,
  decideCompleteVerification,
  decideRejectData,
  decideRejectRequirement,
  decideRequestCorrection,
  decideReturnAtCounter,
  decideVerifyData,
} from './decide/verification';
import type { OpenApplicationSummary } from './duplicate-detection';

/**
 * Commands of a KK application and `decide`. Each handler lives in decide/<step>.ts; this file only
 * names the commands and dispatches. Refusals are thrown as DomainError (400/403/404/409).
 */

type Command<Type extends string, Data> = { type: Type; actor: CommandActor; data: Data };

export type SubmitApplication = Command<
  'SubmitApplication',
  {
    applicationId: string;
    serviceType?: string;
    channel: Channel;
    /** The kecamatan office that handles the application. */
    kecamatan: string;
    applicant: ApplicantData;
    family: FamilyData;
    newborn: NewbornData;
    /** "Ijazah sekolah (bagi yang sudah memiliki)": declared by the applicant. */
    memilikiIjazah?: boolean;
    /** Counter only: the requirements the applicant handed in. */
    presentedRequirementIds?: string[];
  }
>;
export type AttachDocument = Command<
  'AttachDocument',
  { documentId: string; requirementId: string; mediaType: string; sizeBytes: number; sha256: string }
>;
export type AcceptRequirement = Command<'AcceptRequirement', { requirementId: string }>;
export type RejectRequirement = Command<'RejectRequirement', { requirementId: string; reason: string }>;
export type VerifyData = Command<'VerifyData', Record<string, never>>;
export type RejectData = Command<'RejectData', { issues: DataIssue[] }>;
export type RequestCorrection = Command<'RequestCorrection', Record<string, never>>;
export type SubmitCorrection = Command<
  'SubmitCorrection',
  {
    changes?: { applicant?: Partial<Pick<ApplicantData, 'telepon' | 'email'>>; newborn?: Partial<NewbornData> };
  }
>;
export type ReturnFileAfterMissedDeadline = Command<'ReturnFileAfterMissedDeadline', Record<string, never>>;
export type ReturnFileAtCounter = Command<'ReturnFileAtCounter', { reason?: string }>;
export type CompleteVerification = Command<'CompleteVerification', Record<string, never>>;
export type AssignNewbornNik = Command<'AssignNewbornNik', { nik: string }>;
export type RecordSignature = Command<
  'RecordSignature',
  {
    documentId: string;
    sha256: string;
    /** From the signature itself (PdfSigner result): certificate serial (hex), subject DN, claimed time. */
    certificateSerial: string;
    signerSubject: string;
    signingTime: string;
  }
>;
export type RecordSigningFailure = Command<'RecordSigningFailure', { reasonCode: string; reason: string; retryable: boolean }>;
/** Printing at the counter names the workstation (the office's label for the PC or loket). */
export type RecordPrint = Command<'RecordPrint', { workstation: string }>;
/** Printing again needs a reason from the fixed list (REPRINT_REASONS); `note` is required for `lainnya`. */
export type RecordReprint = Command<'RecordReprint', { workstation: string; reasonCode: ReprintReason; note?: string }>;
export type IssueSelfPrintLink = Command<'IssueSelfPrintLink', { linkId: string; expiresAt: string }>;
/**
 * One download through a self-print link; `downloadId` is new for every download (each is recorded).
 * `served`: the signed KK being served, when the caller found it elsewhere (a read model): it must be the one signed now.
 */
export type RecordSelfPrint = Command<
  'RecordSelfPrint',
  { linkId: string; downloadId: string; served?: { documentId: string; sha256: string } }
>;
export type RecordCollection = Command<'RecordCollection', { collectorNik: string }>;
/** The penandatangan revokes the signed KK; `reason` (Indonesian, 3-500 characters) stays internal. */
export type RevokeSignedKk = Command<'RevokeSignedKk', { reason: string }>;
export type WithdrawApplication = Command<'WithdrawApplication', { reason?: string }>;
export type RejectApplication = Command<'RejectApplication', { reason: string }>;

export type ApplicationCommand =
  | SubmitApplication
  | AttachDocument
  | AcceptRequirement
  | RejectRequirement
  | VerifyData
  | RejectData
  | RequestCorrection
  | SubmitCorrection
  | ReturnFileAfterMissedDeadline
  | ReturnFileAtCounter
  | CompleteVerification
  | AssignNewbornNik
  | RecordSignature
  | RecordSigningFailure
  | RecordPrint
  | RecordReprint
  | IssueSelfPrintLink
  | RecordSelfPrint
  | RecordCollection
  | RevokeSignedKk
  | WithdrawApplication
  | RejectApplication;

export type ApplicationCommandType = ApplicationCommand['type'];

/** What decide needs from outside the stream. Time is always passed in, never read here. */
export interface DecideContext {
  now: Date;
  /** The catalog to judge a submission against; defaults to the bundled KK catalog. */
  catalog?: ServiceCatalog;
  /** Counter receipts: the caller's per-kecamatan, per-day sequence number for the receipt being issued. */
  receiptSequence?: number;
  /** Open applications (any channel) to check a submission against for duplicates. */
  openApplications?: readonly OpenApplicationSummary[];
}

export function decide(command: ApplicationCommand, state: ApplicationState, context: DecideContext): ApplicationEvent[] {
  if (command.type === 'SubmitApplication') return decideSubmit(command, state, context);
  if (state.status === 'none') throw notFound('APPLICATION_NOT_FOUND', 'Permohonan tidak ditemukan.');
  switch (command.type) {
    case 'AttachDocument':
      return decideAttachDocument(command, state, context);
    case 'AcceptRequirement':
      return decideAcceptRequirement(command, state, context);
    case 'RejectRequirement':
      return decideRejectRequirement(command, state, context);
    case 'VerifyData':
      return decideVerifyData(command, state, context);
    case 'RejectData':
      return decideRejectData(command, state, context);
    case 'RequestCorrection':
      return decideRequestCorrection(command, state, context);
    case 'SubmitCorrection':
      return decideSubmitCorrection(command, state, context);
    case 'ReturnFileAfterMissedDeadline':
      return decideMissedDeadline(command, state, context);
    case 'ReturnFileAtCounter':
      return decideReturnAtCounter(command, state, context);
    case 'CompleteVerification':
      return decideCompleteVerification(command, state, context);
    case 'AssignNewbornNik':
      return decideAssignNik(command, state, context);
    case 'RecordSignature':
      return decideSignature(command, state, context);
    case 'RecordSigningFailure':
      return decideSigningFailure(command, state, context);
    case 'RecordPrint':
      return decidePrint(command, state, context);
    case 'RecordReprint':
      return decideReprint(command, state, context);
    case 'IssueSelfPrintLink':
      return decideSelfPrintLink(command, state, context);
    case 'RecordSelfPrint':
      return decideSelfPrint(command, state, context);
    case 'RecordCollection':
      return decideCollection(command, state, context);
    case 'RevokeSignedKk':
      return decideRevocation(command, state, context);
    case 'WithdrawApplication':
      return decideWithdrawal(command, state, context);
    case 'RejectApplication':
      return decideRejection(command, state, context);
    default: {
      const unknown: never = command;
      throw new TypeError(`Unknown command ${(unknown as { type: string }).type}`);
    }
  }
}
