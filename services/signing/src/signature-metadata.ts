import type { RecordSignature } from '@adminduk/domain';

/** The signature's details kept with its PDF (object metadata is ASCII: the subject is URI-encoded). */
export function signatureMetadata(s: RecordSignature['data']): Record<string, string> {
  return {
    'certificate-serial': s.certificateSerial,
    'signer-subject': encodeURIComponent(s.signerSubject),
    'signing-time': s.signingTime,
  };
}

/** The signature a stored PDF carries, from its key and metadata; null when either is incomplete (a cut upload). */
export function signatureFromMetadata(documentId: string, key: string, m: Record<string, string>): RecordSignature['data'] | null {
  const sha256 = /\/([0-9a-f]{64})\.pdf$/.exec(key)?.[1];
  if (!sha256 || !m['certificate-serial'] || !m['signer-subject'] || !m['signing-time']) return null;
  return {
    documentId,
    sha256,
    certificateSerial: m['certificate-serial'],
    signerSubject: decodeURIComponent(m['signer-subject']),
    signingTime: m['signing-time'],
  };
}
