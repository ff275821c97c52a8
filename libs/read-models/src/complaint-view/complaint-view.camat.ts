import type { EscalatedComplaint } from '@adminduk/api-contracts';
import { PUNGUTAN_LIAR } from '@adminduk/domain';
import type { SqlClient } from '../sql-client';

type Row = Record<string, unknown>;

/**
 * The camat's list: the open complaints about their kecamatan that a missed deadline escalated to
 * them. As for operators: never the complainant's identity nor the channel's reference, and never a
 * pungutan-liar report (it accuses the staff of the camat's own office; those go to the Inspektorat,
 * docs/complaints.md). The decider's `camatMayActOn` says the same for the camat's instruction.
 * Reads the partial index complaint_view_escalated (open and escalated rows only). The rows are the
 * route's answer (libs/api-contracts EscalatedComplaint).
 */
export async function escalatedComplaintsForCamat(
  db: SqlClient,
  kecamatan: string,
  page: { limit: number; offset: number },
): Promise<{ items: EscalatedComplaint<Date>[]; total: number }> {
  const { rows } = await db.query<Row>(
    `SELECT complaint_id, kind, category, channel, summary, kecamatan, status, received_at, next_due_at, next_due_stage,
            escalated_due_at, escalations, camat_instruction, camat_instructed_at, count(*) OVER () AS total
       FROM complaint_view
      WHERE kecamatan = $1 AND category <> $2 AND status <> 'closed' AND escalations > 0
      ORDER BY received_at ASC, complaint_id ASC
      LIMIT $3 OFFSET $4`,
    [kecamatan, PUNGUTAN_LIAR, page.limit, page.offset],
  );
  const items = rows.map((r): EscalatedComplaint<Date> => ({
    complaintId: r.complaint_id as string,
    kind: r.kind as string,
    category: r.category as string,
    channel: r.channel as string,
    summary: r.summary as string,
    kecamatan: r.kecamatan as string,
    status: r.status as string,
    receivedAt: r.received_at as Date,
    nextDueAt: r.next_due_at as Date | null,
    nextDueStage: r.next_due_stage as string | null,
    escalatedDueAt: r.escalated_due_at as Date | null,
    escalations: Number(r.escalations),
    camatInstruction: r.camat_instruction as string | null,
    camatInstructedAt: r.camat_instructed_at as Date | null,
  }));
  return { items, total: rows.length > 0 ? Number(rows[0].total) : 0 };
}
