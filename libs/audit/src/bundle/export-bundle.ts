import { createPublicKey } from 'node:crypto';
import type { ClientBase } from 'pg';
import { canonicalContent } from '@adminduk/event-store';
import { checkpointNote } from '../checkpoint/checkpoint-note';
import { postgresCheckpointStore } from '../checkpoint/postgres-checkpoint-store';
import { eventLeaf } from '../merkle/merkle-hash';
import { MerkleTree } from '../merkle/merkle-proofs';
import { BUNDLE_FORMAT, type AuditBundle, type BundleEvent } from './audit-bundle';

interface Row {
  transaction_id: string;
  position: string;
  revision: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * Builds the bundle of one stream against the latest checkpoint, read in one snapshot (call inside
 * a REPEATABLE READ transaction). The proofs need every leaf up to the checkpoint: the log's hashes
 * are read in global order (32 bytes an event) and must fold to the signed root, or the export is
 * refused: a bundle is never made from a log that no longer matches its checkpoint.
 */
export async function exportBundle(db: ClientBase, streamId: string, publicKeyPem: string, now: Date): Promise<AuditBundle> {
  const checkpoint = await postgresCheckpointStore.latest(db);
  if (!checkpoint) throw new Error('no signed checkpoint yet: an export needs one (the relay signs them; decision 0022)');
  const { rows } = await db.query<Row>(
    `SELECT transaction_id::text, position::text, revision::int, event_id::text, type, data, metadata, prev_hash, hash
       FROM es_events WHERE stream_id = $1 ORDER BY revision`,
    [streamId],
  );
  if (!rows.length) throw new Error(`no stream ${streamId}`);
  const [cpCommit, cpPrepare] = checkpoint.position.split('/');
  const leaves = await db.query<{ hash: string; transaction_id: string; position: string }>(
    `SELECT hash, transaction_id::text, position::text FROM es_events
      WHERE (transaction_id, position) <= ($1::text::xid8, $2::bigint) ORDER BY transaction_id, position`,
    [cpCommit, cpPrepare],
  );
  const tree = new MerkleTree(leaves.rows.map((r) => eventLeaf(r.hash)));
  if (tree.size !== checkpoint.treeSize || tree.hash().toString('hex') !== checkpoint.rootHash) {
    throw new Error(`the log no longer matches checkpoint ${checkpoint.treeSize}; run "adminduk audit verify"`);
  }
  const indexOf = new Map(leaves.rows.map((r, i) => [`${r.transaction_id}/${r.position}`, i]));
  const events: BundleEvent[] = [];
  for (const r of rows) {
    const position = `${r.transaction_id}/${r.position}`;
    const leafIndex = indexOf.get(position);
    if (leafIndex === undefined) break; // newer than the checkpoint
    const content = canonicalContent({ streamId, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata as never });
    events.push({
      revision: r.revision,
      position,
      eventId: r.event_id,
      type: r.type,
      data: r.data,
      metadata: r.metadata,
      content: content.body,
      contentHash: content.hash,
      prevHash: r.prev_hash,
      hash: r.hash,
      leafIndex,
      inclusionProof: tree.inclusionProof(leafIndex).map((h) => h.toString('hex')),
    });
  }
  const { frontier: _f, ...signed } = checkpoint;
  return {
    format: BUNDLE_FORMAT,
    streamId,
    exportedAt: now.toISOString(),
    checkpoint: { ...signed, note: checkpointNote(signed) },
    publicKey: createPublicKey(publicKeyPem).export({ format: 'pem', type: 'spki' }).toString(),
    events,
    eventsAfterCheckpoint: rows.length - events.length,
  };
}
