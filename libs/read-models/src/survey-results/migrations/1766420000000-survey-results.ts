import type { MigrationInterface, QueryRunner } from 'typeorm';

/** IKM survey totals per period, kecamatan and service (SurveyResults). */
export class SurveyResults1766420000000 implements MigrationInterface {
  name = 'SurveyResults1766420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS survey_results (
        period_kind varchar(8) NOT NULL,
        period varchar(8) NOT NULL,
        kecamatan varchar(16) NOT NULL,
        service_type varchar(100) NOT NULL,
        respondents int NOT NULL,
        sums jsonb NOT NULL,
        PRIMARY KEY (period_kind, period, kecamatan, service_type)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS survey_results`);
  }
}
