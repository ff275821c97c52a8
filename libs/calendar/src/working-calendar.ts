import { CalendarOutOfRangeError } from './calendar-errors';
import { indexHolidays, indonesianHolidays, type HolidayData, type HolidayEntry, type HolidayIndex } from './holiday-data';
import { parseWibDay, startOfWibDay, wibDayOf, wibTimeOfDayMs, weekdayOf, yearOfWibDay, DAY_MS, type WibDay } from './wib-time';

/**
 * Working days in Asia/Jakarta: Monday to Friday minus libur nasional and cuti bersama.
 * Any question about a day outside the covered years throws CalendarOutOfRangeError.
 */
export class WorkingCalendar {
  private readonly index: HolidayIndex;
  private readonly covered: ReadonlySet<number>;

  constructor(data: HolidayData = indonesianHolidays) {
    this.index = indexHolidays(data);
    this.covered = new Set(this.index.coveredYears);
  }

  get coveredYears(): readonly number[] {
    return this.index.coveredYears;
  }

  /** The holiday on that WIB day, if any. */
  holidayOn(day: WibDay): HolidayEntry | undefined {
    this.assertCovered(day);
    return this.index.holidays.get(day);
  }

  isWorkingDayNumber(day: WibDay): boolean {
    this.assertCovered(day);
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) return false;
    return !this.index.holidays.has(day);
  }

  /** Is the WIB day of this instant (or this "YYYY-MM-DD") a working day? */
  isWorkingDay(when: Date | string): boolean {
    return this.isWorkingDayNumber(typeof when === 'string' ? parseWibDay(when) : wibDayOf(when));
  }

  /** First working day strictly after `day`. */
  nextWorkingDay(day: WibDay): WibDay {
    let d = day + 1;
    while (!this.isWorkingDayNumber(d)) d++;
    return d;
  }

  /**
   * The same WIB wall-clock time on the n-th working day after the instant's WIB day.
   * n = 0 keeps the instant on a working day and otherwise moves it to the next working day.
   * Counting is by whole days: the instant's own day is never one of the n.
   */
  addWorkingDays(instant: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole n >= 0, got ${n}`);
    let day = wibDayOf(instant);
    if (n === 0 && this.isWorkingDayNumber(day)) return new Date(instant.getTime());
    for (let i = 0; i < Math.max(n, 1); i++) day = this.nextWorkingDay(day);
    return new Date(startOfWibDay(day).getTime() + wibTimeOfDayMs(instant));
  }

  /** Milliseconds of working-day time in [from, to): the parts of the interval that fall on working days. */
  workingTimeBetween(from: Date, to: Date): number {
    let total = 0;
    const end = to.getTime();
    for (let day = wibDayOf(from); startOfWibDay(day).getTime() < end; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      const s = Math.max(startOfWibDay(day).getTime(), from.getTime());
      const e = Math.min(startOfWibDay(day).getTime() + DAY_MS, end);
      if (e > s) total += e - s;
    }
    return total;
  }

  private assertCovered(day: WibDay): void {
    const year = yearOfWibDay(day);
    if (!this.covered.has(year)) throw new CalendarOutOfRangeError(year, this.index.coveredYears);
  }
}

/** The calendar built from the bundled holiday data. */
export const defaultCalendar = new WorkingCalendar();

export const isWorkingDay = (when: Date | string): boolean => defaultCalendar.isWorkingDay(when);
export const addWorkingDays = (instant: Date, n: number): Date => defaultCalendar.addWorkingDays(instant, n);
