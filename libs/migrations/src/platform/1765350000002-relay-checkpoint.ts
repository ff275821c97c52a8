import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's position in the event store, one row per relay name: services/relay
 * relay-checkpoint.ts. Idempotent: older databases got it when a relay first led.
 */
export class RelayCheckpoint1765350000002 implements MigrationInterface {
  name = 'RelayCheckpoint1765350000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS relay_checkpoint (
      name text PRIMARY KEY,
      position text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS relay_checkpoint`);
  }
}
