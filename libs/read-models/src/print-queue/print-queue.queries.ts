import { runNamed, type NamedStatement, type PreparingSqlClient, type SqlClient } from '../sql-client';

/** One page of a list and how many rows the whole list has. */
export interface PrintPage<T> {
  items: T[];
  total: number;
}

export interface PrintPageRequest {
  limit: number;
  offset: number;
}

/** A signed KK waiting to be printed at its kecamatan. */
export interface PrintQueueItem {
  applicationId: string;
  receiptNumber: string | null;
  channel: string;
  newbornName: string | null;
  submittedAt: Date;
  slaDueAt: Date | null;
  slaDueProvisional: boolean;
}

/**
 * The print queue of one kecamatan: signed, not printed yet, not revoked (application_view's
 * `to-print` bucket), the oldest SLA due time first (then the oldest submission), paged. Answered by
 * the partial index application_view_print_queue.
 */
export async function printQueue(db: SqlClient, kecamatan: string, page: PrintPageRequest): Promise<PrintPage<PrintQueueItem>> {
  const { rows } = await db.query<{
    application_id: string;
    receipt_number: string | null;
    channel: string;
    newborn_name: string | null;
    submitted_at: Date;
    sla_due_at: Date | null;
    sla_due_provisional: boolean;
    total: string;
  }>(
    `SELECT application_id, receipt_number, channel, newborn_name, submitted_at, sla_due_at, sla_due_provisional,
            count(*) OVER () AS total
       FROM application_view
      WHERE bucket = 'to-print' AND kecamatan = $1
      ORDER BY sla_due_at ASC NULLS LAST, submitted_at ASC, application_id ASC
      LIMIT $2 OFFSET $3`,
    [kecamatan, page.limit, page.offset],
  );
  const total = rows.length > 0 ? Number(rows[0].total) : await countQueue(db, kecamatan);
  return {
    total,
    items: rows.map((r) => ({
      applicationId: r.application_id,
      receiptNumber: r.receipt_number,
      channel: r.channel,
      newbornName: r.newborn_name,
      submittedAt: r.submitted_at,
      slaDueAt: r.sla_due_at,
      slaDueProvisional: r.sla_due_provisional,
    })),
  };
}

/** A page past the end has no row to carry the window count: ask for it on its own. */
async function countQueue(db: SqlClient, kecamatan: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM application_view WHERE bucket = 'to-print' AND kecamatan = $1`,
    [kecamatan],
  );
  return Number(rows[0].n);
}

/** How often a signed KK was printed and printed again, for auditors. */
export interface PrintCount {
  applicationId: string;
  kecamatan: string;
  receiptNumber: string | null;
  prints: number;
  reprints: number;
  reprintReasons: Record<string, number>;
  firstPrintedAt: Date;
  lastPrintedAt: Date;
  lastPrintedBy: string;
  lastWorkstation: string | null;
}

/** Which kecamatan a caller may see counts of: one, those under a code prefix (the regency), or all. */
export type PrintCountScope = { kecamatan: string } | { prefix: string } | 'all';

/** Printed KKs in the scope, the most reprinted first (what an audit looks at), then the latest. */
export async function printCounts(db: SqlClient, scope: PrintCountScope, page: PrintPageRequest): Promise<PrintPage<PrintCount>> {
  const [where, param] =
    scope === 'all'
      ? ['TRUE', null]
      : 'kecamatan' in scope
        ? ['a.kecamatan = $3', scope.kecamatan]
        : ['a.kecamatan LIKE $3', `${scope.prefix}%`];
  const { rows } = await db.query<{
    application_id: string;
    kecamatan: string;
    receipt_number: string | null;
    prints: number;
    reprints: number;
    reprint_reasons: Record<string, number>;
    first_printed_at: Date;
    last_printed_at: Date;
    last_printed_by: string;
    last_workstation: string | null;
    total: string;
  }>(
    `SELECT p.application_id, a.kecamatan, a.receipt_number, p.prints, p.reprints, p.reprint_reasons, p.first_printed_at,
            p.last_printed_at, p.last_printed_by, p.last_workstation, count(*) OVER () AS total
       FROM kk_print_view p JOIN application_view a USING (application_id)
      WHERE ${where}
      ORDER BY p.reprints DESC, p.last_printed_at DESC, p.application_id
      LIMIT $1 OFFSET $2`,
    param === null ? [page.limit, page.offset] : [page.limit, page.offset, param],
  );
  return {
    total: rows.length > 0 ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      applicationId: r.application_id,
      kecamatan: r.kecamatan,
      receiptNumber: r.receipt_number,
      prints: r.prints,
      reprints: r.reprints,
      reprintReasons: r.reprint_reasons,
      firstPrintedAt: r.first_printed_at,
      lastPrintedAt: r.last_printed_at,
      lastPrintedBy: r.last_printed_by,
      lastWorkstation: r.last_workstation,
    })),
  };
}

/** What printing needs to serve one application's signed KK: its kecamatan, queue bucket and signed document. */
export interface PrintableKkRow {
  kecamatan: string;
  /** `to-print` or `ready-for-pickup` while the signed KK may be printed; `closed` once revoked or handed over. */
  bucket: string;
  documentId: string | null;
  sha256: string | null;
  /** The signed document's public status (`valid`, `superseded`, `revoked`), null before signing. */
  documentStatus: string | null;
}

/** Every print download asks it (the route's one read): prepared once per connection. */
const PRINTABLE_KK: NamedStatement = {
  name: 'printable_kk',
  text: `SELECT a.kecamatan, a.bucket, s.document_id, s.sha256, s.status AS document_status
           FROM application_view a LEFT JOIN signed_document_view s USING (application_id)
          WHERE a.application_id = $1`,
};

/**
 * One application's row for the print route, in one indexed read (both tables by primary key), or
 * null when the view does not know it: cheaper than folding the stream on every download, and no
 * personal data leaves the database for it.
 */
export async function printableKkOf(db: PreparingSqlClient, applicationId: string): Promise<PrintableKkRow | null> {
  const { rows } = await runNamed<{
    kecamatan: string;
    bucket: string;
    document_id: string | null;
    sha256: string | null;
    document_status: string | null;
  }>(db, PRINTABLE_KK, [applicationId]);
  const r = rows[0];
  return r
    ? { kecamatan: r.kecamatan, bucket: r.bucket, documentId: r.document_id, sha256: r.sha256, documentStatus: r.document_status }
    : null;
}
