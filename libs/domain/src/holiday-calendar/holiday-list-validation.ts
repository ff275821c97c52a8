import { fromWib } from '@adminduk/calendar';
import type { FieldIssue } from '../identifiers/identifier-result';
import { unsafeTextProblem } from '../shared/safe-text';
import { HOLIDAY_KINDS, type HolidayDay, type HolidayDecree } from './holiday-calendar.events';

export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;
/** A year has about 25 days off; far more is a mistake in the file, not a decree. */
export const MAX_HOLIDAY_DAYS = 60;
export const HOLIDAY_NAME_MAX = 120;
export const DECREE_NUMBER_MAX = 120;
export const CORRECTION_REASON_MAX = 500;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The year of a valid YYYY-MM-DD calendar date, or undefined. */
function yearOfDate(value: unknown): number | undefined {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) return undefined;
  try {
    fromWib(Number(m[1]), Number(m[2]), Number(m[3]));
    return Number(m[1]);
  } catch {
    return undefined;
  }
}

const issue = (field: string, code: string, message: string): FieldIssue => ({ field, code, message });

/** Problems of one free text field (required, length, safe characters). */
function textIssues(field: string, value: unknown, max: number, min = 1): FieldIssue[] {
  if (typeof value !== 'string' || value.trim().length < min) return [issue(field, 'REQUIRED', `Wajib diisi (minimal ${min} karakter)`)];
  if (value.length > max) return [issue(field, 'TOO_LONG', `Paling banyak ${max} karakter`)];
  const unsafe = unsafeTextProblem(value);
  return unsafe ? [issue(field, 'UNSAFE_TEXT', unsafe)] : [];
}

export function yearIssues(year: unknown): FieldIssue[] {
  if (typeof year === 'number' && Number.isInteger(year) && year >= HOLIDAY_YEAR_MIN && year <= HOLIDAY_YEAR_MAX) return [];
  return [issue('year', 'INVALID', `Tahun harus bilangan bulat ${HOLIDAY_YEAR_MIN}-${HOLIDAY_YEAR_MAX}`)];
}

export function decreeIssues(decree: HolidayDecree | undefined): FieldIssue[] {
  if (!decree || typeof decree !== 'object') return [issue('decree', 'REQUIRED', 'Nomor dan tanggal SKB wajib diisi')];
  const out = textIssues('decree.number', decree.number, DECREE_NUMBER_MAX);
  if (yearOfDate(decree.date) === undefined)
    out.push(issue('decree.date', 'INVALID_DATE', 'Tanggal SKB harus tanggal yang sah (YYYY-MM-DD)'));
  return out;
}

/** Every problem of the list at once: dates inside the year, no date twice, known kinds, safe names. */
export function holidayListIssues(year: number, days: readonly HolidayDay[] | undefined): FieldIssue[] {
  if (!Array.isArray(days) || days.length === 0) return [issue('days', 'REQUIRED', 'Daftar hari libur tidak boleh kosong')];
  if (days.length > MAX_HOLIDAY_DAYS) return [issue('days', 'TOO_MANY', `Paling banyak ${MAX_HOLIDAY_DAYS} hari dalam setahun`)];
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const at = `days[${i}]`;
    const dateYear = yearOfDate(d?.date);
    if (dateYear === undefined) out.push(issue(`${at}.date`, 'INVALID_DATE', 'Harus tanggal yang sah (YYYY-MM-DD)'));
    else if (dateYear !== year) out.push(issue(`${at}.date`, 'OUTSIDE_YEAR', `Tanggal harus di dalam tahun ${year}`));
    else if (seen.has(d.date)) out.push(issue(`${at}.date`, 'DUPLICATE', 'Tanggal ini sudah ada di daftar'));
    else seen.add(d.date);
    if (!HOLIDAY_KINDS.includes(d?.kind))
      out.push(issue(`${at}.kind`, 'UNKNOWN_KIND', `Jenis harus salah satu dari: ${HOLIDAY_KINDS.join(', ')}`));
    out.push(...textIssues(`${at}.name`, d?.name, HOLIDAY_NAME_MAX, 3));
  });
  return out;
}

export function reasonIssues(reason: unknown): FieldIssue[] {
  return textIssues('reason', reason, CORRECTION_REASON_MAX, 3);
}
