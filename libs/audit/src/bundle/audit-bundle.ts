import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { GENESIS_HASH, canonicalContent, linkHash } from '@adminduk/event-store';
import { checkpointNote, checkpointSignatureValid, keyIdOf, type SignedCheckpoint } from '../checkpoint/checkpoint-note';
import { eventLeaf } from '../merkle/merkle-hash';
import { verifyInclusion } from '../merkle/merkle-proofs';

/**
 * An export bundle (`adminduk export`): one stream's events with everything a third party needs to
 * check them offline, with `adminduk verify-bundle` or with openssl, sha256sum and jq
 * (docs/audit.md): each event's hashed bytes, its chain link, its inclusion proof in a signed
 * checkpoint's Merkle tree, the checkpoint, its signature and the key's id.
 */
export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  streamId: string;
  exportedAt: string;
  checkpoint: SignedCheckpoint & { note: string };
  /** The signing key (SPKI PEM), for convenience: trust it only when its id is the published one. */
  publicKey: string;
  events: BundleEvent[];
  /** Events of the stream newer than the checkpoint: not in the bundle until the next checkpoint. */
  eventsAfterCheckpoint: number;
}

export interface BundleEvent {
  revision: number;
  position: string;
  eventId: string;
  type: string;
  data: unknown;
  /** The writer's metadata (without the chain fields, which follow). */
  metadata: Record<string, unknown>;
  /**
   * The exact bytes SHA-256 was taken of: stream, revision, type, data and metadata as JSON, in the
   * event's hash version (1: canonical JSON; 2, metadata.hashVersion: PostgreSQL's jsonb text).
   */
  content: string;
  contentHash: string;
  prevHash: string;
  hash: string;
  leafIndex: number;
  /** RFC 9162 audit path from this event's leaf to the checkpoint's root, hex. */
  inclusionProof: string[];
}

export const BUNDLE_FORMAT = 'adminduk-audit-bundle/v1';

/**
 * Every problem with a bundle, or none. `trustedKey` is the published checkpoint key; without it
 * the bundle's own key is used, which proves integrity but not origin (the caller says so).
 */
export function verifyBundle(bundle: AuditBundle, trustedKey?: KeyObject): string[] {
  const problems: string[] = [];
  if (bundle?.format !== BUNDLE_FORMAT) return [`not an ${BUNDLE_FORMAT} bundle`];
  const c = bundle.checkpoint;
  let key: KeyObject;
  try {
    key = trustedKey ?? createPublicKey(bundle.publicKey);
  } catch {
    return ['the bundle carries no usable public key; pass the published one (--key)'];
  }
  if (c.keyId !== keyIdOf(key)) problems.push(`checkpoint signed by key ${c.keyId}, not by the trusted key ${keyIdOf(key)}`);
  if (c.note !== checkpointNote(c)) problems.push('checkpoint: its note does not state its tree size, root, position and time');
  if (!checkpointSignatureValid(c, key)) problems.push(`checkpoint ${c.treeSize}: signature does not verify`);
  const root = Buffer.from(c.rootHash, 'hex');
  let prev = GENESIS_HASH;
  bundle.events.forEach((e, i) => {
    const at = `event revision ${e.revision} (${e.eventId})`;
    if (e.revision !== i) problems.push(`${at}: expected revision ${i} (the bundle must hold the stream from its start)`);
    const content = canonicalContent({
      streamId: bundle.streamId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata as never,
    });
    if (content.body !== e.content) problems.push(`${at}: its data, metadata or type differ from the hashed content`);
    if (sha256(e.content) !== e.contentHash) problems.push(`${at}: content hash does not match its content`);
    if (e.prevHash !== prev) problems.push(`${at}: prevHash is not the previous event's hash`);
    if (linkHash(e.prevHash, e.contentHash) !== e.hash) problems.push(`${at}: hash is not SHA-256(prevHash ‖ contentHash)`);
    const proof = e.inclusionProof.map((h) => Buffer.from(h, 'hex'));
    if (!verifyInclusion(e.leafIndex, c.treeSize, eventLeaf(e.hash), proof, root)) {
      problems.push(`${at}: not included in checkpoint ${c.treeSize} (inclusion proof fails)`);
    }
    prev = e.hash;
  });
  return problems;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
