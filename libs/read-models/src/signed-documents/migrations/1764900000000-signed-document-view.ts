import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Public verification of signed KKs (SignedDocumentView). */
export class SignedDocumentView1764900000000 implements MigrationInterface {
  name = 'SignedDocumentView1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS signed_document_view (
        application_id uuid PRIMARY KEY,
        family_key char(64) NOT NULL,
        kepala_keluarga_masked varchar(200) NOT NULL,
        status varchar(20) NOT NULL,
        document_id varchar(100),
        sha256 char(64),
        certificate_serial varchar(64),
        signer_name varchar(300),
        signing_time timestamptz,
        issue_date date,
        superseded_by_application_id uuid,
        superseded_by_issue_date date,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS signed_document_view_family ON signed_document_view (family_key)`);
    await q.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS signed_document_view_document ON signed_document_view (document_id) WHERE document_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX IF NOT EXISTS signed_document_view_sha256 ON signed_document_view (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS signed_document_view`);
  }
}
