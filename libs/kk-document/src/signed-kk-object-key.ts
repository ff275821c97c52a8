/**
 * Object key of a signed KK: ids and hash only, nothing personal. The hash is part of the key so
 * that two racing signatures of one application never overwrite the bytes KkSigned registered.
 * The signing service writes it; printing and self-print read it from KkSigned's documentId and sha256.
 */
export const signedKkObjectKey = (documentId: string, sha256: string): string => `kk/${documentId}/${sha256}.pdf`;
