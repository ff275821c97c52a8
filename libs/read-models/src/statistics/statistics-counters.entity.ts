import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The counters (COUNTER_COLUMNS) of one cell or total. Pre-aggregated so a dashboard reads at most a
 * few hundred rows whatever the history holds; no personal data.
 */
abstract class CounterColumns {
  /** Applications submitted (ApplicationSubmitted) in the cell. */
  @Column({ type: 'int', default: 0 })
  received!: number;

  /** Applications completed (first KkSigned, decision 0021) in the cell. */
  @Column({ type: 'int', default: 0 })
  completed!: number;

  @Column({ name: 'completed_within_sla', type: 'int', default: 0 })
  completedWithinSla!: number;

  /** Sum of the working days each completion took (average = sum / completed). */
  @Column({ name: 'working_days_sum', type: 'int', default: 0 })
  workingDaysSum!: number;

  /** Completions by working days taken: 0, 1, 2, 3, 4-5, 6-10, more than 10. */
  @Column({ name: 'done_0d', type: 'int', default: 0 })
  done0d!: number;
  @Column({ name: 'done_1d', type: 'int', default: 0 })
  done1d!: number;
  @Column({ name: 'done_2d', type: 'int', default: 0 })
  done2d!: number;
  @Column({ name: 'done_3d', type: 'int', default: 0 })
  done3d!: number;
  @Column({ name: 'done_4_5d', type: 'int', default: 0 })
  done4to5d!: number;
  @Column({ name: 'done_6_10d', type: 'int', default: 0 })
  done6to10d!: number;
  @Column({ name: 'done_over_10d', type: 'int', default: 0 })
  doneOver10d!: number;

  /** Applications closed without a KK (returned, withdrawn, rejected) in the cell. */
  @Column({ name: 'closed_without_kk', type: 'int', default: 0 })
  closedWithoutKk!: number;
}

/** The counters of one cell: a WIB day or month x kecamatan x channel x service. */
abstract class StatisticsCounters extends CounterColumns {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  kecamatan!: string;

  /** The domain's channel names: tatap-muka, daring-mandiri, daring-desa. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  service!: string;
}

/** Counters per WIB calendar day. */
@Entity({ name: 'statistics_daily' })
export class StatisticsDaily extends StatisticsCounters {
  /** The WIB calendar day (YYYY-MM-DD). */
  @PrimaryColumn({ type: 'date' })
  day!: string;
}

/** The same counters per WIB month, so a year reads 12 rows per cell instead of 365. */
@Entity({ name: 'statistics_monthly' })
export class StatisticsMonthly extends StatisticsCounters {
  /** The first day of the WIB month (YYYY-MM-01). */
  @PrimaryColumn({ type: 'date' })
  month!: string;
}

/**
 * The day counters summed per scope: `regency` (every cell of the day) or a kecamatan code (its
 * cells), so a range of days reads one row per day whatever the number of cells a day fills.
 */
@Entity({ name: 'statistics_daily_total' })
export class StatisticsDailyTotal extends CounterColumns {
  /** `regency` or a kecamatan code (the StatisticsScope). */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  scope!: string;

  /** The WIB calendar day (YYYY-MM-DD). */
  @PrimaryColumn({ type: 'date' })
  day!: string;
}

/**
 * The part of each application's folded state the counters need (dimensions and SLA clock), so a
 * completion can be attributed and timed without reading another projection's tables.
 */
@Entity({ name: 'statistics_application' })
export class StatisticsApplication {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;
}
