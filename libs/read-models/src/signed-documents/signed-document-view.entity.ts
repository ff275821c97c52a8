import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `pending`: the family's application is not signed yet (no document, never shown publicly). */
export type SignedDocumentStatus = 'pending' | 'valid' | 'superseded' | 'revoked';

/**
 * The public verification read model: one row per KK application, holding what the page behind
 * the QR code may show about its signed KK and nothing more. The family is kept only as a hash of
 * the No. KK (to find a newer KK of the same family) and the kepala keluarga's name only masked;
 * no NIK, no No. KK, no address, no member is stored here.
 */
@Entity({ name: 'signed_document_view' })
export class SignedDocumentView {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  /** SHA-256 of the No. KK: groups the KKs of one family without storing the number. */
  @Index('signed_document_view_family')
  @Column({ name: 'family_key', type: 'char', length: 64 })
  familyKey!: string;

  @Column({ name: 'kepala_keluarga_masked', type: 'varchar', length: 200 })
  kepalaKeluargaMasked!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: SignedDocumentStatus;

  /** Public id in the QR URL; null while pending. */
  @Index('signed_document_view_document', { unique: true, where: 'document_id IS NOT NULL' })
  @Column({ name: 'document_id', type: 'varchar', length: 100, nullable: true })
  documentId!: string | null;

  /** SHA-256 of the whole signed PDF (the upload check looks documents up by it). */
  @Index('signed_document_view_sha256')
  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ name: 'certificate_serial', type: 'varchar', length: 64, nullable: true })
  certificateSerial!: string | null;

  /** Common name of the signer certificate (the office or the official, as the CA issued it). */
  @Column({ name: 'signer_name', type: 'varchar', length: 300, nullable: true })
  signerName!: string | null;

  @Column({ name: 'signing_time', type: 'timestamptz', nullable: true })
  signingTime!: Date | null;

  /** Dikeluarkan tanggal: the signing day in WIB, `YYYY-MM-DD`. */
  @Column({ name: 'issue_date', type: 'date', nullable: true })
  issueDate!: string | null;

  @Column({ name: 'superseded_by_application_id', type: 'uuid', nullable: true })
  supersededByApplicationId!: string | null;

  @Column({ name: 'superseded_by_issue_date', type: 'date', nullable: true })
  supersededByIssueDate!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
