import { result, type FieldIssue, type IdentifierResult } from './identifier-result';
import type { JenisKelamin } from './jenis-kelamin';
import { regionPrefixErrors, regionPrefixWarnings } from './region-warnings';

/**
 * NIK: 16 digits PP KK CC DDMMYY SSSS. DD is the day of birth, plus 40 for women. No check digit.
 */
export interface ParsedNik {
  regionCode: string; // "35.15.12"
  day: number; // day of birth, without the +40
  month: number;
  yy: number; // two-digit year
  jenisKelamin: JenisKelamin;
  serial: number;
}

export interface NikExpectations {
  jenisKelamin?: JenisKelamin;
  /** YYYY-MM-DD. */
  tanggalLahir?: string;
}

const LABEL = 'NIK';

export function validateNik(nik: string, expect: NikExpectations = {}, field = 'nik'): IdentifierResult<ParsedNik> {
  if (typeof nik !== 'string' || !/^\d{16}$/.test(nik)) {
    return result([{ field, code: 'NIK_FORMAT', message: 'NIK harus terdiri dari 16 digit angka.' }], []);
  }
  const errors: FieldIssue[] = [...regionPrefixErrors(field, nik.slice(0, 6), LABEL)];
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = Number(nik.slice(12, 16));
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;

  if (!existsInEitherCentury(day, month, yy)) {
    errors.push({
      field,
      code: 'NIK_BIRTH_DATE',
      message: 'Bagian tanggal lahir pada NIK (DDMMYY, tanggal +40 untuk perempuan) tidak valid.',
    });
  }
  if (serial === 0) errors.push({ field, code: 'NIK_SERIAL', message: 'Nomor urut pada NIK harus dimulai dari 0001.' });

  const jenisKelamin: JenisKelamin = female ? 'PEREMPUAN' : 'LAKI-LAKI';
  if (expect.jenisKelamin && expect.jenisKelamin !== jenisKelamin) {
    errors.push({
      field,
      code: 'NIK_SEX_MISMATCH',
      message: `NIK tidak sesuai dengan jenis kelamin ${expect.jenisKelamin} (untuk perempuan tanggal lahir pada NIK ditambah 40).`,
    });
  }
  if (expect.tanggalLahir) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expect.tanggalLahir);
    if (m && (Number(m[3]) !== day || Number(m[2]) !== month || Number(m[1]) % 100 !== yy)) {
      errors.push({
        field,
        code: 'NIK_BIRTH_DATE_MISMATCH',
        message: 'Tanggal lahir pada NIK tidak sesuai dengan tanggal lahir yang diisi.',
      });
    }
  }
  const warnings = errors.some((e) => e.code.startsWith('wilayah.')) ? [] : regionPrefixWarnings(field, nik.slice(0, 6), LABEL);
  const regionCode = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
  return result(errors, warnings, { regionCode, day, month, yy, jenisKelamin, serial });
}

/** Builds the 16 digits of a NIK; used by the local registry. */
export function composeNik(regionCode: string, tanggalLahir: string, jenisKelamin: JenisKelamin, serial: number): string {
  const region = regionCode.replace(/\./g, '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(tanggalLahir);
  if (!/^\d{6}$/.test(region) || !m) throw new RangeError('composeNik needs a 6-digit region and a YYYY-MM-DD date');
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999) throw new RangeError(`NIK serial must be 1..9999, got ${serial}`);
  const dd = Number(m[3]) + (jenisKelamin === 'PEREMPUAN' ? 40 : 0);
  return `${region}${String(dd).padStart(2, '0')}${m[2]}${m[1].slice(2)}${String(serial).padStart(4, '0')}`;
}

/** Two-digit years are ambiguous; a date is plausible if it exists in 19YY or 20YY (29 February). */
export function existsInEitherCentury(day: number, month: number, yy: number): boolean {
  return isCalendarDate(1900 + yy, month, day) || isCalendarDate(2000 + yy, month, day);
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
