import holidaysJson from '../data/holidays-id.json';
import { parseWibDay, yearOfWibDay, type WibDay } from './wib-time';

export type HolidayKind = 'libur-nasional' | 'cuti-bersama';

export interface HolidayEntry {
  date: string; // YYYY-MM-DD (WIB)
  kind: HolidayKind | string;
  /** The holiday's name as the decree gives it (absent in the shipped file). */
  name?: string;
  weekday?: string;
}

export interface HolidayData {
  days: readonly HolidayEntry[];
  /**
   * Years the data is complete for. Defaults to every year that has at least one entry: Indonesia has
   * national holidays in every year, so a year with no entry is a year nobody has entered yet.
   */
  coveredYears?: readonly number[];
}

export interface HolidayIndex {
  readonly holidays: ReadonlyMap<WibDay, HolidayEntry>;
  readonly coveredYears: readonly number[];
}

export function indexHolidays(data: HolidayData): HolidayIndex {
  const holidays = new Map<WibDay, HolidayEntry>();
  const years = new Set<number>(data.coveredYears ?? []);
  for (const entry of data.days) {
    const day = parseWibDay(entry.date);
    holidays.set(day, entry);
    if (!data.coveredYears) years.add(yearOfWibDay(day));
  }
  return { holidays, coveredYears: [...years].sort((a, b) => a - b) };
}

/**
 * The shipped data with some years replaced by their published lists (the holiday-calendar events):
 * a published year is covered by exactly its list, whatever the file said for it.
 */
export function withPublishedYears(base: HolidayData, published: ReadonlyMap<number, readonly HolidayEntry[]>): HolidayData {
  const baseIndex = indexHolidays(base);
  const days = base.days.filter((d) => !published.has(yearOfWibDay(parseWibDay(d.date))));
  for (const list of published.values()) days.push(...list);
  const years = new Set([...baseIndex.coveredYears, ...published.keys()]);
  return { days, coveredYears: [...years].sort((a, b) => a - b) };
}

/** The copy of shared/domain/holidays-id.json kept in libs/calendar/data (2025 and 2026). */
export const indonesianHolidays: HolidayData = holidaysJson as HolidayData;
