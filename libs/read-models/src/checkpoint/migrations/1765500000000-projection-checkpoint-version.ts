import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each checkpoint keeps the version of the projection code that built its rows (Projection.version).
 * Rows built before versions existed count as version 1; a projection declaring another version
 * rebuilds itself at start (rebuildChangedProjections).
 */
export class ProjectionCheckpointVersion1765500000000 implements MigrationInterface {
  name = 'ProjectionCheckpointVersion1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints DROP COLUMN IF EXISTS version`);
  }
}
