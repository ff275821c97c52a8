import type { Pool } from 'pg';

/**
 * The documents service's own tables (in the search_path's first schema; created by the migration
 * runner, libs/migrations):
 *  - documents: one row per upload, written BEFORE the object (the upload intent). `pending` until the
 *    application's stream holds its DocumentAttached event, then `attached`; `discarded` once a failed
 *    upload's object is removed. The sweeper finds abandoned intents here, so it never lists the bucket.
 *  - document_access_log: no longer written; staff downloads are recorded on the application's access
 *    stream (AccessLogRecorder, decision 0016). The table stays for the records it already holds.
 */
export type DocumentStatus = 'pending' | 'attached' | 'discarded';

export interface DocumentRow {
  documentId: string;
  applicationId: string;
  requirementId: string;
  objectKey: string;
  status: DocumentStatus;
  uploadedBy: string;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: Date;
}

export class DocumentsRepository {
  constructor(private readonly pool: Pool) {}

  async recordIntent(r: Pick<DocumentRow, 'documentId' | 'applicationId' | 'requirementId' | 'objectKey' | 'uploadedBy'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO documents (document_id, application_id, requirement_id, object_key, status, uploaded_by)
       VALUES ($1, $2, $3, $4, 'pending', $5)`,
      [r.documentId, r.applicationId, r.requirementId, r.objectKey, r.uploadedBy],
    );
  }

  async markAttached(documentId: string, facts: { mediaType: string; sizeBytes: number; sha256: string }): Promise<void> {
    await this.pool.query(
      `UPDATE documents SET status = 'attached', media_type = $2, size_bytes = $3, sha256 = $4, updated_at = now()
       WHERE document_id = $1`,
      [documentId, facts.mediaType, facts.sizeBytes, facts.sha256],
    );
  }

  async markDiscarded(documentId: string): Promise<void> {
    await this.pool.query(`UPDATE documents SET status = 'discarded', updated_at = now() WHERE document_id = $1`, [documentId]);
  }

  async find(documentId: string): Promise<DocumentRow | null> {
    const { rows } = await this.pool.query(`SELECT * FROM documents WHERE document_id = $1`, [documentId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async listForApplication(applicationId: string): Promise<DocumentRow[]> {
    const { rows } = await this.pool.query(`SELECT * FROM documents WHERE application_id = $1 ORDER BY created_at`, [applicationId]);
    return rows.map(toRow);
  }

  /** Intents still pending after `olderThanMs`: their upload crashed or hung. */
  async stalePending(olderThanMs: number, limit = 100): Promise<DocumentRow[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM documents WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [olderThanMs / 1000, limit],
    );
    return rows.map(toRow);
  }
}

function toRow(r: Record<string, unknown>): DocumentRow {
  return {
    documentId: String(r.document_id),
    applicationId: String(r.application_id),
    requirementId: String(r.requirement_id),
    objectKey: String(r.object_key),
    status: r.status as DocumentStatus,
    uploadedBy: String(r.uploaded_by),
    mediaType: (r.media_type as string | null) ?? null,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    sha256: (r.sha256 as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}
