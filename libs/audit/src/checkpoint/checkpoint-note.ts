import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed checkpoint (an RFC 9162 signed tree head): after the first `treeSize` events of the
 * global log, whose last is at `position`, the Merkle root was `rootHash`. What is signed is the
 * note's text, byte for byte, so a third party checks it with openssl alone (docs/audit.md):
 *
 *   adminduk-event-log/v1
 *   <treeSize>
 *   <rootHash, hex>
 *   <position, commit/prepare>
 *   <issuedAt, ISO-8601 UTC>
 */
export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  position: string;
  issuedAt: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** SHA-256 (hex) of the signing key's public key in SPKI DER: `openssl pkey -pubin -outform DER | sha256sum`. */
  keyId: string;
  /** Ed25519 signature of `checkpointNote(...)`, base64. */
  signature: string;
}

export const CHECKPOINT_NOTE_HEADER = 'adminduk-event-log/v1';

export function checkpointNote(c: Checkpoint): string {
  return `${CHECKPOINT_NOTE_HEADER}\n${c.treeSize}\n${c.rootHash}\n${c.position}\n${c.issuedAt}\n`;
}

/** The checkpoint a note states, or null when it is not one. */
export function parseCheckpointNote(note: string): Checkpoint | null {
  const m = /^adminduk-event-log\/v1\n(\d+)\n([0-9a-f]{64})\n(-?\d+\/-?\d+)\n(\S+)\n$/.exec(note);
  return m ? { treeSize: Number(m[1]), rootHash: m[2], position: m[3], issuedAt: m[4] } : null;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex');
}

export function signCheckpoint(c: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, Buffer.from(checkpointNote(c)), privateKey).toString('base64');
  return { ...c, keyId: keyIdOf(createPublicKey(privateKey)), signature };
}

/** True when `c` is signed by `publicKey` (and names that key). */
export function checkpointSignatureValid(c: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (c.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, Buffer.from(checkpointNote(c)), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}
