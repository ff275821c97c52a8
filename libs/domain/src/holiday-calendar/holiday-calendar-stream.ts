import { fold } from '../shared/decider';
import {
  evolveHolidayCalendar,
  initialHolidayCalendarState,
  type HolidayCalendarEvent,
  type HolidayCalendarState,
} from './holiday-calendar.events';

const STREAM_PREFIX = 'holiday-calendar-';

/** The stream of one year's holiday list; its category (the bus subject token) is "holiday". */
export const holidayCalendarStreamId = (year: number): string => `${STREAM_PREFIX}${year}`;

/** The year of a holiday-calendar stream, or undefined for any other stream. */
export function holidayYearOfStream(streamId: string): number | undefined {
  if (!streamId.startsWith(STREAM_PREFIX)) return undefined;
  const year = Number(streamId.slice(STREAM_PREFIX.length));
  return Number.isInteger(year) ? year : undefined;
}

export const foldHolidayCalendar = (events: readonly HolidayCalendarEvent[]): HolidayCalendarState =>
  fold({ initialState: initialHolidayCalendarState, evolve: evolveHolidayCalendar }, events);
