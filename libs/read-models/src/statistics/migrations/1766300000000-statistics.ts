import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTERS = `
  received int NOT NULL DEFAULT 0,
  completed int NOT NULL DEFAULT 0,
  completed_within_sla int NOT NULL DEFAULT 0,
  working_days_sum int NOT NULL DEFAULT 0,
  done_0d int NOT NULL DEFAULT 0,
  done_1d int NOT NULL DEFAULT 0,
  done_2d int NOT NULL DEFAULT 0,
  done_3d int NOT NULL DEFAULT 0,
  done_4_5d int NOT NULL DEFAULT 0,
  done_6_10d int NOT NULL DEFAULT 0,
  done_over_10d int NOT NULL DEFAULT 0,
  closed_without_kk int NOT NULL DEFAULT 0`;

/** The statistics counters per WIB day and month (decision 0021) and the slim per-application fold they come from. */
export class Statistics1766300000000 implements MigrationInterface {
  name = 'Statistics1766300000000';

  async up(q: QueryRunner): Promise<void> {
    // The primary keys lead with the period: every query is a range of days or months.
    await q.query(`
      CREATE TABLE IF NOT EXISTS statistics_daily (
        day date NOT NULL,
        kecamatan varchar(16) NOT NULL,
        channel varchar(32) NOT NULL,
        service varchar(64) NOT NULL,${COUNTERS},
        PRIMARY KEY (day, kecamatan, channel, service)
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS statistics_monthly (
        month date NOT NULL,
        kecamatan varchar(16) NOT NULL,
        channel varchar(32) NOT NULL,
        service varchar(64) NOT NULL,${COUNTERS},
        PRIMARY KEY (month, kecamatan, channel, service)
      )`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS statistics_application (
        application_id uuid PRIMARY KEY,
        revision int NOT NULL,
        state jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS statistics_application`);
    await q.query(`DROP TABLE IF EXISTS statistics_monthly`);
    await q.query(`DROP TABLE IF EXISTS statistics_daily`);
  }
}
