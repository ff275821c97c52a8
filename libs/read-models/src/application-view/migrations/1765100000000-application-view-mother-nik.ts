import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duplicate check of every submission looks up open applications by the mother's NIK
 * (PostgresOpenApplications.byMotherNik). Without an index that is a scan of the whole view,
 * de-TOASTing every row's state: its cost grows with every application ever projected.
 * Partial on the query's own predicate, so closed applications do not grow the index.
 */
export class ApplicationViewMotherNik1765100000000 implements MigrationInterface {
  name = 'ApplicationViewMotherNik1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS application_view_open_mother_nik ON application_view ((state->'newborn'->>'nikIbu')) WHERE bucket <> 'closed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS application_view_open_mother_nik`);
  }
}
