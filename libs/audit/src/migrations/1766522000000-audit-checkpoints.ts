import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signed checkpoints over the global log (libs/audit, decision 0022), one row per tree size.
 * `frontier` is the Merkle tree's right border at that size, so the checkpointer resumes and the
 * verifier checks each interval on its own; it is trusted only once its root equals the signed one.
 */
export class AuditCheckpoints1766522000000 implements MigrationInterface {
  name = 'AuditCheckpoints1766522000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_checkpoint (
      tree_size bigint PRIMARY KEY,
      position text NOT NULL,
      root_hash text NOT NULL,
      issued_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL,
      frontier jsonb NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_checkpoint`);
  }
}

export const AUDIT_MIGRATIONS = [AuditCheckpoints1766522000000];
