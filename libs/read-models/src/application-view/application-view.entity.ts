import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where an application sits in a kecamatan operator's work. */
export type QueueBucket = 'to-verify' | 'awaiting-correction' | 'to-sign' | 'to-print' | 'ready-for-pickup' | 'closed';

/**
 * One row per application: the columns the operator queues filter and sort on, plus the folded
 * domain state (jsonb) for the detail view and checklist. Reads are always scoped (kecamatan, desa,
 * the citizen's NIK) by the caller's principal; the row holds personal data and never leaves unscoped.
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

  @Column({ name: 'receipt_number', type: 'varchar', length: 40, nullable: true })
  receiptNumber!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

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

  @Column({ name: 'last_revision', type: 'int' })
  lastRevision!: number;

  /** The domain state folded from the stream (libs/domain evolve). */
  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
