import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The holiday-calendar read model (holiday_year_view), and the flag on application_view that says
 * its SLA due time counts a day of a year whose holiday list is not published yet (provisional).
 */
export class HolidayYearView1765600000000 implements MigrationInterface {
  name = 'HolidayYearView1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS holiday_year_view (
        year int PRIMARY KEY,
        days jsonb NOT NULL,
        decree_number text NOT NULL,
        decree_date text NOT NULL,
        corrections int NOT NULL DEFAULT 0,
        last_revision int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE application_view ADD COLUMN IF NOT EXISTS sla_due_provisional boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_view DROP COLUMN IF EXISTS sla_due_provisional`);
    await q.query(`DROP TABLE IF EXISTS holiday_year_view`);
  }
}
