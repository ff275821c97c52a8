import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayDay } from '@adminduk/domain';

/**
 * One row per published holiday year (the holiday-calendar streams): the list in force, after any
 * correction. Years with no row fall back to the shipped file (2025, 2026) or to the fixed-date
 * holidays (provisional). Public data: no personal data here.
 */
@Entity({ name: 'holiday_year_view' })
export class HolidayYearView {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'jsonb' })
  days!: HolidayDay[];

  @Column({ name: 'decree_number', type: 'text' })
  decreeNumber!: string;

  @Column({ name: 'decree_date', type: 'text' })
  decreeDate!: string;

  @Column({ type: 'int', default: 0 })
  corrections!: number;

  @Column({ name: 'last_revision', type: 'int' })
  lastRevision!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
