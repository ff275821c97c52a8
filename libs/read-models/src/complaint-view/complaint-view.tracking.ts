import type { SqlClient } from '../sql-client';

/**
 * The complainant's own lookup (public, by tracking number and code; the service checks the code):
 * the complaints whose id begins with the tracking number's 48 bits, as a range of the primary key
 * (an index scan, no extra column). What it selects is all the public page may show: never the
 * identity, the channel reference, notes, the unit or the free text of the complaint.
 */
export interface TrackedComplaint {
  complaintId: string;
  kind: string;
  category: string;
  status: string;
  receivedAt: Date;
  verifyBy: Date | null;
  answerBy: Date | null;
  answer: string | null;
  forwardedTo: string | null;
  closedAt: Date | null;
}

type Row = Record<string, unknown>;

/** `prefix`: the first 12 hex digits of the id (lower case). At most a few rows (48 bits rarely collide). */
export async function complaintsByIdPrefix(db: SqlClient, prefix: string): Promise<TrackedComplaint[]> {
  if (!/^[0-9a-f]{12}$/.test(prefix)) return [];
  const low = `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-0000-0000-000000000000`;
  const high = `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-ffff-ffff-ffffffffffff`;
  const { rows } = await db.query<Row>(
    `SELECT complaint_id, kind, category, status, received_at, verify_by, answer_by, answer, forwarded_to, closed_at
       FROM complaint_view WHERE complaint_id BETWEEN $1::uuid AND $2::uuid ORDER BY complaint_id LIMIT 5`,
    [low, high],
  );
  return rows.map((r) => ({
    complaintId: r.complaint_id as string,
    kind: r.kind as string,
    category: r.category as string,
    status: r.status as string,
    receivedAt: r.received_at as Date,
    verifyBy: r.verify_by as Date | null,
    answerBy: r.answer_by as Date | null,
    answer: r.answer as string | null,
    forwardedTo: r.forwarded_to as string | null,
    closedAt: r.closed_at as Date | null,
  }));
}
