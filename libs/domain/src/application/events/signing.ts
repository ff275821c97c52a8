import type { Event, StaffRef } from './event';

/** Events of the signing step: the newborn's NIK, the signature (or its failure), revocation. */

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
/**
 * The penandatangan revoked the signed KK (e.g. issued in error): it is no longer valid, whatever
 * happened to the printed card. `reason` is internal (staff only); the public verification never
 * shows it. Possible after collection or self-print too: the only event after a terminal one.
 */
export type KkRevoked = Event<'KkRevoked', { documentId: string; reason: string; revokedBy: StaffRef; at: string }>;
