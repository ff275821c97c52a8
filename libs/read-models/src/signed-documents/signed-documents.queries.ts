import type { SqlClient } from '../sql-client';
import type { SignedDocumentStatus } from './signed-document-view.entity';

/** A signed KK as the public verification page may show it (never a pending row). */
export interface PublishedSignedDocument {
  documentId: string;
  status: Exclude<SignedDocumentStatus, 'pending'>;
  kepalaKeluargaMasked: string;
  sha256: string;
  certificateSerial: string | null;
  signerName: string | null;
  signingTime: Date;
  /** `YYYY-MM-DD` (WIB). */
  issueDate: string;
  supersededByIssueDate: string | null;
}

const SELECT = `SELECT document_id, status, kepala_keluarga_masked, sha256, certificate_serial, signer_name, signing_time,
  to_char(issue_date, 'YYYY-MM-DD') AS issue_date, to_char(superseded_by_issue_date, 'YYYY-MM-DD') AS superseded_by_issue_date
  FROM signed_document_view`;

type Row = {
  document_id: string;
  status: PublishedSignedDocument['status'];
  kepala_keluarga_masked: string;
  sha256: string;
  certificate_serial: string | null;
  signer_name: string | null;
  signing_time: Date;
  issue_date: string;
  superseded_by_issue_date: string | null;
};

const published = (r: Row | undefined): PublishedSignedDocument | null =>
  r
    ? {
        documentId: r.document_id,
        status: r.status,
        kepalaKeluargaMasked: r.kepala_keluarga_masked,
        sha256: r.sha256,
        certificateSerial: r.certificate_serial,
        signerName: r.signer_name,
        signingTime: r.signing_time,
        issueDate: r.issue_date,
        supersededByIssueDate: r.superseded_by_issue_date,
      }
    : null;

/** The signed KK behind a QR code's document id, or null. */
export async function signedDocumentById(db: SqlClient, documentId: string): Promise<PublishedSignedDocument | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE document_id = $1 AND status <> 'pending'`, [documentId]);
  return published(rows[0]);
}

/** The signed KK with exactly these bytes (SHA-256 of the whole PDF), or null. */
export async function signedDocumentBySha256(db: SqlClient, sha256: string): Promise<PublishedSignedDocument | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE sha256 = $1 AND status <> 'pending' LIMIT 1`, [sha256]);
  return published(rows[0]);
}
