import { startOfWibDay, wibDayOf } from './wib-time';

const HOUR_MS = 3_600_000;

/**
 * "harus dipenuhi pemohon paling lambat pukul 12.00 WIB keesokan harinya": `hourWib`:00 WIB on the
 * next CALENDAR day after the request, whatever the day (the standard says "keesokan harinya", not
 * "hari kerja berikutnya"), so no holiday data is needed. The hour is the service catalog's
 * (correctionDeadline.hourWib); this function only does the arithmetic.
 */
export function correctionDeadline(requestedAt: Date, hourWib: number): Date {
  if (!Number.isInteger(hourWib) || hourWib < 0 || hourWib > 23) throw new RangeError(`hourWib must be 0-23, got ${hourWib}`);
  const nextDay = wibDayOf(requestedAt) + 1;
  return new Date(startOfWibDay(nextDay).getTime() + hourWib * HOUR_MS);
}

/** True when the instant is exactly `hourWib`:00:00.000 WIB (used by invariant checks). */
export function isOnTheHourWib(instant: Date, hourWib: number): boolean {
  return instant.getTime() - startOfWibDay(wibDayOf(instant)).getTime() === hourWib * HOUR_MS;
}
