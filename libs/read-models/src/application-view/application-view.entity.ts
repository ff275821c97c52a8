import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QueueBucket, RequirementView, SigningFailureView, StatusView } from './application-view.shape';

/**
 * One row per application: the columns the operator queues filter and sort on, what the detail
 * view, the signing queue and the duplicate check read, each typed (application-view.shape.ts).
 * Reads are always scoped (kecamatan, desa, the citizen's NIK) by the caller's principal; the row
 * holds personal data and never leaves unscoped. Read it through application-view.queries.ts.
 */
@Entity({ name: 'application_view' })
@Index('application_view_queue', ['kecamatan', 'bucket', 'submittedAt'])
export class ApplicationView {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'varchar', length: 8 })
  kecamatan!: string;

  @Column({ type: 'varchar', length: 13, nullable: true })
  desa!: string | null;

  /** The user who submitted (applicant online, operator at the counter, village officer). */
  @Column({ name: 'submitted_by', type: 'varchar', length: 100 })
  submittedBy!: string;

  @Column({ name: 'service_type', type: 'varchar', length: 60 })
  serviceType!: string;

  @Column({ type: 'varchar', length: 20 })
  channel!: string;

  @Column({ type: 'varchar', length: 30 })
  bucket!: QueueBucket;

  @Column({ type: 'varchar', length: 40 })
  status!: string;

  @Column({ name: 'status_label', type: 'varchar', length: 120 })
  statusLabel!: string;

  /** The detail view's status line. */
  @Column({ name: 'status_view', type: 'jsonb' })
  statusView!: StatusView;

  /** The detail view's requirement checklist, in catalog order. */
  @Column({ type: 'jsonb' })
  requirements!: RequirementView[];

  @Column({ name: 'receipt_number', type: 'varchar', length: 40, nullable: true })
  receiptNumber!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

  /** The due time counts a day of a year whose holiday list is not published yet: it may still move. */
  @Column({ name: 'sla_due_provisional', type: 'boolean', default: false })
  slaDueProvisional!: boolean;

  @Column({ name: 'correction_due_at', type: 'timestamptz', nullable: true })
  correctionDueAt!: Date | null;

  /**
   * NIKs of the applicant and every family member (libs/domain applicationNiks): the citizens who
   * may see this application. GIN-indexed (migration 1765200000000). Never returned by the API.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  niks!: string[];

  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf!: string | null;

  /** SHA-256 of the mother's NIK (motherNikHash): the duplicate check's key, without the NIK. */
  @Column({ name: 'mother_nik_hash', type: 'char', length: 64, nullable: true })
  motherNikHash!: string | null;

  /** The newborn's date of birth, `YYYY-MM-DD` as submitted (the duplicate check compares it). */
  @Column({ name: 'newborn_birth_date', type: 'text', nullable: true })
  newbornBirthDate!: string | null;

  @Column({ name: 'newborn_name', type: 'text', nullable: true })
  newbornName!: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** The newborn's NIK is issued (the NIK itself is not kept here): the KK can be signed. */
  @Column({ name: 'newborn_nik_assigned', type: 'boolean', default: false })
  newbornNikAssigned!: boolean;

  @Column({ name: 'signing_failures', type: 'int', default: 0 })
  signingFailures!: number;

  @Column({ name: 'last_signing_failure', type: 'jsonb', nullable: true })
  lastSigningFailure!: SigningFailureView | null;

  /** The public lookup's second factor, hashed (tracking-key.ts); never returned. */
  @Column({ name: 'tracking_key', type: 'char', length: 64, nullable: true })
  trackingKey!: string | null;

  @Column({ name: 'last_revision', type: 'int' })
  lastRevision!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
