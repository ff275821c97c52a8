import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notification_sends: one row per message the platform means to send, keyed by the send key
 * (application, template, triggering event, channel). Ids and times only: the recipient's address
 * stays in the event store. Idempotent, as every first version of a table in this project.
 */
export class NotificationSends1765600000000 implements MigrationInterface {
  name = 'NotificationSends1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS notification_sends (
      send_key text PRIMARY KEY,
      application_id text NOT NULL,
      template text NOT NULL,
      event_id text NOT NULL,
      channel text NOT NULL,
      -- The SMTP Message-ID (derived from send_key) or the text provider's id, once sent.
      message_id text,
      attempts integer NOT NULL DEFAULT 0,
      -- A sender holds the claim until then; after it, a crashed sender's claim may be taken over.
      claimed_until timestamptz,
      last_attempt_at timestamptz,
      sent_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX IF NOT EXISTS notification_sends_application_idx ON notification_sends (application_id)`);
    // What operators look at: sends that have not gone out yet.
    await q.query(`CREATE INDEX IF NOT EXISTS notification_sends_unsent_idx ON notification_sends (created_at) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_sends`);
  }
}

/** The notifications lib's migrations, oldest first, for the one runner (libs/migrations). */
export const NOTIFICATIONS_MIGRATIONS = [NotificationSends1765600000000];
