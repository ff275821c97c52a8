import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per complaint (pengaduan, saran, apresiasi): what the handling queue, the filters and the
 * open-by-age figures read. The complainant's identity columns are personal data: only the queries
 * for the petugas pengaduan and auditors select them (complaint-view.queries.ts); anonymous rows
 * have them null for good.
 */
@Entity({ name: 'complaint_view' })
export class ComplaintView {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'varchar', length: 40 })
  category!: string;

  @Column({ type: 'varchar', length: 40 })
  channel!: string;

  @Column({ name: 'channel_reference', type: 'varchar', length: 200, nullable: true })
  channelReference!: string | null;

  @Column({ name: 'lapor_tracking_number', type: 'varchar', length: 40, nullable: true })
  laporTrackingNumber!: string | null;

  @Column({ type: 'varchar', length: 200 })
  summary!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  kecamatan!: string | null;

  @Column({ name: 'application_id', type: 'varchar', length: 64, nullable: true })
  applicationId!: string | null;

  @Column({ name: 'receipt_number', type: 'varchar', length: 64, nullable: true })
  receiptNumber!: string | null;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ name: 'complainant_name', type: 'varchar', length: 120, nullable: true })
  complainantName!: string | null;

  @Column({ name: 'complainant_email', type: 'varchar', length: 200, nullable: true })
  complainantEmail!: string | null;

  @Column({ name: 'complainant_phone', type: 'varchar', length: 20, nullable: true })
  complainantPhone!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'verify_by', type: 'timestamptz', nullable: true })
  verifyBy!: Date | null;

  @Column({ name: 'answer_by', type: 'timestamptz', nullable: true })
  answerBy!: Date | null;

  /** The due time running now (verification or answer), null when none runs; the queue's order. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ name: 'next_due_stage', type: 'varchar', length: 20, nullable: true })
  nextDueStage!: string | null;

  /** The due time last escalated to the camat: a row is overdue-unescalated while it differs from next_due_at. */
  @Column({ name: 'escalated_due_at', type: 'timestamptz', nullable: true })
  escalatedDueAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  escalations!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  tier!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unit!: string | null;

  @Column({ name: 'forwarded_to', type: 'varchar', length: 200, nullable: true })
  forwardedTo!: string | null;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The camat's last follow-up instruction on this escalated complaint (ComplaintFollowUpInstructed). */
  @Column({ name: 'camat_instruction', type: 'text', nullable: true })
  camatInstruction!: string | null;

  @Column({ name: 'camat_instructed_at', type: 'timestamptz', nullable: true })
  camatInstructedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
