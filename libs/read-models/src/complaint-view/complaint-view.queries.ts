import type { ComplaintDetail, ComplaintSummary } from '@adminduk/api-contracts';
import { PUNGUTAN_LIAR } from '@adminduk/domain';
import type { SqlClient } from '../sql-client';

/**
 * Who reads the complaint view, and what that allows (docs/complaints.md, confidentiality):
 *  - the petugas pengaduan and auditors see every complaint, and the complainant's identity on the
 *    detail (the service records the auditor's read in the personal-data access log first);
 *  - an operator sees the complaints about their own kecamatan, never the identity, never the
 *    channel's reference (a phone number, a sender's address), and never a pungli report: it
 *    accuses the staff of the kecamatan it names, which is theirs.
 * Enforced here, in SQL, so no route can forget it.
 */
export type ComplaintViewer = { role: 'petugas-pengaduan' | 'auditor' } | { role: 'operator-kecamatan'; kecamatan: string };

export const seesComplainantIdentity = (v: ComplaintViewer): boolean => v.role === 'petugas-pengaduan' || v.role === 'auditor';

export interface ComplaintQueueFilter {
  kecamatan?: string;
  category?: string;
  /** Open complaints only (default), or closed ones too. */
  includeClosed?: boolean;
  limit: number;
  offset: number;
}

// The rows are what the staff's routes answer (libs/api-contracts ComplaintSummary, ComplaintDetail): Dates here, ISO strings in JSON.
const SUMMARY_COLUMNS = `complaint_id, kind, category, channel, lapor_tracking_number, summary, kecamatan, status, received_at, verify_by,
  answer_by, next_due_at, next_due_stage, escalations`;
const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, description, application_id, receipt_number, tier, unit, forwarded_to, answer, satisfaction, closed_at`;
const IDENTITY_COLUMNS = `channel_reference, anonymous, complainant_name, complainant_email, complainant_phone`;

/** The viewer's scope as a WHERE fragment, its parameters numbered from `from`. */
function scopeOf(viewer: ComplaintViewer, from: number): { sql: string; params: unknown[] } {
  if (viewer.role !== 'operator-kecamatan') return { sql: 'TRUE', params: [] };
  return { sql: `kecamatan = $${from} AND category <> $${from + 1}`, params: [viewer.kecamatan, PUNGUTAN_LIAR] };
}

type Row = Record<string, unknown>;

function summaryOf(r: Row): ComplaintSummary<Date> {
  return {
    complaintId: r.complaint_id as string,
    kind: r.kind as string,
    category: r.category as string,
    channel: r.channel as string,
    laporTrackingNumber: r.lapor_tracking_number as string | null,
    summary: r.summary as string,
    kecamatan: r.kecamatan as string | null,
    status: r.status as string,
    receivedAt: r.received_at as Date,
    verifyBy: r.verify_by as Date | null,
    answerBy: r.answer_by as Date | null,
    nextDueAt: r.next_due_at as Date | null,
    nextDueStage: r.next_due_stage as string | null,
    escalations: Number(r.escalations),
  };
}

/**
 * The handling queue: the nearest running deadline first (then the oldest), filtered by kecamatan
 * and category, paged. Open complaints read the partial indexes complaint_view_queue*.
 */
export async function complaintQueue(
  db: SqlClient,
  viewer: ComplaintViewer,
  filter: ComplaintQueueFilter,
): Promise<{ items: ComplaintSummary<Date>[]; total: number }> {
  const scope = scopeOf(viewer, 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.sql];
  if (!filter.includeClosed) where.push(`status <> 'closed'`);
  if (filter.kecamatan) where.push(`kecamatan = $${params.push(filter.kecamatan)}`);
  if (filter.category) where.push(`category = $${params.push(filter.category)}`);
  const limit = params.push(filter.limit);
  const offset = params.push(filter.offset);
  const { rows } = await db.query<Row>(
    `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS total FROM complaint_view
      WHERE ${where.join(' AND ')}
      ORDER BY next_due_at ASC NULLS LAST, received_at ASC, complaint_id ASC
      LIMIT $${limit} OFFSET $${offset}`,
    params,
  );
  return { items: rows.map(summaryOf), total: rows.length > 0 ? Number(rows[0].total) : 0 };
}

/** One complaint as this viewer may see it; undefined when it does not exist or is outside their scope. */
export async function complaintDetail(
  db: SqlClient,
  complaintId: string,
  viewer: ComplaintViewer,
): Promise<ComplaintDetail<Date> | undefined> {
  const identity = seesComplainantIdentity(viewer);
  const scope = scopeOf(viewer, 2);
  const { rows } = await db.query<Row>(
    `SELECT ${DETAIL_COLUMNS}${identity ? `, ${IDENTITY_COLUMNS}` : ''} FROM complaint_view WHERE complaint_id = $1 AND ${scope.sql}`,
    [complaintId, ...scope.params],
  );
  const r = rows[0];
  if (!r) return undefined;
  const detail: ComplaintDetail<Date> = {
    ...summaryOf(r),
    description: r.description as string,
    applicationId: r.application_id as string | null,
    receiptNumber: r.receipt_number as string | null,
    tier: r.tier as string | null,
    unit: r.unit as string | null,
    forwardedTo: r.forwarded_to as string | null,
    answer: r.answer as string | null,
    satisfaction: r.satisfaction as string | null,
    closedAt: r.closed_at as Date | null,
  };
  if (!identity) return detail;
  return {
    ...detail,
    channelReference: r.channel_reference as string | null,
    complainant: r.anonymous
      ? null
      : {
          name: r.complainant_name as string | null,
          email: r.complainant_email as string | null,
          phone: r.complainant_phone as string | null,
        },
  };
}

/** A running deadline that has passed and was not escalated yet (the deadline scanner's work list). */
export interface OverdueComplaint {
  complaintId: string;
  stage: 'verification' | 'answer';
  dueAt: Date;
}

export async function overdueComplaints(db: SqlClient, now: Date, limit: number): Promise<OverdueComplaint[]> {
  const { rows } = await db.query<{ complaint_id: string; next_due_stage: 'verification' | 'answer'; next_due_at: Date }>(
    `SELECT complaint_id, next_due_stage, next_due_at FROM complaint_view
      WHERE status <> 'closed' AND next_due_at <= $1 AND escalated_due_at IS DISTINCT FROM next_due_at
      ORDER BY next_due_at ASC, received_at ASC LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => ({ complaintId: r.complaint_id, stage: r.next_due_stage, dueAt: r.next_due_at }));
}

/** Age brackets of open complaints, in calendar days since received (the statistics' "open by age"). */
export const COMPLAINT_AGE_BUCKETS = [
  { bucket: '0-3', label: '0–3 hari', fromDays: 0, toDays: 3 },
  { bucket: '4-7', label: '4–7 hari', fromDays: 4, toDays: 7 },
  { bucket: '8-14', label: '8–14 hari', fromDays: 8, toDays: 14 },
  { bucket: '15-30', label: '15–30 hari', fromDays: 15, toDays: 30 },
  { bucket: '>30', label: 'lebih dari 30 hari', fromDays: 31, toDays: undefined },
] as const;

export interface ComplaintAgeCount {
  bucket: (typeof COMPLAINT_AGE_BUCKETS)[number]['bucket'];
  label: string;
  count: number;
}

/**
 * Open complaints (not closed) by age at `now`, optionally for one kecamatan. Reads the open rows
 * only (partial index), so closed history does not slow it down.
 */
export async function openComplaintsByAge(db: SqlClient, now: Date, options: { kecamatan?: string } = {}): Promise<ComplaintAgeCount[]> {
  const DAY = 86_400_000;
  const params: unknown[] = [];
  const filters = COMPLAINT_AGE_BUCKETS.map((b) => {
    // received_at in (now - (toDays+1) days, now - fromDays days]
    const upper = params.push(new Date(now.getTime() - b.fromDays * DAY));
    if (b.toDays === undefined) return `count(*) FILTER (WHERE received_at <= $${upper}) AS "${b.bucket}"`;
    const lower = params.push(new Date(now.getTime() - (b.toDays + 1) * DAY));
    return `count(*) FILTER (WHERE received_at <= $${upper} AND received_at > $${lower}) AS "${b.bucket}"`;
  });
  const where = [`status <> 'closed'`];
  if (options.kecamatan) where.push(`kecamatan = $${params.push(options.kecamatan)}`);
  const { rows } = await db.query<Record<string, string>>(
    `SELECT ${filters.join(', ')} FROM complaint_view WHERE ${where.join(' AND ')}`,
    params,
  );
  return COMPLAINT_AGE_BUCKETS.map((b) => ({ bucket: b.bucket, label: b.label, count: Number(rows[0]?.[b.bucket] ?? 0) }));
}

/** SP4N-LAPOR complaints with their current status, for the status export (oldest update first). */
export interface LaporStatusRow {
  laporTrackingNumber: string;
  complaintId: string;
  status: string;
  updatedAt: Date;
  answer: string | null;
  forwardedTo: string | null;
}

export async function laporStatuses(db: SqlClient, since: Date | undefined, limit: number): Promise<LaporStatusRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT lapor_tracking_number, complaint_id, status, updated_at, answer, forwarded_to FROM complaint_view
      WHERE lapor_tracking_number IS NOT NULL AND ($1::timestamptz IS NULL OR updated_at > $1)
      ORDER BY updated_at ASC, complaint_id ASC LIMIT $2`,
    [since ?? null, limit],
  );
  return rows.map((r) => ({
    laporTrackingNumber: r.lapor_tracking_number as string,
    complaintId: r.complaint_id as string,
    status: r.status as string,
    updatedAt: r.updated_at as Date,
    answer: r.answer as string | null,
    forwardedTo: r.forwarded_to as string | null,
  }));
}
