import { wibParts } from './wib-time';

/**
 * Dates written out for people in Bahasa Indonesia, in WIB: "Selasa, 3 Maret 2026 pukul 12.00 WIB".
 * Day and month names are the project's own tables, not Intl: a Node built without full ICU, or a
 * host locale, would otherwise silently change the words citizens read in their deadline.
 */

export const NAMA_HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
export const NAMA_BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** "3 Maret 2026": the WIB calendar date of an instant. */
export function formatWibDate(instant: Date): string {
  const p = wibParts(instant);
  return `${p.day} ${NAMA_BULAN[p.month - 1]} ${p.year}`;
}

/** "Selasa, 3 Maret 2026": the WIB date with its day name. */
export function formatWibLongDate(instant: Date): string {
  return `${NAMA_HARI[wibParts(instant).weekday]}, ${formatWibDate(instant)}`;
}

/** "12.00 WIB": Indonesian writes the time with a dot (PUEBI). */
export function formatWibTime(instant: Date): string {
  const p = wibParts(instant);
  return `${two(p.hour)}.${two(p.minute)} WIB`;
}

/** "Selasa, 3 Maret 2026 pukul 12.00 WIB": a deadline as a concrete day, date and time. */
export function formatWibDateTime(instant: Date): string {
  return `${formatWibLongDate(instant)} pukul ${formatWibTime(instant)}`;
}

/** The same from an ISO-8601 string (as events carry time); refuses what is not a date. */
export function formatWibDateTimeIso(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an ISO-8601 instant: "${iso}"`);
  return formatWibDateTime(d);
}
