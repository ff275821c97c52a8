import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Print and reprint counts per signed KK (KkPrintView); the print queue itself reads application_view. */
export class KkPrintView1765700000000 implements MigrationInterface {
  name = 'KkPrintView1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS kk_print_view (
        application_id uuid PRIMARY KEY,
        prints int NOT NULL DEFAULT 0,
        reprints int NOT NULL DEFAULT 0,
        reprint_reasons jsonb NOT NULL DEFAULT '{}',
        first_printed_at timestamptz NOT NULL,
        last_printed_at timestamptz NOT NULL,
        last_printed_by varchar(100) NOT NULL,
        last_workstation varchar(64)
      )`);
    // The print queue: signed, not printed, per kecamatan, by due time (application_view's bucket).
    await q.query(
      `CREATE INDEX IF NOT EXISTS application_view_print_queue ON application_view (kecamatan, sla_due_at, submitted_at) WHERE bucket = 'to-print'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS application_view_print_queue`);
    await q.query(`DROP TABLE IF EXISTS kk_print_view`);
  }
}
