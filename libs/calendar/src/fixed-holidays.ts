import type { HolidayEntry } from './holiday-data';

/**
 * National holidays whose date never moves (UU/Keppres: Tahun Baru Masehi, Hari Buruh, Hari Lahir
 * Pancasila, Hari Kemerdekaan, Natal). They are known for every year, so a year whose SKB list is not
 * published yet still has them; the moving ones (Islamic, Chinese, Hindu, Buddhist, Christian feasts
 * tied to Easter) and cuti bersama come only with the published list.
 */
export const FIXED_DATE_HOLIDAYS: readonly { month: number; day: number; name: string }[] = [
  { month: 1, day: 1, name: 'Tahun Baru Masehi' },
  { month: 5, day: 1, name: 'Hari Buruh Internasional' },
  { month: 6, day: 1, name: 'Hari Lahir Pancasila' },
  { month: 8, day: 17, name: 'Hari Kemerdekaan Republik Indonesia' },
  { month: 12, day: 25, name: 'Hari Raya Natal' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The fixed-date national holidays of one year. */
export function fixedDateHolidays(year: number): HolidayEntry[] {
  return FIXED_DATE_HOLIDAYS.map((h) => ({ date: `${year}-${pad(h.month)}-${pad(h.day)}`, kind: 'libur-nasional', name: h.name }));
}
