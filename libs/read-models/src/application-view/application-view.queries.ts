import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { ReadFilter } from '@adminduk/auth';
import type { SqlClient } from '../sql-client';
import { ApplicationView } from './application-view.entity';
import type { QueueBucket, SigningFailureView, StatusView } from './application-view.shape';

export { OPEN_APPLICATIONS_OF_MOTHER_SQL } from './open-applications-of-mother.sql';

/**
 * The reads of application_view, for every service: the view's columns are named here and in its
 * entity only. Every read of a person's application is narrowed by the caller's ReadFilter.
 */

/** The operator queue (or a citizen's own applications): in the filter's scope, most urgent first. */
export function listApplications(
  ds: DataSource,
  filter: ReadFilter,
  bucket: QueueBucket | undefined,
  limit: number,
): Promise<ApplicationView[]> {
  const q = ds.getRepository(ApplicationView).createQueryBuilder('a');
  scope(q, filter);
  if (bucket) q.andWhere('a.bucket = :bucket', { bucket });
  return q.orderBy('a.sla_due_at', 'ASC', 'NULLS LAST').addOrderBy('a.submitted_at', 'ASC').limit(limit).getMany();
}

/** One application's row, or null; the caller checks the scope (it answers 403 rather than 404). */
export function findApplication(ds: DataSource, applicationId: string): Promise<ApplicationView | null> {
  return ds.getRepository(ApplicationView).findOneBy({ applicationId });
}

function scope(q: SelectQueryBuilder<ApplicationView>, f: ReadFilter): void {
  switch (f.kind) {
    case 'all':
      return;
    case 'citizen':
      // Applicant or family member, whatever the channel; `@>` is answered by the GIN index on niks.
      q.where('a.niks @> ARRAY[:nik]::text[]', { nik: f.nik });
      return;
    case 'desa':
      q.where('a.desa = :desa', { desa: f.desa });
      return;
    case 'kecamatan':
      q.where('a.kecamatan = :kecamatan', { kecamatan: f.kecamatan });
      return;
    case 'regency':
      q.where('a.kecamatan LIKE :prefix', { prefix: `${f.prefix}%` });
      return;
  }
}

export interface ToSignItem {
  applicationId: string;
  kecamatan: string;
  receiptNumber: string | null;
  submittedAt: Date;
  verifiedAt: Date | null;
  signingFailures: number;
  lastSigningFailure: SigningFailureView | null;
}

/** The penandatangan's queue: verified, the newborn's NIK issued, not signed yet; oldest first. */
export async function applicationsToSign(db: SqlClient, limit: number): Promise<ToSignItem[]> {
  const { rows } = await db.query<{
    application_id: string;
    kecamatan: string;
    receipt_number: string | null;
    submitted_at: Date;
    verified_at: Date | null;
    signing_failures: number;
    last_signing_failure: SigningFailureView | null;
  }>(
    `SELECT application_id, kecamatan, receipt_number, submitted_at, verified_at, signing_failures, last_signing_failure
       FROM application_view
      WHERE bucket = 'to-sign' AND newborn_nik_assigned
      ORDER BY submitted_at
      LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    kecamatan: r.kecamatan,
    receiptNumber: r.receipt_number,
    submittedAt: r.submitted_at,
    verifiedAt: r.verified_at,
    signingFailures: r.signing_failures,
    lastSigningFailure: r.last_signing_failure,
  }));
}

/** Applications whose correction deadline passed before `now` (the verification service returns them), oldest first. */
export async function overdueCorrections(
  db: SqlClient,
  now: Date,
  limit: number,
): Promise<Array<{ applicationId: string; correctionDueAt: Date }>> {
  const { rows } = await db.query<{ application_id: string; correction_due_at: Date }>(
    `SELECT application_id, correction_due_at FROM application_view
      WHERE status = 'correction-requested' AND correction_due_at < $1
      ORDER BY correction_due_at LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => ({ applicationId: r.application_id, correctionDueAt: r.correction_due_at }));
}

/** What the public status lookup may know of an application: its key to compare, and the status line. */
export interface TrackedApplication {
  applicationId: string;
  trackingKey: string | null;
  status: StatusView;
}

/**
 * The public status lookup (gateway GET /api/public/lacak): the application by its receipt number
 * (the tanda terima) or, for files without one (desa channel), its application id. The caller
 * compares the second factor (trackingKeysMatch) and shows nothing else of the row.
 */
export async function applicationForTracking(db: SqlClient, reference: string): Promise<TrackedApplication | null> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference);
  const { rows } = await db.query<{ application_id: string; tracking_key: string | null; status_view: StatusView }>(
    `SELECT application_id::text, tracking_key, status_view FROM application_view
      WHERE ${byId ? 'application_id = $1::uuid' : 'receipt_number = $1'} LIMIT 1`,
    [reference],
  );
  const r = rows[0];
  return r ? { applicationId: r.application_id, trackingKey: r.tracking_key, status: r.status_view } : null;
}
