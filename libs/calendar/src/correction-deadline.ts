import { startOfWibDay, wibDayOf } from './wib-time';

export const CORRECTION_DEADLINE_HOUR_WIB = 12;

/**
 * "harus dipenuhi pemohon paling lambat pukul 12.00 WIB keesokan harinya": 12:00 WIB on the next
 * CALENDAR day after the request, whatever the day (the standard says "keesokan harinya", not
 * "hari kerja berikutnya"), so no holiday data is needed.
 */
export function correctionDeadline(requestedAt: Date): Date {
  const nextDay = wibDayOf(requestedAt) + 1;
  return new Date(startOfWibDay(nextDay).getTime() + CORRECTION_DEADLINE_HOUR_WIB * 60 * 60 * 1000);
}

/** True when the instant is exactly 12:00:00.000 WIB (used by invariant checks). */
export function isNoonWib(instant: Date): boolean {
  return instant.getTime() - startOfWibDay(wibDayOf(instant)).getTime() === CORRECTION_DEADLINE_HOUR_WIB * 3_600_000;
}
