import type { EntityManager } from 'typeorm';
import { complaintIdOfStream, type ComplaintEvent } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import type { Projection } from '../checkpoint/apply-in-transaction';

/**
 * The complaint-handling view (complaint_view): one row per complaint stream, updated per event.
 * A complaint has a handful of events, so each is one statement; the checkpoint moves in the same
 * transaction, so every event is applied exactly once and a rebuild replays the streams.
 */
export class ComplaintViewProjection implements Projection {
  readonly name = 'complaint-view';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['complaint_view'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;

  async apply(recorded: RecordedEvent, em: EntityManager): Promise<void> {
    if (streamCategory(recorded.streamId) !== 'complaint') return;
    const id = complaintIdOfStream(recorded.streamId);
    if (!id) return;
    const e = toDomainEvent<ComplaintEvent>(recorded);
    const [sql, params] = statementFor(id, e);
    if (sql) await em.query(sql, params);
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE complaint_view');
  }
}

const UPDATE = (set: string) => `UPDATE complaint_view SET ${set}, updated_at = $2 WHERE complaint_id = $1`;

function statementFor(id: string, e: ComplaintEvent): [string | undefined, unknown[]] {
  switch (e.type) {
    case 'ComplaintReceived': {
      const d = e.data;
      return [
        `INSERT INTO complaint_view (complaint_id, kind, category, channel, channel_reference, lapor_tracking_number, summary,
           description, kecamatan, application_id, receipt_number, anonymous, complainant_name, complainant_email, complainant_phone,
           status, received_at, verify_by, next_due_at, next_due_stage, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'received', $16, $17, $17, 'verification', $16)
         ON CONFLICT (complaint_id) DO NOTHING`,
        [
          id,
          d.kind,
          d.category,
          d.channel,
          d.channelReference ?? null,
          d.laporTrackingNumber ?? null,
          d.summary,
          d.description,
          d.kecamatan ?? null,
          d.application?.applicationId ?? null,
          d.application?.receiptNumber ?? null,
          !d.complainant,
          d.complainant?.name ?? null,
          d.complainant?.email ?? null,
          d.complainant?.phone ?? null,
          d.at,
          d.verifyBy,
        ],
      ];
    }
    case 'ComplaintVerified': {
      const d = e.data;
      if (d.outcome === 'valid')
        return [
          UPDATE(`status = 'verified', tier = $3, answer_by = $4, next_due_at = $4, next_due_stage = 'answer'`),
          [id, d.at, d.tier, d.answerBy],
        ];
      if (d.outcome === 'forwarded')
        return [UPDATE(`status = 'forwarded', forwarded_to = $3, next_due_at = NULL, next_due_stage = NULL`), [id, d.at, d.forwardedTo]];
      return [UPDATE(`status = 'needs-information', next_due_at = NULL, next_due_stage = NULL`), [id, d.at]];
    }
    case 'ComplaintInformationSupplied':
    case 'ComplaintReopened':
      return [
        UPDATE(`status = 'received', verify_by = $3, next_due_at = $3, next_due_stage = 'verification', answer_by = NULL, answer = NULL,
                satisfaction = NULL, closed_at = NULL`),
        [id, e.data.at, e.data.verifyBy],
      ];
    case 'ComplaintDisposed':
      return [UPDATE(`status = 'disposed', unit = $3`), [id, e.data.at, e.data.unit]];
    case 'ComplaintAnswered':
      return [UPDATE(`status = 'answered', answer = $3, next_due_at = NULL, next_due_stage = NULL`), [id, e.data.at, e.data.answer]];
    case 'ComplaintEscalated':
      return [UPDATE(`escalated_due_at = $3, escalations = escalations + 1`), [id, e.data.at, e.data.dueAt]];
    case 'ComplaintFollowUpInstructed':
      return [UPDATE(`camat_instruction = $3, camat_instructed_at = $2`), [id, e.data.at, e.data.instruction]];
    case 'ComplaintClosed':
      return [
        UPDATE(`status = 'closed', satisfaction = $3, closed_at = $2, next_due_at = NULL, next_due_stage = NULL`),
        [id, e.data.at, e.data.satisfaction],
      ];
    default:
      return [undefined, []];
  }
}
