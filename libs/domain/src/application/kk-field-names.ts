/**
 * The field names of a submission's parts, as the API takes them. A module of its own with no
 * imports, so the web client's forms build their request bodies from the same lists the domain
 * checks them against (the domain's entry is Node code; this file is not).
 */
export const APPLICANT_FIELDS = ['nik', 'namaLengkap', 'telepon', 'email'] as const;
export const FAMILY_FIELDS = ['noKk', 'namaKepalaKeluarga', 'alamat', 'anggota'] as const;
export const ADDRESS_FIELDS = ['alamat', 'rt', 'rw', 'desa', 'kecamatan', 'kodePos'] as const;
export const MEMBER_FIELDS = [
  'namaLengkap',
  'nik',
  'jenisKelamin',
  'tempatLahir',
  'tanggalLahir',
  'agama',
  'pendidikan',
  'jenisPekerjaan',
  'golonganDarah',
  'statusPerkawinan',
  'tanggalPerkawinan',
  'statusHubungan',
  'kewarganegaraan',
  'noPaspor',
  'noKitap',
  'namaAyah',
  'namaIbu',
] as const;
export const NEWBORN_FIELDS = [
  'namaLengkap',
  'jenisKelamin',
  'tempatLahir',
  'tanggalLahir',
  'jamLahir',
  'agama',
  'golonganDarah',
  'kewarganegaraan',
  'statusHubungan',
  'nikIbu',
  'nikAyah',
  'namaIbu',
  'namaAyah',
  'kelahiranKe',
  'penolongKelahiran',
  'beratBayiGram',
  'panjangBayiCm',
] as const;
