import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * IKM survey totals per reporting period, kecamatan and service (decision 0020): how many answered
 * and the sum of each element's scores. A response adds to three rows (its month, quarter and year),
 * so the table grows with kecamatan x service x period, never with the number of responses, and no
 * row can be traced to a respondent. Averages, IKM and grade are computed from the sums when read.
 */
@Entity({ name: 'survey_results' })
export class SurveyResults {
  /** "month" | "quarter" | "year". */
  @PrimaryColumn({ name: 'period_kind', type: 'varchar', length: 8 })
  periodKind!: string;

  /** "2026-03", "2026-Q1" or "2026" (WIB). */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  period!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kecamatan!: string;

  @PrimaryColumn({ name: 'service_type', type: 'varchar', length: 100 })
  serviceType!: string;

  @Column({ type: 'int' })
  respondents!: number;

  /** Sum of each element's scores, keyed by IKM_ELEMENT_IDS. */
  @Column({ type: 'jsonb' })
  sums!: Record<string, number>;
}
