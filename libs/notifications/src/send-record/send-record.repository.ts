import type { Pool } from 'pg';
import { sendKey, type SendIdentity } from '../send-key';

/** What a claim found. Only `claimed` lets the caller send. */
export type ClaimResult =
  | { outcome: 'claimed'; key: string; attempt: number }
  | { outcome: 'already-sent'; key: string; messageId: string | null; sentAt: Date }
  /** Another sender holds the claim (or crashed holding it): try again after `until`. */
  | { outcome: 'in-progress'; key: string; until: Date };

export interface SendRecordOptions {
  /** How long a claim holds: longer than one send may take (SMTP timeouts included). */
  leaseMs?: number;
}

/**
 * The record of sends: check before sending (claim), record after (markSent). One message per
 * send key: concurrent claims of a key let exactly one through, and a sent key is never claimed
 * again. A sender that crashes between sending and markSent leaves a claim that expires after the
 * lease; the next claim then sends once more, with the same Message-ID (at most one repeat per crash).
 * Times are the database's clock, so senders on several hosts agree on leases.
 */
export class SendRecordRepository {
  private readonly leaseMs: number;

  constructor(
    private readonly pool: Pool,
    o: SendRecordOptions = {},
  ) {
    this.leaseMs = o.leaseMs ?? 60_000;
  }

  async claim(s: SendIdentity): Promise<ClaimResult> {
    const key = sendKey(s);
    // One statement: the insert, or the take-over of an expired or released claim, is atomic per row.
    const { rows } = await this.pool.query<{ attempts: number }>(
      `INSERT INTO notification_sends AS s (send_key, application_id, template, event_id, channel, attempts, claimed_until, last_attempt_at)
       VALUES ($1, $2, $3, $4, $5, 1, now() + make_interval(secs => $6::double precision / 1000), now())
       ON CONFLICT (send_key) DO UPDATE
         SET attempts = s.attempts + 1, claimed_until = EXCLUDED.claimed_until, last_attempt_at = now()
         WHERE s.sent_at IS NULL AND (s.claimed_until IS NULL OR s.claimed_until <= now())
       RETURNING attempts`,
      [key, s.applicationId, s.template, s.eventId, s.channel, this.leaseMs],
    );
    if (rows.length === 1) return { outcome: 'claimed', key, attempt: rows[0].attempts };
    const found = await this.pool.query<{ sent_at: Date | null; message_id: string | null; claimed_until: Date | null }>(
      `SELECT sent_at, message_id, claimed_until FROM notification_sends WHERE send_key = $1`,
      [key],
    );
    const row = found.rows[0];
    if (row?.sent_at) return { outcome: 'already-sent', key, messageId: row.message_id, sentAt: row.sent_at };
    return { outcome: 'in-progress', key, until: row?.claimed_until ?? new Date() };
  }

  /** Records a send the server accepted. */
  async markSent(key: string, messageId: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE notification_sends SET sent_at = now(), message_id = $2, claimed_until = NULL, last_error = NULL
       WHERE send_key = $1 AND sent_at IS NULL`,
      [key, messageId],
    );
  }

  /** Records a failed attempt and releases the claim, so the retry may claim at once. `error` holds no personal data. */
  async markFailed(key: string, error: string): Promise<void> {
    await this.pool.query(`UPDATE notification_sends SET last_error = $2, claimed_until = NULL WHERE send_key = $1 AND sent_at IS NULL`, [
      key,
      error.slice(0, 500),
    ]);
  }

  async find(key: string): Promise<SendRecord | null> {
    const { rows } = await this.pool.query(`SELECT * FROM notification_sends WHERE send_key = $1`, [key]);
    return rows[0] ? toRecord(rows[0] as Row) : null;
  }

  async forApplication(applicationId: string): Promise<SendRecord[]> {
    const { rows } = await this.pool.query(`SELECT * FROM notification_sends WHERE application_id = $1 ORDER BY created_at, send_key`, [
      applicationId,
    ]);
    return (rows as Row[]).map(toRecord);
  }
}

export interface SendRecord {
  key: string;
  applicationId: string;
  template: string;
  eventId: string;
  channel: string;
  messageId: string | null;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
}

interface Row {
  send_key: string;
  application_id: string;
  template: string;
  event_id: string;
  channel: string;
  message_id: string | null;
  attempts: number;
  sent_at: Date | null;
  last_error: string | null;
}

const toRecord = (r: Row): SendRecord => ({
  key: r.send_key,
  applicationId: r.application_id,
  template: r.template,
  eventId: r.event_id,
  channel: r.channel,
  messageId: r.message_id,
  attempts: r.attempts,
  sentAt: r.sent_at,
  lastError: r.last_error,
});
