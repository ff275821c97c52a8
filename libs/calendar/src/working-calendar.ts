import { CalendarOutOfRangeError } from './calendar-errors';
import { fixedDateHolidays } from './fixed-holidays';
import { indexHolidays, indonesianHolidays, type HolidayData, type HolidayEntry, type HolidayIndex } from './holiday-data';
import { parseWibDay, startOfWibDay, wibDayOf, wibTimeOfDayMs, weekdayOf, yearOfWibDay, DAY_MS, type WibDay } from './wib-time';

export interface WorkingCalendarOptions {
  /**
   * What a day in a year the data does not cover is: 'throw' (CalendarOutOfRangeError), or
   * 'fixed-dates': a working day unless it is a weekend or a fixed-date national holiday, and
   * provisional (isProvisional), because that year's SKB list may add days off.
   */
  beyondData?: 'throw' | 'fixed-dates';
}

/**
 * Working days in Asia/Jakarta: Monday to Friday minus libur nasional and cuti bersama.
 * A day outside the covered years throws CalendarOutOfRangeError, or with beyondData 'fixed-dates'
 * counts only the fixed-date holidays and is provisional.
 */
export class WorkingCalendar {
  private readonly index: HolidayIndex;
  private readonly covered: ReadonlySet<number>;
  private readonly beyondData: 'throw' | 'fixed-dates';
  /** Fixed-date holidays of the uncovered years asked about so far. */
  private readonly provisionalHolidays = new Map<WibDay, HolidayEntry>();
  private readonly provisionalYears = new Set<number>();

  constructor(data: HolidayData = indonesianHolidays, options: WorkingCalendarOptions = {}) {
    this.index = indexHolidays(data);
    this.covered = new Set(this.index.coveredYears);
    this.beyondData = options.beyondData ?? 'throw';
  }

  get coveredYears(): readonly number[] {
    return this.index.coveredYears;
  }

  /** True when the day's year has no published list, so the answer for it may still change. */
  isProvisional(day: WibDay): boolean {
    return !this.covered.has(yearOfWibDay(day));
  }

  /** The holiday on that WIB day, if any. */
  holidayOn(day: WibDay): HolidayEntry | undefined {
    return this.holidaysOfYear(day).get(day);
  }

  isWorkingDayNumber(day: WibDay): boolean {
    const holidays = this.holidaysOfYear(day);
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) return false;
    return !holidays.has(day);
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

  /** The holiday map that answers for the day's year; throws for an uncovered year unless beyondData allows. */
  private holidaysOfYear(day: WibDay): ReadonlyMap<WibDay, HolidayEntry> {
    const year = yearOfWibDay(day);
    if (this.covered.has(year)) return this.index.holidays;
    if (this.beyondData === 'throw') throw new CalendarOutOfRangeError(year, this.index.coveredYears);
    if (!this.provisionalYears.has(year)) {
      for (const h of fixedDateHolidays(year)) this.provisionalHolidays.set(parseWibDay(h.date), h);
      this.provisionalYears.add(year);
    }
    return this.provisionalHolidays;
  }
}

/**
 * The calendar built from the bundled holiday data (2025, 2026); later years count their fixed-date
 * holidays and are provisional until published (a service builds its calendar from the published
 * years with withPublishedYears).
 */
export const defaultCalendar = new WorkingCalendar(indonesianHolidays, { beyondData: 'fixed-dates' });

export const isWorkingDay = (when: Date | string): boolean => defaultCalendar.isWorkingDay(when);
export const addWorkingDays = (instant: Date, n: number): Date => defaultCalendar.addWorkingDays(instant, n);
