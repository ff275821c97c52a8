import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day counters summed per scope (the regency, each kecamatan), so the 30-day chart and today's
 * figures read one row per day whatever the number of cells a day fills (docs/statistics.md). The
 * projection's version 2 fills it by rebuilding from position 0 at its first start.
 */
export class StatisticsDailyTotal1766710000000 implements MigrationInterface {
  name = 'StatisticsDailyTotal1766710000000';

  async up(q: QueryRunner): Promise<void> {
    // The key leads with the scope: every query is one scope's range of days.
    await q.query(`
      CREATE TABLE IF NOT EXISTS statistics_daily_total (
        scope varchar(16) NOT NULL,
        day date NOT NULL,
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
        closed_without_kk int NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS statistics_daily_total`);
  }
}
