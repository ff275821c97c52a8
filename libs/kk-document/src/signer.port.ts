import { SignatureRect } from './pdf/signature-field';

/** Where and how the visible signature appears (BSrE calls this the signature "placement"). */
export interface SignaturePlacement extends SignatureRect {
  /** QR code image a remote provider may stamp in the rectangle; local signing leaves the page as rendered. */
  qrPng?: Buffer;
}

/** The signer's own credentials for a remote TTE provider, entered per batch and never stored. */
export interface SignerCredentials {
  nik: string;
  passphrase: string;
}

export interface SignRequest {
  /** The unsigned PDF. */
  pdf: Buffer;
  placement: SignaturePlacement;
  reason: string;
  location: string;
  /** Claimed signing time (the /M entry); defaults to now. */
  signingTime?: Date;
  /** Required by the remote TTE signer; ignored by the local PKCS#12 signer. */
  credentials?: SignerCredentials;
}

/** What the signed event records about a signature; no personal data besides the official's certificate subject. */
export interface SignedPdf {
  pdf: Buffer;
  /** SHA-256 of the signed PDF, hex. */
  sha256: string;
  /** Signer certificate serial, upper-case hex. */
  certificateSerial: string;
  /** Signer certificate subject, e.g. `CN=...,O=...,C=ID`. */
  signerSubject: string;
  signerCommonName: string | null;
  signingTime: Date;
  subFilter: string;
}

/** Port: turns an unsigned PDF into a PAdES-signed one. Adapters: local PKCS#12, remote TTE (BSrE-style). */
export interface PdfSigner {
  readonly kind: 'pkcs12' | 'remote-tte';
  sign(request: SignRequest): Promise<SignedPdf>;
}

/** Why signing failed; the signing-failed event carries this code. */
export type SigningErrorCode =
  | 'SIGNER_UNREACHABLE' // network error, timeout, 5xx: retry later
  | 'BAD_PASSPHRASE' // the signer must re-enter the passphrase
  | 'SIGNER_NOT_AUTHORIZED' // NIK unknown or certificate not active
  | 'CREDENTIALS_REQUIRED'
  | 'INVALID_SIGNER_RESPONSE' // the provider answered something that is not a valid signature of our PDF
  | 'INVALID_DOCUMENT'; // the PDF cannot be prepared for signing

export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SigningError';
  }
}

export class SignerUnreachableError extends SigningError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SIGNER_UNREACHABLE', message, true, options);
    this.name = 'SignerUnreachableError';
  }
}

export class BadPassphraseError extends SigningError {
  constructor(message = 'passphrase rejected by the signer') {
    super('BAD_PASSPHRASE', message, false);
    this.name = 'BadPassphraseError';
  }
}
