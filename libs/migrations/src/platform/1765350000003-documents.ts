import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documents service's tables (services/documents documents-repository.ts): one row per upload
 * intent, and every granted download. Idempotent: older databases got them when the service started.
 */
export class Documents1765350000003 implements MigrationInterface {
  name = 'Documents1765350000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS documents (
        document_id uuid PRIMARY KEY,
        application_id text NOT NULL,
        requirement_id text NOT NULL,
        object_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'attached', 'discarded')),
        uploaded_by text NOT NULL,
        media_type text,
        size_bytes bigint,
        sha256 text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS documents_pending_idx ON documents (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX IF NOT EXISTS documents_application_idx ON documents (application_id)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS document_access_log (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL,
        application_id text NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        kecamatan text,
        disposition text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS document_access_log_document_idx ON document_access_log (document_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS document_access_log`);
    await q.query(`DROP TABLE IF EXISTS documents`);
  }
}
