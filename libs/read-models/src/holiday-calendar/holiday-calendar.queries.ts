import type { EntityManager } from 'typeorm';
import { indonesianHolidays, withPublishedYears, WorkingCalendar, type HolidayEntry } from '@adminduk/calendar';
import { HolidayYearView } from './holiday-year-view.entity';

/**
 * The working calendar in force: the shipped file, each published year replacing its part, and the
 * fixed-date holidays (provisional) for years nobody has published. One small query (a row per year).
 */
export async function workingCalendarOf(em: EntityManager): Promise<WorkingCalendar> {
  const rows = await em.getRepository(HolidayYearView).find();
  const published = new Map<number, readonly HolidayEntry[]>(rows.map((r) => [r.year, r.days]));
  return new WorkingCalendar(withPublishedYears(indonesianHolidays, published), { beyondData: 'fixed-dates' });
}
