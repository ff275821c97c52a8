import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public status lookup (gateway GET /api/public/lacak): `tracking_key` is the SHA-256 of the
 * application id, the applicant's birth date and the last four NIK digits (tracking-key.ts), looked
 * up by receipt number. Filled by the projection: its version 4 rebuilds the view at start.
 */
export class ApplicationViewTrackingKey1765800000000 implements MigrationInterface {
  name = 'ApplicationViewTrackingKey1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_view ADD COLUMN IF NOT EXISTS tracking_key char(64)`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS application_view_receipt_number ON application_view (receipt_number) WHERE receipt_number IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS application_view_receipt_number`);
    await q.query(`ALTER TABLE application_view DROP COLUMN IF EXISTS tracking_key`);
  }
}
