import type { FrontierJson } from '../merkle/merkle-frontier';
import type { SignedCheckpoint } from './checkpoint-note';

/** A pg Client or Pool (the checkpointer writes on the relay's lock connection). */
export interface Queryable {
  query<R = unknown>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface StoredCheckpoint extends SignedCheckpoint {
  frontier: FrontierJson;
}

interface Row {
  tree_size: string;
  position: string;
  root_hash: string;
  issued_at: Date;
  key_id: string;
  signature: string;
  frontier: FrontierJson;
}

const toCheckpoint = (r: Row): StoredCheckpoint => ({
  treeSize: Number(r.tree_size),
  position: r.position,
  rootHash: r.root_hash,
  issuedAt: r.issued_at.toISOString(),
  keyId: r.key_id,
  signature: r.signature,
  frontier: r.frontier,
});

/** The audit_checkpoint table (migration AuditCheckpoints1766522000000), in the search_path's schema. */
export const postgresCheckpointStore = {
  async latest(db: Queryable): Promise<StoredCheckpoint | null> {
    const { rows } = await db.query<Row>('SELECT * FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1');
    return rows[0] ? toCheckpoint(rows[0]) : null;
  },

  /** Every checkpoint, oldest first (a few thousand rows at most: one per N events). */
  async all(db: Queryable): Promise<StoredCheckpoint[]> {
    const { rows } = await db.query<Row>('SELECT * FROM audit_checkpoint ORDER BY tree_size');
    return rows.map(toCheckpoint);
  },

  async save(db: Queryable, c: StoredCheckpoint): Promise<void> {
    await db.query(
      `INSERT INTO audit_checkpoint (tree_size, position, root_hash, issued_at, key_id, signature, frontier)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (tree_size) DO NOTHING`,
      [c.treeSize, c.position, c.rootHash, c.issuedAt, c.keyId, c.signature, JSON.stringify(c.frontier)],
    );
  },
};
