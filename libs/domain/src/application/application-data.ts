import type { JenisKelamin } from '../identifiers/jenis-kelamin';

/** Data carried by a KK application. Names follow the KK columns and form F-1.01 (enums-kk.json). */

export interface ApplicantData {
  nik: string;
  namaLengkap: string;
  /** Personal mobile number; required by the standard ("Nomor handphone dan email pribadi"). */
  telepon: string;
  email: string;
}

export interface Address {
  alamat: string;
  rt: string; // "001"
  rw: string; // "002"
  /** Kemendagri village code, "35.15.12.2001". */
  desa: string;
  /** Kemendagri kecamatan code, "35.15.12". */
  kecamatan: string;
  kodePos?: string;
}

/** One row of the KK: table 1 and table 2 columns. */
export interface FamilyMember {
  namaLengkap: string;
  nik: string;
  jenisKelamin: JenisKelamin;
  tempatLahir: string;
  tanggalLahir: string; // YYYY-MM-DD
  agama: string;
  pendidikan: string;
  jenisPekerjaan: string;
  golonganDarah: string;
  statusPerkawinan: string;
  tanggalPerkawinan?: string;
  statusHubungan: string;
  kewarganegaraan: string;
  noPaspor?: string;
  noKitap?: string;
  namaAyah: string;
  namaIbu: string;
}

export interface FamilyData {
  noKk: string;
  namaKepalaKeluarga: string;
  alamat: Address;
  anggota: FamilyMember[];
}

/** The newborn's biodata (F-1.01) and birth facts (surat kelahiran). */
export interface NewbornData {
  namaLengkap: string;
  jenisKelamin: JenisKelamin;
  tempatLahir: string;
  tanggalLahir: string; // YYYY-MM-DD
  jamLahir?: string; // HH:MM
  agama: string;
  golonganDarah: string;
  kewarganegaraan: string;
  statusHubungan: string;
  nikIbu: string;
  nikAyah?: string;
  namaIbu: string;
  namaAyah?: string;
  kelahiranKe?: number;
  penolongKelahiran?: string;
  beratBayiGram?: number;
  panjangBayiCm?: number;
}
