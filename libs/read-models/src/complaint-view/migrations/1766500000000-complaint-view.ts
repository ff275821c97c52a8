import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The complaint-handling view (ComplaintView) and the indexes its queries need so they do not grow with history. */
export class ComplaintView1766500000000 implements MigrationInterface {
  name = 'ComplaintView1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS complaint_view (
        complaint_id uuid PRIMARY KEY,
        kind varchar(20) NOT NULL,
        category varchar(40) NOT NULL,
        channel varchar(40) NOT NULL,
        channel_reference varchar(200),
        lapor_tracking_number varchar(40),
        summary varchar(200) NOT NULL,
        description text NOT NULL,
        kecamatan varchar(8),
        application_id varchar(64),
        receipt_number varchar(64),
        anonymous boolean NOT NULL,
        complainant_name varchar(120),
        complainant_email varchar(200),
        complainant_phone varchar(20),
        status varchar(20) NOT NULL,
        received_at timestamptz NOT NULL,
        verify_by timestamptz,
        answer_by timestamptz,
        next_due_at timestamptz,
        next_due_stage varchar(20),
        escalated_due_at timestamptz,
        escalations int NOT NULL DEFAULT 0,
        tier varchar(20),
        unit varchar(200),
        forwarded_to varchar(200),
        answer text,
        satisfaction varchar(20),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    // Open complaints only (closed ones are history): the queue by deadline, per kecamatan, per
    // category, the deadline scan and the open-by-age figures read these partial indexes.
    await q.query(`CREATE INDEX IF NOT EXISTS complaint_view_queue ON complaint_view (next_due_at, received_at) WHERE status <> 'closed'`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS complaint_view_queue_kecamatan ON complaint_view (kecamatan, next_due_at, received_at) WHERE status <> 'closed'`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS complaint_view_queue_category ON complaint_view (category, next_due_at, received_at) WHERE status <> 'closed'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS complaint_view_lapor ON complaint_view (lapor_tracking_number) WHERE lapor_tracking_number IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS complaint_view`);
  }
}
