import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/**
 * RFC 9162 section 2.1.1 hashing: a leaf is SHA-256(0x00 ‖ data), an interior node
 * SHA-256(0x01 ‖ left ‖ right). The prefixes keep a leaf from passing for a node (second-preimage).
 * The log's leaf data is an event's 32-byte chain hash (docs/audit.md), which covers its stream,
 * revision, type, data, metadata and its stream predecessor.
 */
export const leafHash = (data: Buffer): Buffer => sha256(prefixed(0, data));

export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(prefixed(1, left, right));

function prefixed(prefix: number, a: Buffer, b?: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + a.length + (b?.length ?? 0));
  out[0] = prefix;
  a.copy(out, 1);
  b?.copy(out, 1 + a.length);
  return out;
}

// One-shot hashing (Node >= 20.12) skips the Hash object: verify computes a leaf and a node per event.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
const sha256 = (data: Buffer): Buffer => (oneShot ? oneShot('sha256', data, 'buffer') : createHash('sha256').update(data).digest());

/** MTH({}) : the hash of the empty string. */
export const EMPTY_TREE_ROOT = createHash('sha256').digest();

/** The leaf of an event, from its chain hash in hex. */
export function eventLeaf(chainHashHex: string): Buffer {
  const input = Buffer.allocUnsafe(1 + (chainHashHex.length >>> 1));
  input[0] = 0;
  // As Buffer.from(hex): decoding stops at the first character that is not hex; only what was decoded is hashed.
  const decoded = input.write(chainHashHex, 1, 'hex');
  return sha256(input.subarray(0, 1 + decoded));
}
