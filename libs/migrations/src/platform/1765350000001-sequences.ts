import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Serial numbers per key (receipt numbers, NIK serials): libs/application-commands
 * postgres-sequence-source.ts. Idempotent: older databases created it on first use.
 */
export class Sequences1765350000001 implements MigrationInterface {
  name = 'Sequences1765350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS sequences (key varchar(120) PRIMARY KEY, value bigint NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sequences`);
  }
}
