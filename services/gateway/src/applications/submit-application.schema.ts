import { z } from 'zod';
import { emailProblem, isIsoDate, KK_ENUMS, KK_TEXT_RULES, MAX_FAMILY_MEMBERS, type TextRule } from '@adminduk/domain';
import { safeText } from '@adminduk/http';

/**
 * The shape of a KK application as the API accepts it: types, no unknown fields, and the KK field
 * rules (docs/decisions/0011-kk-field-rules.md) on the value itself: names, places and list values
 * normalised to capitals, real calendar dates, e-mail within RFC limits, no control or direction
 * characters anywhere. What needs more than the value (NIK structure against the birth date,
 * region codes, dates against today, channel rules) is judged by the domain, which names the field
 * in its own 400 and checks everything above again.
 */

/** A text field under its KK rule: normalised, then checked as the decider checks it. */
export const kkText = (rule: TextRule) =>
  safeText({
    max: rule.max,
    multiline: rule.multiline,
    upperCase: rule.upperCase,
    pattern: { regex: rule.pattern, message: capitalise(rule.message) },
  });

/** A value from a KK value list, accepted in any case (safe text first); the OpenAPI document lists the values. */
const kkValue = (values: readonly string[]) =>
  safeText({ max: KK_TEXT_RULES.listValue.max, upperCase: true }).pipe(
    z.enum(values as [string, ...string[]], {
      errorMap: () => ({ message: 'Nilai tidak dikenal; pilih salah satu nilai daftar KK (lihat dokumentasi API)' }),
    }),
  );

const DATE_MESSAGE = 'Harus berupa tanggal yang benar (YYYY-MM-DD)';
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  .refine(isIsoDate, DATE_MESSAGE);
const email = safeText({ max: 254 }).refine(
  (v) => !emailProblem(v),
  (v) => ({ message: emailProblem(v) ?? 'Alamat email tidak valid' }),
);
const telepon = z.string().regex(/^(\+62|62|0)8\d{7,11}$/, 'Nomor handphone tidak valid (contoh: 081234567890)');
const digits16 = z.string().regex(/^\d{16}$/, 'Harus 16 digit angka');
const kecamatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan harus berformat 35.15.12');
const desaCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berformat 35.15.12.2001');
const jenisKelamin = z.enum(['LAKI-LAKI', 'PEREMPUAN']);
const name = kkText(KK_TEXT_RULES.name);
const place = kkText(KK_TEXT_RULES.place);

export const familyMemberSchema = z
  .object({
    namaLengkap: name,
    nik: digits16,
    jenisKelamin,
    tempatLahir: place,
    tanggalLahir: date,
    agama: kkValue(KK_ENUMS.agama),
    pendidikan: kkValue(KK_ENUMS.pendidikan),
    jenisPekerjaan: kkValue(KK_ENUMS.jenisPekerjaan),
    golonganDarah: kkValue(KK_ENUMS.golonganDarah),
    statusPerkawinan: kkValue(KK_ENUMS.statusPerkawinan),
    tanggalPerkawinan: date.optional(),
    statusHubungan: kkValue(KK_ENUMS.statusHubungan),
    kewarganegaraan: kkValue(KK_ENUMS.kewarganegaraan),
    noPaspor: kkText(KK_TEXT_RULES.documentNumber).optional(),
    noKitap: kkText(KK_TEXT_RULES.documentNumber).optional(),
    namaAyah: name,
    namaIbu: name,
  })
  .strict();

export const newbornSchema = z
  .object({
    namaLengkap: kkText(KK_TEXT_RULES.newbornName),
    jenisKelamin,
    tempatLahir: place,
    tanggalLahir: date,
    jamLahir: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Harus berformat JJ:MM')
      .optional(),
    agama: kkValue(KK_ENUMS.agama),
    golonganDarah: kkValue(KK_ENUMS.golonganDarah),
    kewarganegaraan: kkValue(KK_ENUMS.kewarganegaraan),
    statusHubungan: kkValue(['ANAK', 'CUCU', 'FAMILI LAIN', 'LAINNYA']),
    nikIbu: digits16,
    nikAyah: digits16.optional(),
    namaIbu: name,
    namaAyah: name.optional(),
    kelahiranKe: z.number().int().min(1).max(30).optional(),
    penolongKelahiran: kkText(KK_TEXT_RULES.birthAttendant).optional(),
    beratBayiGram: z.number().int().min(300).max(8000).optional(),
    panjangBayiCm: z.number().min(20).max(70).optional(),
  })
  .strict();

export const submitApplicationSchema = z
  .object({
    serviceType: z
      .string()
      .regex(/^[a-z0-9-]{2,60}$/, 'Jenis layanan tidak dikenal')
      .optional(),
    kecamatan: kecamatanCode,
    applicant: z.object({ nik: digits16, namaLengkap: name, telepon, email }).strict(),
    family: z
      .object({
        noKk: digits16,
        namaKepalaKeluarga: name,
        alamat: z
          .object({
            alamat: kkText(KK_TEXT_RULES.address),
            rt: z.string().regex(/^\d{1,3}$/, 'RT harus angka, maksimal 3 digit'),
            rw: z.string().regex(/^\d{1,3}$/, 'RW harus angka, maksimal 3 digit'),
            desa: desaCode,
            kecamatan: kecamatanCode,
            kodePos: z
              .string()
              .regex(/^\d{5}$/, 'Kode pos harus 5 digit')
              .optional(),
          })
          .strict(),
        anggota: z.array(familyMemberSchema).min(1).max(MAX_FAMILY_MEMBERS),
      })
      .strict(),
    newborn: newbornSchema,
    memilikiIjazah: z.boolean().optional(),
    presentedRequirementIds: z
      .array(z.string().regex(/^[a-z0-9-]{2,60}$/, 'ID persyaratan tidak valid'))
      .max(20)
      .optional(),
  })
  .strict();

export type SubmitApplicationBody = z.infer<typeof submitApplicationSchema>;

/** Contact details as a correction may change them. */
export const contactSchema = z.object({ telepon: telepon.optional(), email: email.optional() }).strict();

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
