import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReadModels1764290000000 implements MigrationInterface {
  name = 'InitialReadModels1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        projection varchar(100) PRIMARY KEY,
        position varchar(60) NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS application_view (
        application_id uuid PRIMARY KEY,
        kecamatan varchar(8) NOT NULL,
        desa varchar(13),
        submitted_by varchar(100) NOT NULL,
        service_type varchar(60) NOT NULL,
        channel varchar(20) NOT NULL,
        bucket varchar(30) NOT NULL,
        status varchar(40) NOT NULL,
        status_label varchar(120) NOT NULL,
        receipt_number varchar(40),
        submitted_at timestamptz NOT NULL,
        sla_due_at timestamptz,
        correction_due_at timestamptz,
        duplicate_of uuid,
        last_revision int NOT NULL,
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS application_view_queue ON application_view (kecamatan, bucket, submitted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS application_view`);
    await q.query(`DROP TABLE IF EXISTS projection_checkpoints`);
  }
}
