import { result, type FieldIssue, type IdentifierResult } from './identifier-result';
import { existsInEitherCentury, isCalendarDate } from './nik';
import { regionPrefixErrors, regionPrefixWarnings } from './region-warnings';

/**
 * No. KK: 16 digits = region code where issued (6) + date of recording DDMMYY (no +40) + serial (4).
 * The number is kept when a member is added; only the card is re-issued.
 */
export interface ParsedNoKk {
  regionCode: string;
  day: number;
  month: number;
  yy: number;
  serial: number;
}

export interface NoKkOptions {
  /** When given, a recording date after this instant's UTC date is an error (the KK cannot be from the future). */
  asOf?: Date;
}

const LABEL = 'No. KK';

export function validateNoKk(noKk: string, options: NoKkOptions = {}, field = 'noKk'): IdentifierResult<ParsedNoKk> {
  if (typeof noKk !== 'string' || !/^\d{16}$/.test(noKk)) {
    return result([{ field, code: 'KK_FORMAT', message: 'Nomor KK harus terdiri dari 16 digit angka.' }], []);
  }
  const errors: FieldIssue[] = [...regionPrefixErrors(field, noKk.slice(0, 6), LABEL)];
  const day = Number(noKk.slice(6, 8));
  const month = Number(noKk.slice(8, 10));
  const yy = Number(noKk.slice(10, 12));
  const serial = Number(noKk.slice(12, 16));

  if (day > 40 && existsInEitherCentury(day - 40, month, yy)) {
    errors.push({
      field,
      code: 'KK_RECORD_DATE',
      message: 'Tanggal pencatatan pada Nomor KK tidak memakai tambahan 40 (itu hanya untuk NIK perempuan).',
    });
  } else if (!existsInEitherCentury(day, month, yy)) {
    errors.push({ field, code: 'KK_RECORD_DATE', message: 'Bagian tanggal pencatatan pada Nomor KK (DDMMYY) tidak valid.' });
  } else if (options.asOf && isFuture(day, month, yy, options.asOf)) {
    errors.push({ field, code: 'KK_RECORD_DATE_FUTURE', message: 'Tanggal pencatatan pada Nomor KK belum terjadi.' });
  }
  if (serial === 0) errors.push({ field, code: 'KK_SERIAL', message: 'Nomor urut pada Nomor KK harus dimulai dari 0001.' });

  const warnings = errors.some((e) => e.code.startsWith('wilayah.')) ? [] : regionPrefixWarnings(field, noKk.slice(0, 6), LABEL);
  return result(errors, warnings, { regionCode: `${noKk.slice(0, 2)}.${noKk.slice(2, 4)}.${noKk.slice(4, 6)}`, day, month, yy, serial });
}

/** A two-digit year above the current one is read as 19YY, so only a date later this year can be "future". */
function isFuture(day: number, month: number, yy: number, asOf: Date): boolean {
  const thisYear = asOf.getUTCFullYear();
  const century = yy <= thisYear % 100 ? Math.floor(thisYear / 100) * 100 : Math.floor(thisYear / 100) * 100 - 100;
  const year = century + yy;
  if (!isCalendarDate(year, month, day)) return false;
  return Date.UTC(year, month - 1, day) > Date.UTC(thisYear, asOf.getUTCMonth(), asOf.getUTCDate());
}
