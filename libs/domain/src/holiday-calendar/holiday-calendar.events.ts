/**
 * One stream per year (`holiday-calendar-2027`) holding the national holidays (libur nasional) and
 * collective leave (cuti bersama) of that year as the joint ministerial decree (SKB 3 Menteri) lists
 * them. A correction replaces the whole list; the stream keeps every list ever published.
 * docs/event-catalog.md describes each event.
 */

export const HOLIDAY_KINDS = ['libur-nasional', 'cuti-bersama'] as const;
export type HolidayDayKind = (typeof HOLIDAY_KINDS)[number];

export interface HolidayDay {
  /** YYYY-MM-DD, a WIB calendar date inside the year. */
  date: string;
  kind: HolidayDayKind;
  /** As the decree names it, e.g. "Tahun Baru Masehi". */
  name: string;
}

/** The decree the list comes from: its number and date (YYYY-MM-DD). */
export interface HolidayDecree {
  number: string;
  date: string;
}

export interface HolidayAdminRef {
  userId: string;
  role: 'admin';
}

interface HolidayListData {
  year: number;
  decree: HolidayDecree;
  /** Sorted by date. */
  days: HolidayDay[];
  by: HolidayAdminRef;
  /** ISO-8601 UTC. */
  at: string;
}

export type HolidayYearPublished = { type: 'HolidayYearPublished'; schemaVersion: 1; data: HolidayListData };
export type HolidayYearCorrected = { type: 'HolidayYearCorrected'; schemaVersion: 1; data: HolidayListData & { reason: string } };
export type HolidayCalendarEvent = HolidayYearPublished | HolidayYearCorrected;

export interface HolidayCalendarState {
  year?: number;
  published: boolean;
  decree?: HolidayDecree;
  days: HolidayDay[];
  /** How many corrections replaced the first list. */
  corrections: number;
  publishedAt?: string;
  updatedAt?: string;
}

export const initialHolidayCalendarState = (): HolidayCalendarState => ({ published: false, days: [], corrections: 0 });

export function evolveHolidayCalendar(state: HolidayCalendarState, event: HolidayCalendarEvent): HolidayCalendarState {
  const { year, decree, days, at } = event.data;
  switch (event.type) {
    case 'HolidayYearPublished':
      return { year, published: true, decree, days, corrections: 0, publishedAt: at, updatedAt: at };
    case 'HolidayYearCorrected':
      return { ...state, year, decree, days, corrections: state.corrections + 1, updatedAt: at };
    default:
      return state;
  }
}
