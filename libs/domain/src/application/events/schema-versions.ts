import type { StaffRef } from './event';
import type { ApplicationEvent, ApplicationEventType } from './index';

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
