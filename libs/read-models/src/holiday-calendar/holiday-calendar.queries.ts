import type { EntityManager } from 'typeorm';
import { indonesianHolidays, withPublishedYears, WorkingCalendar, type HolidayEntry } from '@adminduk/calendar';
import { HolidayYearView } from './holiday-year-view.entity';

/** The calendar last built, by the published lists it holds: building one costs ~0.2 ms, comparing ~20 µs. */
let cached: { key: string; calendar: WorkingCalendar } | undefined;

/**
 * The calendar each open transaction read: the projections of one batch (the application view,
 * its rebuild session's flush, the statistics) share one query instead of one each. The holiday
 * projection forgets it when it writes (forgetWorkingCalendar), so a later read in that transaction
 * sees the list it stored.
 */
const perTransaction = new WeakMap<EntityManager, Promise<WorkingCalendar>>();

/**
 * The working calendar in force: the shipped file, each published year replacing its part, and the
 * fixed-date holidays (provisional) for years nobody has published. One small query (a row per year),
 * once per transaction.
 */
export function workingCalendarOf(em: EntityManager): Promise<WorkingCalendar> {
  // Outside a transaction (the services' own reads) every call reads: nothing tells when it would be stale.
  if (!em.queryRunner?.isTransactionActive) return readWorkingCalendar(em);
  let calendar = perTransaction.get(em);
  if (!calendar) {
    calendar = readWorkingCalendar(em);
    perTransaction.set(em, calendar);
    calendar.catch(() => perTransaction.delete(em));
  }
  return calendar;
}

/** After a write to holiday_year_view in this transaction: the next workingCalendarOf reads again. */
export function forgetWorkingCalendar(em: EntityManager): void {
  perTransaction.delete(em);
}

async function readWorkingCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const rows = await em.getRepository(HolidayYearView).find({ order: { year: 'ASC' } });
  const key = JSON.stringify(rows.map((r) => [r.year, r.days]));
  if (cached?.key === key) return cached.calendar;
  const published = new Map<number, readonly HolidayEntry[]>(rows.map((r) => [r.year, r.days]));
  const calendar = new WorkingCalendar(withPublishedYears(indonesianHolidays, published), { beyondData: 'fixed-dates' });
  cached = { key, calendar };
  return calendar;
}
