import { fromWib, wibParts } from './wib-time';

/** From this WIB month (October) admins are warned that next year's holidays are not published yet. */
export const NEXT_YEAR_WARNING_FROM_MONTH = 10;

export interface HolidayYearStatus {
  /** The year the status is about: next year from 1 October WIB, otherwise this year. */
  year: number;
  published: boolean;
  /** Indonesian text for admins, or null when nothing needs doing. */
  warning: string | null;
}

/**
 * Whether the year that matters now has its holiday list: this year until 30 September WIB, next
 * year from 1 October (the SKB 3 Menteri for the next year usually appears in September or October,
 * and due times in it are provisional until it is published). A missing list is a warning, never a
 * failure: due times stay computed, marked provisional.
 */
export function holidayYearStatus(now: Date, isCovered: (year: number) => boolean): HolidayYearStatus {
  const { year, month } = wibParts(now);
  const thisYear = isCovered(year);
  if (!thisYear) return { year, published: false, warning: missing(year) };
  if (month < NEXT_YEAR_WARNING_FROM_MONTH) return { year, published: true, warning: null };
  const next = year + 1;
  const published = isCovered(next);
  return { year: next, published, warning: published ? null : missing(next) };
}

function missing(year: number): string {
  return `Daftar hari libur nasional dan cuti bersama tahun ${year} belum diterbitkan; batas waktu layanan pada tahun itu masih sementara.`;
}

/** 1 October 00:00 WIB of a year: the first moment of the warning (for tests and docs). */
export const warningStartsAt = (year: number): Date => fromWib(year, NEXT_YEAR_WARNING_FROM_MONTH, 1);
