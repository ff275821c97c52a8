import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate check's own record of submissions (libs/application-commands,
 * PostgresOpenApplications): the writer inserts a row in the transaction that holds the per-mother
 * advisory lock, committed before the next submission for that mother may read (and deleted again
 * when the submission opens nothing). It holds what the
 * view already holds (the mother's NIK only as a SHA-256). Whether an application is still open
 * comes from application_view once the view has it; until then it counts as open. Text columns:
 * the row is written before the decider has judged the data.
 */
export class ApplicationSubmissions1765300000000 implements MigrationInterface {
  name = 'ApplicationSubmissions1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS application_submissions (
        application_id uuid PRIMARY KEY,
        mother_nik_hash char(64) NOT NULL,
        birth_date text NOT NULL,
        newborn_name text NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS application_submissions_mother ON application_submissions (mother_nik_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS application_submissions`);
  }
}
