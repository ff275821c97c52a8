import type { FieldIssue } from './identifier-result';
import { dottedRegionCode, kecamatanStatus } from './wilayah';

/** Warnings (never errors) about the 6-digit region prefix of a NIK or No. KK. */
export function regionPrefixWarnings(field: string, prefix6: string, label: string): FieldIssue[] {
  const dotted = dottedRegionCode(prefix6) ?? prefix6;
  switch (kecamatanStatus(prefix6)) {
    case 'active':
      return [];
    case 'outside-data':
      return [
        {
          field,
          code: 'WILAYAH_OUTSIDE_DATA',
          message: `Kode wilayah ${dotted} pada ${label} berada di luar data wilayah yang tersedia dan tidak dapat diperiksa.`,
        },
      ];
    default:
      return [
        {
          field,
          code: 'WILAYAH_UNKNOWN',
          message: `Kode wilayah ${dotted} pada ${label} tidak ada dalam daftar kode wilayah saat ini (mungkin sudah tidak berlaku).`,
        },
      ];
  }
}

/** Structural checks of PP KK CC: 00 is never a code, regency 70 is neither kabupaten (01-69) nor kota (71-99). */
export function regionPrefixErrors(field: string, prefix6: string, label: string): FieldIssue[] {
  const pp = Number(prefix6.slice(0, 2));
  const kk = Number(prefix6.slice(2, 4));
  const cc = Number(prefix6.slice(4, 6));
  const errors: FieldIssue[] = [];
  if (pp < 11) errors.push({ field, code: 'WILAYAH_PROVINCE', message: `Kode provinsi ${prefix6.slice(0, 2)} pada ${label} tidak valid.` });
  if (kk === 0 || kk === 70)
    errors.push({
      field,
      code: 'WILAYAH_REGENCY',
      message: `Kode kabupaten/kota ${prefix6.slice(2, 4)} pada ${label} tidak valid (01-69 kabupaten, 71-99 kota).`,
    });
  if (cc === 0) errors.push({ field, code: 'WILAYAH_KECAMATAN', message: `Kode kecamatan 00 pada ${label} tidak valid.` });
  return errors;
}
