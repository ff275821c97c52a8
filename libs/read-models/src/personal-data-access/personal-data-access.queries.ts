import type { DataSource } from 'typeorm';

/** The auditor's filters over the personal-data access log; every one optional, combined with AND. */
export interface AccessLogFilter {
  viewerUserId?: string;
  applicationId?: string;
  /** viewedNikHash of one person's NIK: every read of data about them. */
  subjectNikHash?: string;
  /** Period, as instants: from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
}

export interface AccessLogRow {
  eventId: string;
  applicationId: string;
  viewedAt: Date;
  viewer: { userId: string; role: string; kecamatan?: string; desa?: string };
  view: { kind: string; documentId?: string };
}

/** Reads of personal data matching the filter, oldest first, at most `limit` (+ whether more matched). */
export async function findPersonalDataAccess(ds: DataSource, f: AccessLogFilter): Promise<{ records: AccessLogRow[]; more: boolean }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.viewerUserId) add('viewer_user_id = ?', f.viewerUserId);
  if (f.applicationId) add('application_id = ?', f.applicationId);
  if (f.subjectNikHash) add('subject_nik_hashes @> ARRAY[?]::text[]', f.subjectNikHash);
  if (f.from) add('viewed_at >= ?', f.from);
  if (f.to) add('viewed_at < ?', f.to);
  params.push(f.limit + 1);
  const rows: Array<{
    event_id: string;
    application_id: string;
    viewed_at: Date;
    viewer_user_id: string;
    viewer_role: string;
    viewer_kecamatan: string | null;
    viewer_desa: string | null;
    view_kind: string;
    document_id: string | null;
  }> = await ds.query(
    `SELECT event_id, application_id, viewed_at, viewer_user_id, viewer_role, viewer_kecamatan, viewer_desa, view_kind, document_id
       FROM personal_data_access ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY viewed_at, event_id LIMIT $${params.length}`,
    params,
  );
  return {
    more: rows.length > f.limit,
    records: rows.slice(0, f.limit).map((r) => ({
      eventId: r.event_id,
      applicationId: r.application_id,
      viewedAt: r.viewed_at,
      viewer: {
        userId: r.viewer_user_id,
        role: r.viewer_role,
        ...(r.viewer_kecamatan ? { kecamatan: r.viewer_kecamatan } : {}),
        ...(r.viewer_desa ? { desa: r.viewer_desa } : {}),
      },
      view: { kind: r.view_kind, ...(r.document_id ? { documentId: r.document_id } : {}) },
    })),
  };
}
