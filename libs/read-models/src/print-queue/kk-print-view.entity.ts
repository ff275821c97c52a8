import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How often each signed KK was printed at the counter (KkPrinted) and printed again (KkReprinted),
 * with the reasons given: what an auditor reads to spot paper wasted or a card printed twice. One
 * row per application from its first print; no personal data (the operator's user id only).
 */
@Entity({ name: 'kk_print_view' })
export class KkPrintView {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'int', default: 0 })
  prints!: number;

  @Column({ type: 'int', default: 0 })
  reprints!: number;

  /** Reprints by reason code (REPRINT_REASONS), e.g. {"kertas-rusak": 1}. */
  @Column({ name: 'reprint_reasons', type: 'jsonb', default: () => "'{}'" })
  reprintReasons!: Record<string, number>;

  @Column({ name: 'first_printed_at', type: 'timestamptz' })
  firstPrintedAt!: Date;

  @Column({ name: 'last_printed_at', type: 'timestamptz' })
  lastPrintedAt!: Date;

  @Column({ name: 'last_printed_by', type: 'varchar', length: 100 })
  lastPrintedBy!: string;

  /** Null for prints recorded before workstations were (KkPrinted v1). */
  @Column({ name: 'last_workstation', type: 'varchar', length: 64, nullable: true })
  lastWorkstation!: string | null;
}
