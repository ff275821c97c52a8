import { z } from 'zod';

/**
 * The shape of a KK application as the API accepts it. Shape only (types, lengths, no unknown
 * fields); the meaning (NIK structure, region codes, value lists, channel rules) is judged by the
 * domain, which names the field in its own 400.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Harus berupa tanggal YYYY-MM-DD');
const text = (max = 120) => z.string().trim().min(1).max(max);
const digits16 = z.string().regex(/^\d{16}$/, 'Harus 16 digit angka');
const kecamatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Kode kecamatan harus berformat 35.15.12');
const desaCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berformat 35.15.12.2001');
const jenisKelamin = z.enum(['LAKI-LAKI', 'PEREMPUAN']);

export const familyMemberSchema = z
  .object({
    namaLengkap: text(),
    nik: digits16,
    jenisKelamin,
    tempatLahir: text(60),
    tanggalLahir: date,
    agama: text(60),
    pendidikan: text(60),
    jenisPekerjaan: text(80),
    golonganDarah: text(20),
    statusPerkawinan: text(40),
    tanggalPerkawinan: date.optional(),
    statusHubungan: text(40),
    kewarganegaraan: text(10),
    noPaspor: z.string().max(20).optional(),
    noKitap: z.string().max(20).optional(),
    namaAyah: text(),
    namaIbu: text(),
  })
  .strict();

export const newbornSchema = z
  .object({
    namaLengkap: text(),
    jenisKelamin,
    tempatLahir: text(60),
    tanggalLahir: date,
    jamLahir: z.string().regex(/^\d{2}:\d{2}$/, 'Harus berformat JJ:MM').optional(),
    agama: text(60),
    golonganDarah: text(20),
    kewarganegaraan: text(10),
    statusHubungan: text(40),
    nikIbu: digits16,
    nikAyah: digits16.optional(),
    namaIbu: text(),
    namaAyah: text().optional(),
    kelahiranKe: z.number().int().min(1).max(30).optional(),
    penolongKelahiran: z.string().max(40).optional(),
    beratBayiGram: z.number().int().min(300).max(8000).optional(),
    panjangBayiCm: z.number().min(20).max(70).optional(),
  })
  .strict();

export const submitApplicationSchema = z
  .object({
    serviceType: z.string().max(60).optional(),
    kecamatan: kecamatanCode,
    applicant: z
      .object({
        nik: digits16,
        namaLengkap: text(),
        telepon: z.string().regex(/^(\+62|62|0)8\d{7,12}$/, 'Nomor handphone tidak valid (contoh: 081234567890)'),
        email: z.string().email(),
      })
      .strict(),
    family: z
      .object({
        noKk: digits16,
        namaKepalaKeluarga: text(),
        alamat: z
          .object({
            alamat: text(200),
            rt: z.string().regex(/^\d{1,3}$/, 'RT harus angka, maksimal 3 digit'),
            rw: z.string().regex(/^\d{1,3}$/, 'RW harus angka, maksimal 3 digit'),
            desa: desaCode,
            kecamatan: kecamatanCode,
            kodePos: z.string().regex(/^\d{5}$/, 'Kode pos harus 5 digit').optional(),
          })
          .strict(),
        anggota: z.array(familyMemberSchema).min(1).max(30),
      })
      .strict(),
    newborn: newbornSchema,
    memilikiIjazah: z.boolean().optional(),
    presentedRequirementIds: z.array(z.string().max(60)).max(20).optional(),
  })
  .strict();

export type SubmitApplicationBody = z.infer<typeof submitApplicationSchema>;

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key harus 8-100 karakter huruf, angka, - atau _');
