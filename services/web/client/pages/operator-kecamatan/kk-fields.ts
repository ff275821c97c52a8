import { JENIS_KELAMIN, KK_VALUES, NEWBORN_HUBUNGAN } from '../../ui/forms/kk-values';

/**
 * The fields of a KK application as the counter shows and enters them, under the API's names
 * (services/gateway submit-application.schema; data/reject names a field as "newborn.tempatLahir").
 * The value lists are the domain's own (ui/forms/kk-values.ts); the API checks every value again.
 */
export interface FieldDef {
  key: string;
  label: string;
  type?: 'date' | 'time' | 'number' | 'tel' | 'email';
  /** Suggested values (a datalist) or a fixed choice (select). */
  values?: readonly string[];
  choice?: boolean;
  optional?: boolean;
  /** Digits only, this many. */
  digits?: number;
  /** The KK's own column name ("Status Perkawinan"), quoted as printed on the card. */
  verbatim?: boolean;
}

export const VALUES = { ...KK_VALUES, jenisKelamin: JENIS_KELAMIN, hubunganBayi: NEWBORN_HUBUNGAN };

export const APPLICANT_FIELDS: FieldDef[] = [
  { key: 'nik', label: 'NIK pemohon', digits: 16 },
  { key: 'namaLengkap', label: 'Nama lengkap pemohon' },
  { key: 'telepon', label: 'Nomor handphone', type: 'tel' },
  { key: 'email', label: 'Alamat email', type: 'email' },
];

export const FAMILY_FIELDS: FieldDef[] = [
  { key: 'noKk', label: 'Nomor KK', digits: 16 },
  { key: 'namaKepalaKeluarga', label: 'Nama kepala keluarga' },
];

export const ADDRESS_FIELDS: FieldDef[] = [
  { key: 'alamat', label: 'Alamat' },
  { key: 'rt', label: 'RT' },
  { key: 'rw', label: 'RW' },
  { key: 'desa', label: 'Kode desa/kelurahan' },
  { key: 'kecamatan', label: 'Kode kecamatan' },
  { key: 'kodePos', label: 'Kode pos', optional: true },
];

export const MEMBER_FIELDS: FieldDef[] = [
  { key: 'namaLengkap', label: 'Nama lengkap' },
  { key: 'nik', label: 'NIK', digits: 16 },
  { key: 'jenisKelamin', label: 'Jenis kelamin', values: VALUES.jenisKelamin, choice: true },
  { key: 'tempatLahir', label: 'Tempat lahir' },
  { key: 'tanggalLahir', label: 'Tanggal lahir', type: 'date' },
  { key: 'agama', label: 'Agama', values: VALUES.agama, choice: true },
  { key: 'pendidikan', label: 'Pendidikan', values: VALUES.pendidikan, choice: true },
  { key: 'jenisPekerjaan', label: 'Jenis pekerjaan', values: VALUES.jenisPekerjaan, choice: true },
  { key: 'golonganDarah', label: 'Golongan darah', values: VALUES.golonganDarah, choice: true },
  { key: 'statusPerkawinan', label: 'Status Perkawinan', values: VALUES.statusPerkawinan, choice: true, verbatim: true },
  { key: 'tanggalPerkawinan', label: 'Tanggal perkawinan', type: 'date', optional: true },
  { key: 'statusHubungan', label: 'Status Hubungan Dalam Keluarga', values: VALUES.statusHubungan, choice: true, verbatim: true },
  { key: 'kewarganegaraan', label: 'Kewarganegaraan', values: VALUES.kewarganegaraan, choice: true },
  { key: 'namaAyah', label: 'Nama ayah' },
  { key: 'namaIbu', label: 'Nama ibu' },
];

export const NEWBORN_FIELDS: FieldDef[] = [
  { key: 'namaLengkap', label: 'Nama bayi' },
  { key: 'jenisKelamin', label: 'Jenis kelamin', values: VALUES.jenisKelamin, choice: true },
  { key: 'tempatLahir', label: 'Tempat lahir' },
  { key: 'tanggalLahir', label: 'Tanggal lahir', type: 'date' },
  { key: 'jamLahir', label: 'Jam lahir', type: 'time', optional: true },
  { key: 'agama', label: 'Agama', values: VALUES.agama, choice: true },
  { key: 'golonganDarah', label: 'Golongan darah', values: VALUES.golonganDarah, choice: true },
  { key: 'kewarganegaraan', label: 'Kewarganegaraan', values: VALUES.kewarganegaraan, choice: true },
  { key: 'statusHubungan', label: 'Status Hubungan Dalam Keluarga', values: VALUES.hubunganBayi, choice: true, verbatim: true },
  { key: 'nikIbu', label: 'NIK ibu', digits: 16 },
  { key: 'namaIbu', label: 'Nama ibu' },
  { key: 'nikAyah', label: 'NIK ayah', digits: 16, optional: true },
  { key: 'namaAyah', label: 'Nama ayah', optional: true },
  { key: 'kelahiranKe', label: 'Kelahiran ke-', type: 'number', optional: true },
  { key: 'penolongKelahiran', label: 'Penolong kelahiran', optional: true },
  { key: 'beratBayiGram', label: 'Berat bayi (gram)', type: 'number', optional: true },
  { key: 'panjangBayiCm', label: 'Panjang bayi (cm)', type: 'number', optional: true },
];

/** Every reviewable field of an application, grouped as the KK reads, with its data/reject name. */
export function reviewGroups(
  memberCount: number,
): { title: string; fields: { path: string; label: string; verbatim?: boolean; at: string[] }[] }[] {
  const group = (title: string, prefix: string, at: string[], defs: FieldDef[]) => ({
    title,
    fields: defs.map((d) => ({ path: `${prefix}.${d.key}`, label: d.label, verbatim: d.verbatim, at: [...at, d.key] })),
  });
  return [
    group('Pemohon', 'applicant', ['applicant'], APPLICANT_FIELDS),
    group('Keluarga', 'family', ['family'], FAMILY_FIELDS),
    group('Alamat', 'family.alamat', ['family', 'alamat'], ADDRESS_FIELDS),
    ...Array.from({ length: memberCount }, (_, i) =>
      group(`Anggota keluarga ${i + 1}`, `family.anggota[${i}]`, ['family', 'anggota', String(i)], MEMBER_FIELDS),
    ),
    group('Bayi yang lahir', 'newborn', ['newborn'], NEWBORN_FIELDS),
  ];
}

/** The value at a path of the submitted data ("family", "anggota", "0", "nik"). */
export function valueAt(data: unknown, at: string[]): string {
  const v = at.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
  return v === undefined || v === null || v === '' ? '–' : String(v);
}
