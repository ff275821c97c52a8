/**
 * Asia/Jakarta (WIB) business time by fixed-offset arithmetic.
 * WIB is UTC+7 all year (no daylight saving), so the host TZ and the ICU tz database are never consulted:
 * a server in UTC, a laptop in Europe and CI all compute the same WIB dates.
 */

export const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01 counted on the WIB calendar (an "epoch day"). */
export type WibDay = number;

export interface WibParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function wibDayOf(instant: Date): WibDay {
  return Math.floor((instant.getTime() + WIB_OFFSET_MS) / DAY_MS);
}

/** The instant 00:00 WIB starts the given WIB day. */
export function startOfWibDay(day: WibDay): Date {
  return new Date(day * DAY_MS - WIB_OFFSET_MS);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: WibDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function wibParts(instant: Date): WibParts {
  // Shift by +7 h and read the UTC fields: they are the WIB wall-clock fields.
  const shifted = new Date(instant.getTime() + WIB_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant of a WIB wall-clock time. Throws on impossible dates (e.g. 31 February). */
export function fromWib(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return new Date(utc - WIB_OFFSET_MS);
}

/** "YYYY-MM-DD" of a WIB day. */
export function formatWibDay(day: WibDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** WIB day of a "YYYY-MM-DD" string. */
export function parseWibDay(isoDate: string): WibDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): "${isoDate}"`);
  return wibDayOf(fromWib(Number(m[1]), Number(m[2]), Number(m[3])));
}

export function yearOfWibDay(day: WibDay): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Time of day in WIB as milliseconds since 00:00 WIB. */
export function wibTimeOfDayMs(instant: Date): number {
  return instant.getTime() - startOfWibDay(wibDayOf(instant)).getTime();
}
