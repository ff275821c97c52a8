import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The camat's step on escalated complaints: the last follow-up instruction and when it was given
 * (ComplaintFollowUpInstructed), and the partial index of the camat's list (open complaints that
 * were escalated, per kecamatan, oldest first). The event is new, so existing rows need no rebuild.
 */
export class ComplaintViewCamat1766610000000 implements MigrationInterface {
  name = 'ComplaintViewCamat1766610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_view ADD COLUMN IF NOT EXISTS camat_instruction text`);
    await q.query(`ALTER TABLE complaint_view ADD COLUMN IF NOT EXISTS camat_instructed_at timestamptz`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS complaint_view_escalated ON complaint_view (kecamatan, received_at)
        WHERE status <> 'closed' AND escalations > 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaint_view_escalated`);
    await q.query(`ALTER TABLE complaint_view DROP COLUMN IF EXISTS camat_instructed_at`);
    await q.query(`ALTER TABLE complaint_view DROP COLUMN IF EXISTS camat_instruction`);
  }
}
