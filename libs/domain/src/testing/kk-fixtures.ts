import { fromWib } from '@adminduk/calendar';
import type { CommandActor } from '../application/actor';
import type { ApplicantData, FamilyData, NewbornData } from '../application/application-data';
import type { SubmitApplication } from '../application/application.commands';
import type { Channel } from '../catalog/catalog.types';

/** A fictional family in Desa Wonokupang, Kecamatan Balongbendo. All numbers are made up but well-formed. */

export const BALONGBENDO = '35.15.12';
export const WONOKUPANG = '35.15.12.2001';

export const actors = {
  operator: { userId: 'op-balongbendo-1', role: 'operator-kecamatan', kecamatan: BALONGBENDO },
  operatorElsewhere: { userId: 'op-krian-1', role: 'operator-kecamatan', kecamatan: '35.15.11' },
  /** BUDI SANTOSO, the applicant and head of the family below. */
  applicant: { userId: 'warga-1', role: 'pemohon', nik: '3515121203880001' },
  /** SITI AMINAH, his wife: a member of the same family. */
  familyMember: { userId: 'warga-3', role: 'pemohon', nik: '3515125907900002' },
  /** A citizen of Tarik in no family here. */
  otherApplicant: { userId: 'warga-2', role: 'pemohon', nik: '3515011505850003' },
  villageOfficer: { userId: 'desa-wonokupang-1', role: 'petugas-desa', kecamatan: BALONGBENDO, desa: WONOKUPANG },
  villageOfficerElsewhere: { userId: 'desa-singkalan-1', role: 'petugas-desa', kecamatan: BALONGBENDO, desa: '35.15.12.2003' },
  signer: { userId: 'kadis-1', role: 'penandatangan' },
  system: { userId: 'deadline-scheduler', role: 'system' },
} satisfies Record<string, CommandActor>;

export const family = (): FamilyData => ({
  noKk: '3515120203150007',
  namaKepalaKeluarga: 'BUDI SANTOSO',
  alamat: { alamat: 'Jl. Raya Wonokupang No. 12', rt: '003', rw: '001', desa: WONOKUPANG, kecamatan: BALONGBENDO, kodePos: '61263' },
  anggota: [
    member('BUDI SANTOSO', '3515121203880001', 'LAKI-LAKI', '1988-03-12', 'KEPALA KELUARGA', 'KAWIN', 'SLTA/SEDERAJAT', 'WIRASWASTA'),
    member('SITI AMINAH', '3515125907900002', 'PEREMPUAN', '1990-07-19', 'ISTRI', 'KAWIN', 'SLTA/SEDERAJAT', 'MENGURUS RUMAH TANGGA'),
    member(
      'RAFI SANTOSO',
      '3515120505150003',
      'LAKI-LAKI',
      '2015-05-05',
      'ANAK',
      'BELUM KAWIN',
      'BELUM TAMAT SD/SEDERAJAT',
      'PELAJAR/MAHASISWA',
    ),
  ],
});

function member(
  nama: string,
  nik: string,
  jk: 'LAKI-LAKI' | 'PEREMPUAN',
  lahir: string,
  hubungan: string,
  kawin: string,
  pendidikan: string,
  pekerjaan: string,
) {
  return {
    namaLengkap: nama,
    nik,
    jenisKelamin: jk,
    tempatLahir: 'SIDOARJO',
    tanggalLahir: lahir,
    agama: 'ISLAM',
    pendidikan,
    jenisPekerjaan: pekerjaan,
    golonganDarah: 'O',
    statusPerkawinan: kawin,
    ...(kawin === 'KAWIN' ? { tanggalPerkawinan: '2014-02-14' } : {}),
    statusHubungan: hubungan,
    kewarganegaraan: 'WNI',
    namaAyah: hubungan === 'ANAK' ? 'BUDI SANTOSO' : 'AYAH ' + nama.split(' ')[0],
    namaIbu: hubungan === 'ANAK' ? 'SITI AMINAH' : 'IBU ' + nama.split(' ')[0],
  };
}

export const applicant = (): ApplicantData => ({
  nik: '3515121203880001',
  namaLengkap: 'BUDI SANTOSO',
  telepon: '081234567890',
  email: 'budi.santoso@example.com',
});

export const newborn = (): NewbornData => ({
  namaLengkap: 'AISYAH PUTRI SANTOSO',
  jenisKelamin: 'PEREMPUAN',
  tempatLahir: 'SIDOARJO',
  tanggalLahir: '2025-01-03',
  jamLahir: '04:30',
  agama: 'ISLAM',
  golonganDarah: 'TIDAK TAHU',
  kewarganegaraan: 'WNI',
  statusHubungan: 'ANAK',
  nikIbu: '3515125907900002',
  nikAyah: '3515121203880001',
  namaIbu: 'SITI AMINAH',
  namaAyah: 'BUDI SANTOSO',
  kelahiranKe: 2,
  penolongKelahiran: 'BIDAN',
  beratBayiGram: 3100,
  panjangBayiCm: 49,
});

/** Every document requirement of the KK service except the conditional ijazah. */
export const DOCUMENT_REQUIREMENTS = [
  'kartu-keluarga',
  'surat-kelahiran',
  'formulir-f101-f102',
  'ktp-el-orang-tua',
  'buku-nikah-akta-perkawinan',
  'surat-pengantar-rt-rw',
];

export const SUBMITTER: Record<Channel, CommandActor> = {
  'tatap-muka': actors.operator,
  'daring-mandiri': actors.applicant,
  'daring-desa': actors.villageOfficer,
};

export function submitCommand(
  channel: Channel,
  overrides: Partial<SubmitApplication['data']> = {},
  actor: CommandActor = SUBMITTER[channel],
): SubmitApplication {
  return {
    type: 'SubmitApplication',
    actor,
    data: {
      applicationId: 'app-0001',
      channel,
      kecamatan: BALONGBENDO,
      applicant: applicant(),
      family: family(),
      newborn: newborn(),
      memilikiIjazah: false,
      ...(channel === 'tatap-muka' ? { presentedRequirementIds: [...DOCUMENT_REQUIREMENTS] } : {}),
      ...overrides,
    },
  };
}

/** Monday 6 January 2025, 09:00 WIB: a plain working day. */
export const MONDAY_0900 = fromWib(2025, 1, 6, 9);

export const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** Development signer certificate subject used in fixtures (not a real person). */
export const SIGNER_SUBJECT = 'CN=Kepala Dinas Kependudukan dan Pencatatan Sipil (DEV),O=Pemerintah Kabupaten Sidoarjo,C=ID';

/** RecordSignature data as a signer port would report it, signed at `signingTime`. */
export const signatureData = (documentId: string, sha256: string, signingTime: Date) => ({
  documentId,
  sha256,
  certificateSerial: '3F1C9A52',
  signerSubject: SIGNER_SUBJECT,
  signingTime: signingTime.toISOString(),
});
