import type { FieldIssue } from '../identifiers/identifier-result';
import { validateNik } from '../identifiers/nik';
import { validateNoKk } from '../identifiers/no-kk';
import { findVillage, villageStatus } from '../identifiers/wilayah';
import type { ApplicantData, FamilyData, FamilyMember, NewbornData } from './application-data';
import { KK_ENUMS } from './kk-enums';
import {
  ADDRESS_FIELDS,
  APPLICANT_FIELDS,
  checkKnownKeys,
  checkPastDate,
  checkText,
  emailProblem,
  FAMILY_FIELDS,
  KK_TEXT_RULES,
  MAX_FAMILY_MEMBERS,
  MEMBER_FIELDS,
  NEWBORN_FIELDS,
  NEWBORN_MAX_AGE_YEARS,
  wibToday,
  yearsBefore,
  type TextRule,
} from './kk-field-rules';

/** Field checks of submitted data. Each problem names its field and says what is wrong, in Indonesian. */

export interface ValidationOutcome {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** Indonesian mobile numbers: 08…, 628… or +628…, 10 to 14 digits in the 08 form. */
const PHONE = /^(?:\+62|62|0)8\d{7,11}$/;

export function required(out: ValidationOutcome, value: unknown, field: string, label: string): boolean {
  if (typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null) return true;
  out.errors.push({ field, code: 'REQUIRED', message: `${label} wajib diisi.` });
  return false;
}

function oneOf(out: ValidationOutcome, value: unknown, list: readonly string[], field: string, label: string): void {
  if (!required(out, value, field, label)) return;
  if (!list.includes(value as string))
    out.errors.push({ field, code: 'ENUM', message: `${label} tidak dikenal; pilih salah satu nilai yang berlaku.` });
}

/** A text field under its KK rule (docs/decisions/0011-kk-field-rules.md); absent is allowed when `optional`. */
function text(out: ValidationOutcome, value: unknown, rule: TextRule, field: string, label: string, optional = false): void {
  if (optional && value === undefined) return;
  checkText(out.errors, value, rule, field, label);
}

export function validateContact(
  out: ValidationOutcome,
  c: Partial<Pick<ApplicantData, 'telepon' | 'email'>>,
  prefix: string,
  requireBoth: boolean,
): void {
  if (requireBoth || c.telepon !== undefined) {
    if (required(out, c.telepon, `${prefix}.telepon`, 'Nomor handphone')) {
      if (typeof c.telepon !== 'string' || !PHONE.test(c.telepon.replace(/[ -]/g, '')))
        out.errors.push({
          field: `${prefix}.telepon`,
          code: 'PHONE_FORMAT',
          message: 'Nomor handphone tidak valid (contoh: 081234567890).',
        });
    }
  }
  if (requireBoth || c.email !== undefined) {
    if (required(out, c.email, `${prefix}.email`, 'Email')) {
      const problem = emailProblem(c.email);
      if (problem) out.errors.push({ field: `${prefix}.email`, code: 'EMAIL_FORMAT', message: problem });
    }
  }
}

export function validateApplicant(out: ValidationOutcome, a: ApplicantData | undefined, family: FamilyData | undefined): void {
  if (!a || typeof a !== 'object') {
    out.errors.push({ field: 'applicant', code: 'REQUIRED', message: 'Data pemohon wajib diisi.' });
    return;
  }
  checkKnownKeys(out.errors, a, APPLICANT_FIELDS, 'applicant');
  text(out, a.namaLengkap, KK_TEXT_RULES.name, 'applicant.namaLengkap', 'Nama pemohon');
  const member = family?.anggota?.find((m) => m?.nik === a.nik);
  const nik = validateNik(a.nik, member ? { jenisKelamin: member.jenisKelamin, tanggalLahir: member.tanggalLahir } : {}, 'applicant.nik');
  out.errors.push(...nik.errors);
  if (nik.ok && Array.isArray(family?.anggota) && !member) {
    out.errors.push({
      field: 'applicant.nik',
      code: 'APPLICANT_NOT_MEMBER',
      message: 'Pemohon harus anggota keluarga yang tercantum dalam KK ini.',
    });
  }
  validateContact(out, a, 'applicant', true);
}

export function validateFamily(out: ValidationOutcome, f: FamilyData | undefined, kecamatan: string, now: Date): void {
  if (!f || typeof f !== 'object') {
    out.errors.push({ field: 'family', code: 'REQUIRED', message: 'Data keluarga wajib diisi.' });
    return;
  }
  checkKnownKeys(out.errors, f, FAMILY_FIELDS, 'family');
  const kk = validateNoKk(f.noKk, { asOf: now }, 'family.noKk');
  out.errors.push(...kk.errors);
  out.warnings.push(...kk.warnings);
  text(out, f.namaKepalaKeluarga, KK_TEXT_RULES.name, 'family.namaKepalaKeluarga', 'Nama kepala keluarga');
  const a = f.alamat;
  if (!a || typeof a !== 'object') {
    out.errors.push({ field: 'family.alamat', code: 'REQUIRED', message: 'Alamat wajib diisi.' });
  } else {
    checkKnownKeys(out.errors, a, ADDRESS_FIELDS, 'family.alamat');
    text(out, a.alamat, KK_TEXT_RULES.address, 'family.alamat.alamat', 'Alamat');
    for (const part of ['rt', 'rw'] as const) {
      if (
        required(out, a[part], `family.alamat.${part}`, part.toUpperCase()) &&
        !(typeof a[part] === 'string' && /^\d{1,3}$/.test(a[part]))
      ) {
        out.errors.push({
          field: `family.alamat.${part}`,
          code: 'RT_RW_FORMAT',
          message: `${part.toUpperCase()} harus berupa angka 1 sampai 3 digit.`,
        });
      }
    }
    if (a.kecamatan !== kecamatan) {
      out.errors.push({
        field: 'family.alamat.kecamatan',
        code: 'ADDRESS_KECAMATAN',
        message: 'Kecamatan pada alamat harus sama dengan kecamatan tempat permohonan diajukan.',
      });
    }
    const village = typeof a.desa === 'string' ? findVillage(a.desa) : undefined;
    if (!village || village.kecamatanCode !== kecamatan) {
      out.errors.push({ field: 'family.alamat.desa', code: 'ADDRESS_DESA', message: 'Desa/kelurahan tidak dikenal di kecamatan ini.' });
    } else if (villageStatus(a.desa) === 'retired') {
      out.warnings.push({
        field: 'family.alamat.desa',
        code: 'WILAYAH_RETIRED',
        message: `Kode desa/kelurahan ${a.desa} (${village.name}) sudah tidak berlaku.`,
      });
    }
    if (a.kodePos !== undefined && !(typeof a.kodePos === 'string' && /^\d{5}$/.test(a.kodePos))) {
      out.errors.push({ field: 'family.alamat.kodePos', code: 'POSTCODE_FORMAT', message: 'Kode pos harus 5 digit angka.' });
    }
  }
  if (!Array.isArray(f.anggota) || f.anggota.length === 0 || f.anggota.length > MAX_FAMILY_MEMBERS) {
    out.errors.push({
      field: 'family.anggota',
      code: 'REQUIRED',
      message: `Anggota keluarga dalam KK wajib diisi (1 sampai ${MAX_FAMILY_MEMBERS} orang).`,
    });
    return;
  }
  const seen = new Set<string>();
  f.anggota.forEach((m, i) => validateMember(out, m, `family.anggota[${i}]`, now, seen));
  if (!f.anggota.some((m) => m?.statusHubungan === 'KEPALA KELUARGA')) {
    out.errors.push({ field: 'family.anggota', code: 'FAMILY_NO_HEAD', message: 'Salah satu anggota harus berstatus KEPALA KELUARGA.' });
  }
}

function validateMember(out: ValidationOutcome, m: FamilyMember, p: string, now: Date, seen: Set<string>): void {
  if (!m || typeof m !== 'object') {
    out.errors.push({ field: p, code: 'REQUIRED', message: 'Data anggota keluarga wajib diisi.' });
    return;
  }
  checkKnownKeys(out.errors, m, MEMBER_FIELDS, p);
  text(out, m.namaLengkap, KK_TEXT_RULES.name, `${p}.namaLengkap`, 'Nama lengkap');
  oneOf(out, m.jenisKelamin, KK_ENUMS.jenisKelamin, `${p}.jenisKelamin`, 'Jenis kelamin');
  text(out, m.tempatLahir, KK_TEXT_RULES.place, `${p}.tempatLahir`, 'Tempat lahir');
  const born = checkPastDate(out.errors, m.tanggalLahir, `${p}.tanggalLahir`, 'Tanggal lahir', now);
  oneOf(out, m.agama, KK_ENUMS.agama, `${p}.agama`, 'Agama');
  oneOf(out, m.pendidikan, KK_ENUMS.pendidikan, `${p}.pendidikan`, 'Pendidikan');
  oneOf(out, m.jenisPekerjaan, KK_ENUMS.jenisPekerjaan, `${p}.jenisPekerjaan`, 'Jenis pekerjaan');
  oneOf(out, m.golonganDarah, KK_ENUMS.golonganDarah, `${p}.golonganDarah`, 'Golongan darah');
  oneOf(out, m.statusPerkawinan, KK_ENUMS.statusPerkawinan, `${p}.statusPerkawinan`, 'Status perkawinan');
  validateMarriageDate(out, m, p, now, born);
  oneOf(out, m.statusHubungan, KK_ENUMS.statusHubungan, `${p}.statusHubungan`, 'Status hubungan dalam keluarga');
  oneOf(out, m.kewarganegaraan, KK_ENUMS.kewarganegaraan, `${p}.kewarganegaraan`, 'Kewarganegaraan');
  text(out, m.noPaspor, KK_TEXT_RULES.documentNumber, `${p}.noPaspor`, 'Nomor paspor', true);
  text(out, m.noKitap, KK_TEXT_RULES.documentNumber, `${p}.noKitap`, 'Nomor KITAP', true);
  text(out, m.namaAyah, KK_TEXT_RULES.name, `${p}.namaAyah`, 'Nama ayah');
  text(out, m.namaIbu, KK_TEXT_RULES.name, `${p}.namaIbu`, 'Nama ibu');
  const nik = validateNik(m.nik, { jenisKelamin: m.jenisKelamin, tanggalLahir: m.tanggalLahir }, `${p}.nik`);
  out.errors.push(...nik.errors);
  out.warnings.push(...nik.warnings);
  if (nik.ok && seen.has(m.nik))
    out.errors.push({ field: `${p}.nik`, code: 'NIK_DUPLICATE', message: 'NIK yang sama tercantum lebih dari sekali.' });
  seen.add(m.nik);
}

/** Only someone who has married has a marriage date: a real day, not in the future, not before their birth or 1900. */
function validateMarriageDate(out: ValidationOutcome, m: FamilyMember, p: string, now: Date, bornValid: boolean): void {
  const field = `${p}.tanggalPerkawinan`;
  if (m.tanggalPerkawinan === undefined) return;
  if (m.statusPerkawinan === 'BELUM KAWIN') {
    out.errors.push({
      field,
      code: 'MARRIAGE_NOT_MARRIED',
      message: 'Tanggal perkawinan hanya diisi bagi yang berstatus kawin atau pernah kawin.',
    });
    return;
  }
  if (
    checkPastDate(out.errors, m.tanggalPerkawinan, field, 'Tanggal perkawinan', now) &&
    bornValid &&
    m.tanggalPerkawinan < m.tanggalLahir
  ) {
    out.errors.push({ field, code: 'MARRIAGE_BEFORE_BIRTH', message: 'Tanggal perkawinan tidak boleh sebelum tanggal lahir.' });
  }
}

export function validateNewborn(out: ValidationOutcome, n: NewbornData | undefined, now: Date, p = 'newborn'): void {
  if (!n || typeof n !== 'object') {
    out.errors.push({ field: p, code: 'REQUIRED', message: 'Data bayi (F-1.01) wajib diisi.' });
    return;
  }
  checkKnownKeys(out.errors, n, NEWBORN_FIELDS, p);
  text(out, n.namaLengkap, KK_TEXT_RULES.newbornName, `${p}.namaLengkap`, 'Nama bayi');
  oneOf(out, n.jenisKelamin, KK_ENUMS.jenisKelamin, `${p}.jenisKelamin`, 'Jenis kelamin bayi');
  text(out, n.tempatLahir, KK_TEXT_RULES.place, `${p}.tempatLahir`, 'Tempat lahir bayi');
  checkPastDate(
    out.errors,
    n.tanggalLahir,
    `${p}.tanggalLahir`,
    'Tanggal lahir bayi',
    now,
    yearsBefore(wibToday(now), NEWBORN_MAX_AGE_YEARS),
  );
  if (n.jamLahir !== undefined && !(typeof n.jamLahir === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(n.jamLahir))) {
    out.errors.push({ field: `${p}.jamLahir`, code: 'TIME_FORMAT', message: 'Jam lahir harus berformat JJ:MM.' });
  }
  oneOf(out, n.agama, KK_ENUMS.agama, `${p}.agama`, 'Agama bayi');
  oneOf(out, n.golonganDarah, KK_ENUMS.golonganDarah, `${p}.golonganDarah`, 'Golongan darah bayi');
  oneOf(out, n.kewarganegaraan, KK_ENUMS.kewarganegaraan, `${p}.kewarganegaraan`, 'Kewarganegaraan bayi');
  oneOf(out, n.statusHubungan, ['ANAK', 'CUCU', 'FAMILI LAIN', 'LAINNYA'], `${p}.statusHubungan`, 'Status hubungan bayi dalam keluarga');
  text(out, n.namaIbu, KK_TEXT_RULES.name, `${p}.namaIbu`, 'Nama ibu');
  text(out, n.namaAyah, KK_TEXT_RULES.name, `${p}.namaAyah`, 'Nama ayah', true);
  text(out, n.penolongKelahiran, KK_TEXT_RULES.birthAttendant, `${p}.penolongKelahiran`, 'Penolong kelahiran', true);
  const ibu = validateNik(n.nikIbu, { jenisKelamin: 'PEREMPUAN' }, `${p}.nikIbu`);
  out.errors.push(...ibu.errors);
  if (n.nikAyah !== undefined && n.nikAyah !== '') {
    out.errors.push(...validateNik(n.nikAyah, { jenisKelamin: 'LAKI-LAKI' }, `${p}.nikAyah`).errors);
  }
  for (const [key, label] of [
    ['kelahiranKe', 'Kelahiran ke'],
    ['beratBayiGram', 'Berat bayi'],
    ['panjangBayiCm', 'Panjang bayi'],
  ] as const) {
    const v = n[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 100_000)) {
      out.errors.push({ field: `${p}.${key}`, code: 'NUMBER_POSITIVE', message: `${label} harus berupa angka lebih dari 0.` });
    }
  }
}
