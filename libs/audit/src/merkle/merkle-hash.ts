import { createHash } from 'node:crypto';

/**
 * RFC 9162 section 2.1.1 hashing: a leaf is SHA-256(0x00 ‖ data), an interior node
 * SHA-256(0x01 ‖ left ‖ right). The prefixes keep a leaf from passing for a node (second-preimage).
 * The log's leaf data is an event's 32-byte chain hash (docs/audit.md), which covers its stream,
 * revision, type, data, metadata and its stream predecessor.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: Buffer): Buffer => createHash('sha256').update(LEAF).update(data).digest();

export const nodeHash = (left: Buffer, right: Buffer): Buffer => createHash('sha256').update(NODE).update(left).update(right).digest();

/** MTH({}) : the hash of the empty string. */
export const EMPTY_TREE_ROOT = createHash('sha256').digest();

/** The leaf of an event, from its chain hash in hex. */
export const eventLeaf = (chainHashHex: string): Buffer => leafHash(Buffer.from(chainHashHex, 'hex'));
